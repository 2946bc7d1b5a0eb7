// Words and their quoting: where an unquoted word ends, `NAME=( ... )` arrays, process
// substitution, single, double, `$'...'` and back quotes, and Tekton's `$(params.x)` references,
// which Tekton substitutes in the script text before any shell sees it. `$` forms inside a word
// are read by lex-dollar.ts, reached through the scan (lex-scan.ts says why).
import type { Word } from './ast.js';
import {
  countNewlines,
  matchingClose,
  PartsBuilder,
  type Scan,
  ScriptSyntaxError,
} from './lex-scan.js';

const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?=$/;
// The roots of Tekton's variables; `$(` followed by one of these is Tekton's, not a command.
export const TEKTON_REFERENCE =
  /^\$\((?:params|context|tasks|results|workspaces|steps|step|inputs|outputs|resources|credentials|taskRun|pipelineRun)(?:[.[][^()\s]*)?\)/;
const TEKTON_REFERENCE_ANYWHERE =
  /\$\((?:params|context|tasks|results|workspaces|steps|step|inputs|outputs|resources|credentials|taskRun|pipelineRun)(?:[.[][^()\s]*)?\)/g;
const RESULT_PATH_REFERENCE = /^\$\((?:step\.)?results[.[].*\.path\)$/;

export function readWord(scan: Scan): Word {
  const builder = new PartsBuilder();
  const source = scan.source;
  let arrayElements: Word[] | undefined;
  while (scan.pos < source.length) {
    const char = source[scan.pos];
    if (char === '(') {
      const prefix = builder.plainPrefix();
      if (prefix !== undefined && ASSIGNMENT_PREFIX.test(prefix)) {
        // `NAME=(a b)`: a bash indexed array, its words read as a command's arguments are.
        const line = scan.line;
        const end = matchingClose(scan, scan.pos + 1, 1);
        // sh has none: what a script meant for bash then does is not known; skipped.
        if (scan.host.posixShell) scan.host.unsupported('array assignment in sh');
        else
          arrayElements = scan.host.parseArrayElements(source.slice(scan.pos + 1, end - 1), line);
        scan.pos = end;
        continue;
      }
    }
    if ((char === '<' || char === '>') && source[scan.pos + 1] === '(') {
      readProcessSubstitution(scan, builder, char as '<' | '>');
      continue;
    }
    if (WORD_END.has(char)) break;
    if (char === '\\') {
      const escaped = source[scan.pos + 1];
      if (escaped === '\n') {
        scan.line++;
      } else if (escaped !== undefined) {
        builder.addText(escaped, true);
      } else {
        builder.addText('\\', false);
      }
      scan.pos += 2;
    } else if (!readQuotedOrExpansion(scan, builder, char)) {
      builder.addText(char, false);
      scan.pos++;
    }
  }
  const word = builder.finish();
  if (arrayElements) word.arrayElements = arrayElements;
  return word;
}

/**
 * The right side of `=~` in `[[ ]]`: a regular expression in which `(`, `)`, `|`, `<` and
 * `>` are ordinary characters; it ends at unquoted whitespace outside parentheses.
 */
export function readConditionRegex(scan: Scan): Word {
  while (scan.source[scan.pos] === ' ' || scan.source[scan.pos] === '\t') scan.pos++;
  const builder = new PartsBuilder();
  const source = scan.source;
  let depth = 0;
  while (scan.pos < source.length) {
    const char = source[scan.pos];
    if ((char === ' ' || char === '\t' || char === '\n') && depth === 0) break;
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === '\\' && scan.pos + 1 < source.length) {
      builder.addText(source.slice(scan.pos, scan.pos + 2), false);
      scan.pos += 2;
    } else if (char === "'") {
      readSingleQuoted(scan, builder);
    } else if (char === '"') {
      readDoubleQuoted(scan, builder);
    } else if (char === '$' && /[A-Za-z_{(0-9?#@*!-]/.test(source[scan.pos + 1] ?? '')) {
      scan.readDollar(builder, false);
    } else {
      builder.addText(char, false);
      scan.pos++;
    }
  }
  const word = builder.finish();
  if (word.parts.length === 0)
    throw new ScriptSyntaxError('expected a regular expression after "=~"', scan.line);
  return word;
}

/**
 * `<(commands)` in bash: read as a command substitution is, run when the word expands.
 * `>(commands)` (its commands read what the outer command writes, at the same time) and
 * `<(...)` in sh, ash or dash (which have none) are skipped with a warning.
 */
function readProcessSubstitution(scan: Scan, builder: PartsBuilder, char: '<' | '>'): void {
  if (char === '<' && !scan.host.posixShell) {
    scan.pos += 2;
    builder.add({ kind: 'process', body: scan.host.parseCommandSubstitution(), quoted: false });
    return;
  }
  scan.pos = matchingClose(scan, scan.pos + 2, 1);
  scan.host.unsupported(`process substitution ${char}(...)`);
  builder.add({ kind: 'unsupported', quoted: false });
}

export function readSingleQuoted(scan: Scan, builder: PartsBuilder): void {
  const end = scan.source.indexOf("'", scan.pos + 1);
  if (end < 0) throw new ScriptSyntaxError('unterminated single quote', scan.line);
  const text = scan.source.slice(scan.pos + 1, end);
  scan.pos = end + 1;
  if (text === '') builder.addEmptyQuoted();
  // Tekton substitutes its variables in the script text before any shell sees it, so they
  // are replaced inside single quotes too.
  addTextWithReferences(scan, builder, text, true);
  scan.line += countNewlines(text);
}

/** Adds text in which only Tekton references are special (single quotes, quoted heredocs). */
export function addTextWithReferences(
  scan: Scan,
  builder: PartsBuilder,
  text: string,
  quoted: boolean,
): void {
  let last = 0;
  for (const match of text.matchAll(TEKTON_REFERENCE_ANYWHERE)) {
    const start = match.index ?? 0;
    builder.addText(text.slice(last, start), quoted);
    addReference(scan, builder, match[0], quoted, true);
    last = start + match[0].length;
  }
  builder.addText(text.slice(last), quoted);
}

export function addReference(
  scan: Scan,
  builder: PartsBuilder,
  text: string,
  quoted: boolean,
  literal = false,
): void {
  if (RESULT_PATH_REFERENCE.test(text)) {
    // Result paths are recognised as written (interpreter.ts), whatever the substitution.
    builder.addText(text, true);
    return;
  }
  const index = scan.host.referenceIndex(text);
  builder.add(
    literal
      ? { kind: 'reference', index, text, quoted, literal }
      : { kind: 'reference', index, text, quoted },
  );
}

export function readDoubleQuoted(scan: Scan, builder: PartsBuilder): void {
  const source = scan.source;
  const startLine = scan.line;
  scan.pos++;
  let empty = true;
  while (scan.pos < source.length) {
    const char = source[scan.pos];
    if (char === '"') {
      scan.pos++;
      if (empty) builder.addEmptyQuoted();
      return;
    }
    empty = false;
    if (char === '\\') {
      const escaped = source[scan.pos + 1];
      if (escaped === '\n') {
        scan.line++;
      } else if (escaped === '$' || escaped === '`' || escaped === '"' || escaped === '\\') {
        builder.addText(escaped, true);
      } else {
        builder.addText('\\' + (escaped ?? ''), true);
      }
      scan.pos += 2;
    } else if (char === '$') {
      scan.readDollar(builder, true);
    } else if (char === '`') {
      readBackquoted(scan, builder, true);
    } else {
      if (char === '\n') scan.line++;
      builder.addText(char, true);
      scan.pos++;
    }
  }
  throw new ScriptSyntaxError('unterminated double quote', startLine);
}

/** `$'...'`: bash's quoting with backslash escapes, read from its `$`. */
export function readAnsiQuoted(scan: Scan, builder: PartsBuilder): void {
  let index = scan.pos + 2;
  let text = '';
  while (index < scan.source.length && scan.source[index] !== "'") {
    if (scan.source[index] === '\\' && index + 1 < scan.source.length) {
      text += scan.source.slice(index, index + 2);
      index += 2;
    } else {
      text += scan.source[index++];
    }
  }
  if (index >= scan.source.length) throw new ScriptSyntaxError("unterminated $' quote", scan.line);
  scan.pos = index + 1;
  builder.addText(decodeAnsiEscapes(text), true);
  if (text === '') builder.addEmptyQuoted();
}

export function readBackquoted(scan: Scan, builder: PartsBuilder, quoted: boolean): void {
  const source = scan.source;
  const startLine = scan.line;
  let index = scan.pos + 1;
  let body = '';
  while (index < source.length && source[index] !== '`') {
    if (source[index] === '\\' && /[`$\\]/.test(source[index + 1] ?? '')) {
      body += source[index + 1];
      index += 2;
    } else {
      body += source[index++];
    }
  }
  if (index >= source.length) throw new ScriptSyntaxError('unterminated backquote', startLine);
  scan.pos = index + 1;
  scan.line += countNewlines(body);
  builder.add({ kind: 'command', body: scan.host.parseNestedCommands(body, startLine), quoted });
}

/** Backslash escapes of `echo -e`, `printf` formats and `$'...'`. `\c` is left to callers. */
export function decodeAnsiEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(
    /\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)/gs,
    (match, sequence: string) => {
      switch (sequence[0]) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'a':
          return '\x07';
        case 'b':
          return '\b';
        case 'e':
        case 'E':
          return '\x1b';
        case 'f':
          return '\f';
        case 'v':
          return '\v';
        case '\\':
          return '\\';
        case "'":
          return "'";
        case '"':
          return '"';
        case 'x':
          return String.fromCharCode(parseInt(sequence.slice(1), 16));
        default:
          if (/^[0-7]/.test(sequence)) return String.fromCharCode(parseInt(sequence, 8) & 0xff);
          return match;
      }
    },
  );
}

/**
 * A quoted form or an unquoted expansion starting at `char` (`'`, `"`, `$`, a backquote) read
 * into `builder`; false, reading nothing, for any other character.
 */
export function readQuotedOrExpansion(scan: Scan, builder: PartsBuilder, char: string): boolean {
  if (char === "'") readSingleQuoted(scan, builder);
  else if (char === '"') readDoubleQuoted(scan, builder);
  else if (char === '$') scan.readDollar(builder, false);
  else if (char === '`') readBackquoted(scan, builder, false);
  else return false;
  return true;
}
