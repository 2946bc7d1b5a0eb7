// Simple commands: words, leading assignments and redirections in any order, and what the
// words turn out to be: `NAME=value`, `NAME+=value`, `NAME=(a b)` arrays and `NAME[i]=value`
// elements (splitAssignment), the `NAME=` arguments of declaration builtins (`local`,
// `export`, ...), and `NAME()` opening a function definition.
import type { Assignment, Command, Redirect, Word, WordPart } from './ast.js';
import { ScriptSyntaxError } from './lex.js';
import { functionBody } from './parse-compound.js';
import { parseRedirect, startsRedirect } from './parse-redirect.js';
import { type CommandParser, describe, expectOp, isOp } from './parse-tokens.js';

const DECLARATION_COMMANDS = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

export function parseSimple(parser: CommandParser): Command {
  const assignments: Assignment[] = [];
  const words: Word[] = [];
  const redirects: Redirect[] = [];
  let declaration = false;
  for (;;) {
    const token = parser.peek();
    if (startsRedirect(token)) {
      redirects.push(parseRedirect(parser));
      continue;
    }
    if (token.type !== 'word') break;
    parser.next();
    if (words.length === 0) {
      const assignment = splitAssignment(token.word, parser.context.posixShell === true);
      if (assignment) {
        assignments.push(assignment);
        continue;
      }
      if (token.plain && isOp(parser.peek(), '(')) {
        parser.next();
        expectOp(parser, ')', `${token.word.literal}(`, token.line);
        return functionBody(parser, token.word.literal ?? '');
      }
      declaration = token.plain && DECLARATION_COMMANDS.has(token.word.literal ?? '');
    } else if (declaration && startsWithAssignment(token.word)) {
      // `local -a NAME=(...)`: the builtin is given `NAME=` and sets it empty.
      if (token.word.arrayElements) parser.context.unsupported('array assignment in a declaration');
      words.push({ ...token.word, noSplit: true });
      continue;
    }
    words.push(token.word);
  }
  if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
    const token = parser.peek();
    throw new ScriptSyntaxError(`unexpected ${describe(token)}`, token.line);
  }
  const literalArgv = words.every((word) => word.literal !== undefined && !word.noSplit)
    ? words.map((word) => word.literal as string)
    : undefined;
  return { kind: 'simple', assignments, words, redirects, literalArgv };
}

/** `NAME=value`, `NAME=(a b)` or `NAME[index]=value` as the first words of a command. */
function splitAssignment(word: Word, posixShell: boolean): Assignment | undefined {
  const first = word.parts[0];
  if (first === undefined || first.kind !== 'text' || first.quoted) return undefined;
  const match = ASSIGNMENT.exec(first.text);
  // sh has no arrays: `A[0]=x` is a command name it does not find.
  if (!match) return posixShell ? undefined : splitElementAssignment(word);
  const rest = first.text.slice(match[0].length);
  const parts =
    rest === '' ? word.parts.slice(1) : [{ ...first, text: rest }, ...word.parts.slice(1)];
  const assignment: Assignment = {
    name: match[1],
    append: match[2] === '+',
    value: wordOf(parts),
  };
  if (word.arrayElements) assignment.elements = word.arrayElements;
  return assignment;
}

const ELEMENT_ASSIGNMENT_START = /^([A-Za-z_][A-Za-z0-9_]*)\[/;
const ELEMENT_ASSIGNMENT_END = /^([^\]]*)\](\+?)=/;

/**
 * `NAME[index]=value`: the index runs to the first `]=` (or `]+=`) in unquoted text, and may
 * hold expansions (`URLS[$i]=`).
 */
function splitElementAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0] as Extract<WordPart, { kind: 'text' }>;
  const start = ELEMENT_ASSIGNMENT_START.exec(first.text);
  if (!start) return undefined;
  const subscript: WordPart[] = [];
  for (let index = 0; index < word.parts.length; index++) {
    const part = word.parts[index];
    const text = index === 0 ? first.text.slice(start[0].length) : undefined;
    if (part.kind !== 'text' || part.quoted) {
      subscript.push(part);
      continue;
    }
    const end = ELEMENT_ASSIGNMENT_END.exec(text ?? part.text);
    if (!end) {
      subscript.push(text === undefined ? part : { ...part, text });
      continue;
    }
    if (end[1] !== '') subscript.push({ ...part, text: end[1] });
    const rest = (text ?? part.text).slice(end[0].length);
    const valueParts = word.parts.slice(index + 1);
    return {
      name: start[1],
      append: end[2] === '+',
      subscript: wordOf(subscript),
      value: wordOf(rest === '' ? valueParts : [{ ...part, text: rest }, ...valueParts]),
    };
  }
  return undefined;
}

/** A word of these parts, with its literal text when it has no expansions. */
function wordOf(parts: WordPart[]): Word {
  let literal: string | undefined = '';
  for (const part of parts) {
    if (part.kind !== 'text') {
      literal = undefined;
      break;
    }
    literal += part.text;
  }
  return { parts, literal };
}

function startsWithAssignment(word: Word): boolean {
  const first = word.parts[0];
  return (
    first !== undefined && first.kind === 'text' && !first.quoted && ASSIGNMENT.test(first.text)
  );
}
