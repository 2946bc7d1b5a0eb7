// `[[ ... ]]` conditions (bash, not sh): `||`, `&&`, `!` and parentheses over unary tests
// (`-f FILE`, `-z WORD`), binary ones (`=`, `!=`, `<`, `-eq`, ...), `=~` with a regular
// expression the lexer reads by its own rules, and a lone word (true when not empty).
import { FILE_TESTS } from './conditions.js';
import type { ConditionExpression } from './ast.js';
import { ScriptSyntaxError } from './lex.js';
import {
  type CommandParser,
  describe,
  expectOp,
  isOp,
  isWord,
  skipNewlines,
} from './parse-tokens.js';

/** The unary operators of `[[ ]]`: the file tests and the string, option and variable ones. */
const CONDITION_UNARY: ReadonlySet<string> = new Set([
  ...FILE_TESTS,
  '-t',
  '-z',
  '-n',
  '-o',
  '-v',
  '-R',
]);
const CONDITION_BINARY = new Set([
  '=',
  '==',
  '!=',
  '=~',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
]);

/** The expression of `[[ ... ]]`, after `[[` and up to its `]]`. */
export function parseConditionOr(parser: CommandParser): ConditionExpression {
  let left = parseConditionAnd(parser);
  for (;;) {
    skipNewlines(parser);
    if (!isOp(parser.peek(), '||')) return left;
    parser.next();
    left = { kind: 'or', left, right: parseConditionAnd(parser) };
  }
}

function parseConditionAnd(parser: CommandParser): ConditionExpression {
  let left = parseConditionNot(parser);
  for (;;) {
    skipNewlines(parser);
    if (!isOp(parser.peek(), '&&')) return left;
    parser.next();
    left = { kind: 'and', left, right: parseConditionNot(parser) };
  }
}

function parseConditionNot(parser: CommandParser): ConditionExpression {
  skipNewlines(parser);
  if (isWord(parser.peek(), '!')) {
    parser.next();
    return { kind: 'not', operand: parseConditionNot(parser) };
  }
  return parseConditionPrimary(parser);
}

function parseConditionPrimary(parser: CommandParser): ConditionExpression {
  const token = parser.next();
  if (isOp(token, '(')) {
    const inner = parseConditionOr(parser);
    skipNewlines(parser);
    expectOp(parser, ')', '(', token.line);
    return inner;
  }
  if (token.type !== 'word' || isWord(token, ']]')) {
    throw new ScriptSyntaxError(`unexpected ${describe(token)} in "[[ ]]"`, token.line);
  }
  const after = parser.peek();
  if (
    token.plain &&
    CONDITION_UNARY.has(token.word.literal ?? '') &&
    after.type === 'word' &&
    !isWord(after, ']]')
  ) {
    parser.next();
    return { kind: 'unary', op: token.word.literal ?? '', operand: after.word };
  }
  const op =
    after.type === 'op' && (after.op === '<' || after.op === '>')
      ? after.op
      : after.type === 'word' && after.plain && CONDITION_BINARY.has(after.word.literal ?? '')
        ? after.word.literal
        : undefined;
  if (op === undefined) return { kind: 'word', word: token.word };
  parser.next();
  if (op === '=~')
    return { kind: 'binary', op, left: token.word, right: parser.lexer.readConditionRegex() };
  const right = parser.next();
  if (right.type !== 'word') {
    throw new ScriptSyntaxError(
      `expected a word after "${op}" in "[[ ]]", found ${describe(right)}`,
      right.line,
    );
  }
  return { kind: 'binary', op, left: token.word, right: right.word };
}
