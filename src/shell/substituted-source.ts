// Tekton writes the values of `$(params.x)` and the like into a step's script as text, before
// any shell reads it (pkg/reconciler/taskrun/resources/apply.go: substitution.ApplyReplacements
// over the whole script), so a value holding shell syntax is shell syntax: `$(date)` runs
// date, a `"` closes the quotes around it, a newline ends the command, a space splits an
// assignment. A compiled script keeps each reference as one part whose value is spliced in
// as the text of an expansion; that gives the same as Tekton's text only for values made of
// characters no shell reads specially. A value with any other character has the script
// parsed again with every value written in, as sh sees it.
import type { CommandList } from './ast.js';
import { ScriptSyntaxError } from './lex.js';
import { createParseContext, parseScript } from './parse.js';

/** Characters that mean the same wherever a reference stands: words, quotes, heredocs. */
const PLAIN_VALUE = /^[A-Za-z0-9_.,:/@%+^-]*$/;

export function someValueIsShellSyntax(values: readonly string[]): boolean {
  for (const value of values) if (!PLAIN_VALUE.test(value)) return true;
  return false;
}

export interface SubstitutedScript {
  /** The complete commands sh runs: all of them, or those before a syntax error. */
  list: CommandList;
  /** The references left in it (variables Tekton does not know stay as written). */
  values: string[];
  functionNames: Set<string>;
  /**
   * The values made the script a syntax error: sh runs the commands before it, then stops
   * with status 2 (dash and bash read a script one complete command at a time).
   */
  syntaxError: boolean;
}

/**
 * The script with each reference replaced by its value in one pass, as ApplyReplacements does
 * (a value holding another reference is not filled again), parsed as the shell will.
 * Undefined when the parser fails for another reason than the script's syntax.
 */
export function parseSubstitutedSource(
  source: { text: string; line: number },
  references: readonly string[],
  values: readonly string[],
  posixShell: boolean | undefined,
): SubstitutedScript | undefined {
  const valueByReference = new Map<string, string>();
  references.forEach((reference, index) => valueByReference.set(reference, values[index]));
  const pattern = new RegExp(
    [...references]
      .sort((a, b) => b.length - a.length)
      .map((reference) => reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const text = source.text.replace(pattern, (reference) => valueByReference.get(reference) ?? '');
  const parsed = parseOrSyntaxError(text, source.line, posixShell);
  if (parsed === undefined || !(parsed instanceof ScriptSyntaxError)) return parsed;
  // The lines before the error's line hold the commands sh ran before reading it.
  const before = text
    .split('\n')
    .slice(0, Math.max(0, parsed.line - source.line))
    .join('\n');
  const prefix = parseOrSyntaxError(before, source.line, posixShell);
  if (prefix === undefined || prefix instanceof ScriptSyntaxError)
    return { ...EMPTY_SCRIPT, functionNames: new Set(), syntaxError: true };
  return { ...prefix, syntaxError: true };
}

const EMPTY_SCRIPT: { list: CommandList; values: string[] } = { list: { items: [] }, values: [] };

function parseOrSyntaxError(
  text: string,
  line: number,
  posixShell: boolean | undefined,
): SubstitutedScript | ScriptSyntaxError | undefined {
  const context = createParseContext(() => {});
  context.posixShell = posixShell;
  try {
    const list = parseScript(text, context, line);
    return {
      list,
      values: [...context.references],
      functionNames: context.functionNames,
      syntaxError: false,
    };
  } catch (error) {
    return error instanceof ScriptSyntaxError ? error : undefined;
  }
}
