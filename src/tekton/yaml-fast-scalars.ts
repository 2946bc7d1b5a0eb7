// The scalar rules of the fast YAML reader (yaml-fast-path.ts), each written to give exactly
// the value the `yaml` package gives for the same text: YAML 1.2 core-schema resolution of
// plain scalars, the folding of quoted scalars that span lines, the escapes of double-quoted
// scalars and the literal and folded block scalars. Anything these rules do not cover throws
// OutsideFastPath, and the caller hands the whole file to the `yaml` package instead.

/** The text uses YAML this reader does not handle; the `yaml` package reads it instead. */
export class OutsideFastPath extends Error {}

// One instance, thrown every time: building an Error captures a stack trace, which cost more
// than reading the file so far when a mutated or unusual file gives up early, and the reader
// catches it before anyone could look at one.
const OUTSIDE = new OutsideFastPath('outside the fast YAML path');

export function outside(): never {
  throw OUTSIDE;
}

const NULL_PATTERN = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_PATTERN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCTAL_PATTERN = /^0o[0-7]+$/;
const INTEGER_PATTERN = /^[-+]?[0-9]+$/;
const HEX_PATTERN = /^0x[0-9a-fA-F]+$/;
const SPECIAL_FLOAT_PATTERN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENT_FLOAT_PATTERN = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_PATTERN = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** First characters of the plain scalars that the core schema may resolve to a non-string. */
const MAYBE_NOT_STRING = new Set('~nNtTfF0123456789+-.');

/**
 * The value of a plain scalar under the YAML 1.2 core schema, tried in the `yaml` package's
 * order (null, bool, octal, decimal and hexadecimal integers, special, exponent and plain
 * floats); anything else is a string.
 */
export function resolvePlain(text: string): unknown {
  if (text !== '' && !MAYBE_NOT_STRING.has(text[0])) return text;
  if (NULL_PATTERN.test(text)) return null;
  if (BOOL_PATTERN.test(text)) return text[0] === 't' || text[0] === 'T';
  if (OCTAL_PATTERN.test(text)) return Number.parseInt(text.substring(2), 8);
  if (INTEGER_PATTERN.test(text)) return Number.parseInt(text, 10);
  if (HEX_PATTERN.test(text)) return Number.parseInt(text.substring(2), 16);
  if (SPECIAL_FLOAT_PATTERN.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (EXPONENT_FLOAT_PATTERN.test(text) || FLOAT_PATTERN.test(text)) return Number.parseFloat(text);
  return text;
}

/**
 * The lines of a quoted scalar folded as YAML folds flow scalars: the first line loses its
 * trailing spaces, the last its leading ones, the others both; one line break becomes a space
 * and each further empty line a newline.
 */
export function foldQuotedLines(raw: string): string {
  const lines = raw.split('\n');
  if (lines.length === 1) return raw;
  let folded = trimEndSpaces(lines[0]);
  let separator = ' ';
  for (let index = 1; index < lines.length - 1; index++) {
    const line = trimStartSpaces(trimEndSpaces(lines[index]));
    if (line === '') {
      if (separator === '\n') folded += separator;
      else separator = '\n';
    } else {
      folded += separator + line;
      separator = ' ';
    }
  }
  return folded + separator + trimStartSpaces(lines[lines.length - 1]);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The value of the body of a one-line double-quoted scalar (without its quotes). */
export function unescapeDoubleQuoted(body: string): string {
  if (!body.includes('\\')) return body;
  let value = '';
  for (let index = 0; index < body.length; index++) {
    const character = body[index];
    if (character !== '\\') {
      value += character;
      continue;
    }
    index += 1;
    const escaped = ESCAPES[body[index]];
    // \x, \u and \U (and invalid escapes, which are errors) are left to the `yaml` package.
    if (escaped === undefined) outside();
    value += escaped;
  }
  return value;
}

export type Chomping = 'clip' | 'strip' | 'keep';

/**
 * A literal (`|`) block scalar: `lines` are its content lines without their indentation, empty
 * lines as '', from the first line with text to the last; `leadingEmpty` and `trailingEmpty`
 * count the empty lines before and after them.
 */
export function literalBlock(
  lines: readonly string[],
  leadingEmpty: number,
  trailingEmpty: number,
  chomping: Chomping,
): string {
  return chomp('\n'.repeat(leadingEmpty) + lines.join('\n'), trailingEmpty, chomping);
}

/**
 * A folded (`>`) block scalar whose lines all start at the content indentation: lines next to
 * each other are joined by a space, and each empty line between them becomes a newline.
 */
export function foldedBlock(
  lines: readonly string[],
  trailingEmpty: number,
  chomping: Chomping,
): string {
  let value = lines[0];
  let emptyLines = 0;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') {
      emptyLines += 1;
      continue;
    }
    value += emptyLines === 0 ? ' ' + line : '\n'.repeat(emptyLines) + line;
    emptyLines = 0;
  }
  return chomp(value, trailingEmpty, chomping);
}

function chomp(body: string, trailingEmpty: number, chomping: Chomping): string {
  if (chomping === 'strip') return body;
  if (chomping === 'clip') return body + '\n';
  return body + '\n'.repeat(trailingEmpty + 1);
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

function trimStartSpaces(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === 32) start++;
  return start === 0 ? text : text.slice(start);
}
