// Parameter expansion (`$NAME`, `${NAME...}`, `$@`, arrays) over the running shell's
// variables, arrays and positional parameters: plain, default and alternative forms, lengths,
// indirection, array elements and indices, and the pattern forms of parameter-ops.ts. The
// interpreter calls parameterValue for one string and separateFields for the quoted forms
// that make a field per value.
import { elementsOf, type IndexedArray, indicesOf, MAX_ARRAY_INDEX, nextIndex } from './arrays.js';
import type { Word, WordPart } from './ast.js';
import { globSource } from './conditions.js';
import type { ShellContext } from './context.js';
import {
  caseChanged,
  type GlobSources,
  isPatternOp,
  replaced,
  sliced,
  trimmed,
} from './parameter-ops.js';

/** What expansion reads and writes of the shell beyond ShellContext. */
export interface ParameterHost extends ShellContext {
  /** `$0` */
  readonly scriptName: string;
  arithmetic(expression: Word): number | undefined;
}

export type ParameterPart = Extract<WordPart, { kind: 'parameter' }>;

/** NAME's array; a plain value is an array of one element at 0; undefined when unset. */
export function arrayOf(host: ParameterHost, name: string): IndexedArray | undefined {
  const array = host.arrays.get(name);
  if (array) return array;
  const value = host.vars.get(name);
  return value === undefined ? undefined : new Map([[0, value]]);
}

/** The index a subscript names (negative counts back from the end); undefined when bad. */
export function elementIndex(
  host: ParameterHost,
  array: IndexedArray,
  subscript: Word,
): number | undefined {
  const value = host.arithmetic(subscript);
  if (value === undefined) return undefined;
  const index = value < 0 ? nextIndex(array) + value : value;
  return index >= 0 && index <= MAX_ARRAY_INDEX ? index : undefined;
}

/**
 * The values of `$@`, `${NAME[@]}` or `${!NAME[@]}` when quoted, each its own field; undefined
 * for any other parameter (`$*` and `${NAME[*]}` join theirs into one).
 */
export function separateFields(host: ParameterHost, part: ParameterPart): string[] | undefined {
  const every = part.subscript === '@' || (part.subscript === undefined && part.name === '@');
  if (!every) return undefined;
  if (part.op === '' || part.op === 'indices') return listValue(host, part);
  return isPatternOp(part.op) ? patternList(host, part) : undefined;
}

/** A pattern form over each value of a list: `${@:2}`, `${A[@]%.txt}`. */
function patternList(host: ParameterHost, part: ParameterPart): string[] {
  const list = listValue(host, part) ?? [];
  // `${@:offset}` counts $0 as item 0; an array's items are its elements in order.
  if (part.op === 'substring')
    return (
      substring(host, part, part.subscript === undefined ? [host.scriptName, ...list] : list) ?? []
    );
  return list.map((value) => patternValue(host, part, value));
}

/** A pattern form (parameter-ops.ts) over one value. */
function patternValue(host: ParameterHost, part: ParameterPart, value: string): string {
  switch (part.op) {
    case '#':
    case '##':
    case '%':
    case '%%':
      return trimmed(part.op, value, globOf(host, part.argument));
    case '/':
    case '//':
    case '/#':
    case '/%':
      return replaced(part.op, value, globOf(host, part.argument), argument(host, part.second));
    case '^^':
    case '^':
    case ',,':
    case ',':
      return caseChanged(part.op, value);
    case 'substring':
      return substring(host, part, value) ?? '';
    default:
      return value;
  }
}

function globOf(host: ParameterHost, word: Word | undefined): GlobSources {
  if (word === undefined) return { greedy: '', lazy: '' };
  return { greedy: globSource(host, word, false), lazy: globSource(host, word, true) };
}

/** `${NAME:offset:length}`; undefined when an expression is bad or the end is before the start. */
function substring<T extends string | readonly string[]>(
  host: ParameterHost,
  part: ParameterPart,
  value: T,
): T | undefined {
  const number = (word: Word | undefined) =>
    word === undefined || word.literal?.trim() === '' ? 0 : host.arithmetic(word);
  const offset = number(part.argument);
  const length = part.second === undefined ? undefined : number(part.second);
  if (offset === undefined || (part.second !== undefined && length === undefined)) return undefined;
  return sliced(value, offset, length);
}

/** Every value of `$@`, `$*`, `${NAME[@]}`, `${NAME[*]}` or `${!NAME[@]}`; else undefined. */
function listValue(host: ParameterHost, part: ParameterPart): string[] | undefined {
  if (part.subscript === undefined)
    return part.name === '@' || part.name === '*' ? host.positional : undefined;
  if (part.subscript !== '@' && part.subscript !== '*') return undefined;
  const array = arrayOf(host, part.name);
  if (array === undefined) return [];
  return part.op === 'indices' ? indicesOf(array).map(String) : elementsOf(array);
}

/** The parameter's value before its operator: one element, the list joined, or the plain value. */
function baseValue(host: ParameterHost, part: ParameterPart): string | undefined {
  const list = listValue(host, part);
  if (list !== undefined)
    return list.length === 0 && part.subscript !== undefined ? undefined : list.join(' ');
  if (part.subscript !== undefined) {
    const array = arrayOf(host, part.name);
    if (array === undefined) return undefined;
    const index = elementIndex(host, array, part.subscript as Word);
    return index === undefined ? undefined : array.get(index);
  }
  if (part.op === 'indirect') {
    const target = lookup(host, part.name) ?? '';
    return /^[A-Za-z_][A-Za-z0-9_]*$|^[0-9]+$/.test(target) ? lookup(host, target) : undefined;
  }
  return lookup(host, part.name);
}

export function parameterValue(host: ParameterHost, part: ParameterPart): string {
  if (part.op === 'length' && (part.subscript === '@' || part.subscript === '*'))
    return String(arrayOf(host, part.name)?.size ?? 0);
  const value = baseValue(host, part);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (part.op) {
    case '':
    case 'other':
    case 'indices':
    case 'indirect':
      return value ?? '';
    case 'length':
      return String((value ?? '').length);
    case ':-':
      return nonEmpty ? value : argument(host, part.argument);
    case '-':
      return set ? value : argument(host, part.argument);
    case ':=':
    case '=': {
      if (part.op === ':=' ? nonEmpty : set) return value as string;
      const assigned = argument(host, part.argument);
      host.vars.set(part.name, assigned);
      return assigned;
    }
    case ':+':
      return nonEmpty ? argument(host, part.argument) : '';
    case '+':
      return set ? argument(host, part.argument) : '';
    case ':?':
    case '?':
      if (part.op === ':?' ? nonEmpty : set) return value as string;
      // sh prints the message and a non-interactive shell exits with status 1... here too.
      host.status = 1;
      host.exiting = true;
      return '';
    default:
      if (listValue(host, part) !== undefined) return patternList(host, part).join(' ');
      return patternValue(host, part, value ?? '');
  }
}

function argument(host: ParameterHost, word: Word | undefined): string {
  return word === undefined ? '' : host.expandWord(word);
}

export function lookup(host: ParameterHost, name: string): string | undefined {
  switch (name) {
    case '?':
      return String(host.status);
    case '#':
      return String(host.positional.length);
    case '@':
    case '*':
      return host.positional.join(' ');
    case '$':
      return '1';
    case '!':
      return '';
    case '-':
      return (host.errexit ? 'e' : '') + 'h';
    case '0':
      return host.scriptName;
  }
  const code = name.charCodeAt(0);
  if (code >= 48 && code <= 57) return host.positional[Number(name) - 1];
  return host.vars.get(name) ?? host.arrays.get(name)?.get(0);
}
