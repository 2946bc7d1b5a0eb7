// The pattern forms of `${NAME...}` over one value: trimming a prefix or suffix (`#`, `##`,
// `%`, `%%`), replacing matches (`/`, `//`, `/#`, `/%`), changing case (`^^`, `^`, `,,`, `,`)
// and substrings (`${NAME:offset:length}`). Patterns are globs matched by RE2 (linear time),
// so no value or pattern of a script can stall the simulation.
import type { RE2JS } from 're2js';
import type { PatternOp } from './ast.js';
import { re2Package } from './re2-package.js';

/** The glob of a trimming or replacement form, as RE2 sources (conditions.ts globSource). */
export interface GlobSources {
  greedy: string;
  lazy: string;
}

function compiled(source: string): RE2JS | undefined {
  const { RE2JS: engine, RE2JSException } = re2Package();
  try {
    return engine.compile(source, engine.DOTALL);
  } catch (error) {
    // A bracket expression RE2 refuses matches nothing, as an invalid `case` pattern does.
    if (error instanceof RE2JSException) return undefined;
    throw error;
  }
}

/** `#` `##` `%` `%%`: the value less the shortest or longest prefix or suffix the glob matches. */
export function trimmed(op: '#' | '##' | '%' | '%%', value: string, glob: GlobSources): string {
  if (op === '#' || op === '##') {
    const matcher = compiled(`^(?:${op === '#' ? glob.lazy : glob.greedy})`)?.matcher(value);
    return matcher?.lookingAt() ? value.slice(matcher.end()) : value;
  }
  // The suffix starts where the glob, anchored at the end, can start: latest for the shortest.
  const lead = op === '%' ? '.*' : '.*?';
  const matcher = compiled(`^${lead}(${glob.greedy})$`)?.matcher(value);
  return matcher?.matches() ? value.slice(0, matcher.start(1)) : value;
}

/** `/` `//` `/#` `/%`: the first, every, a leading or a trailing match replaced. */
export function replaced(
  op: '/' | '//' | '/#' | '/%',
  value: string,
  glob: GlobSources,
  replacement: string,
): string {
  if (glob.greedy === '') return value;
  const anchored =
    op === '/#' ? `^(?:${glob.greedy})` : op === '/%' ? `(?:${glob.greedy})$` : glob.greedy;
  const matcher = compiled(anchored)?.matcher(value);
  if (!matcher) return value;
  // A function, so `$` and `\` in the replacement are text.
  return op === '//'
    ? matcher.replaceAll(() => replacement)
    : matcher.replaceFirst(() => replacement);
}

/** `^^` `^` `,,` `,`: every letter, or the first, in upper or lower case. */
export function caseChanged(op: '^^' | '^' | ',,' | ',', value: string): string {
  switch (op) {
    case '^^':
      return value.toUpperCase();
    case ',,':
      return value.toLowerCase();
    case '^':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
  }
}

/**
 * `${NAME:offset:length}` over a value's characters or a list's items: a negative offset
 * counts from the end, a negative length stops that far before the end; undefined (bash's
 * "substring expression < 0") when that end comes before the start.
 */
export function sliced<T extends string | readonly string[]>(
  value: T,
  offset: number,
  length: number | undefined,
): T | undefined {
  const size = value.length;
  const start = offset < 0 ? Math.max(0, size + offset) : Math.min(offset, size);
  const end =
    length === undefined ? size : length < 0 ? size + length : Math.min(size, start + length);
  if (end < start) return undefined;
  return value.slice(start, end) as T;
}

/** Whether `op` is one of the forms this file evaluates. */
export function isPatternOp(op: string): op is PatternOp {
  return PATTERN_OPS.has(op);
}

const PATTERN_OPS: ReadonlySet<string> = new Set([
  '#',
  '##',
  '%',
  '%%',
  '/',
  '//',
  '/#',
  '/%',
  '^^',
  '^',
  ',,',
  ',',
  'substring',
]);
