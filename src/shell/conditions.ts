// Conditions: bash's `[[ ... ]]` (parsed, no word splitting, `==` matches glob patterns) and
// POSIX `test` / `[ ... ]` (evaluated from the expanded arguments). File tests ask the step's
// virtual files (files.ts); a path whose existence is not known is assumed to exist, with a
// warning naming it. Status 0 = true, 1 = false, 2 = error.
import type { RE2JS } from 're2js';
import { re2Package } from './re2-package.js';
import type { ConditionExpression, Word } from './ast.js';
import type { ShellContext } from './context.js';

class ConditionError extends Error {}

/** The unary file tests of `test` and `[[ ]]`. */
export const FILE_TESTS: ReadonlySet<string> = new Set([
  '-a',
  '-b',
  '-c',
  '-d',
  '-e',
  '-f',
  '-g',
  '-h',
  '-k',
  '-p',
  '-r',
  '-s',
  '-u',
  '-w',
  '-x',
  '-G',
  '-L',
  '-N',
  '-O',
  '-S',
]);
const STRING_BINARY = new Set(['=', '==', '!=', '<', '>']);
const NUMBER_BINARY = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const FILE_BINARY = new Set(['-nt', '-ot', '-ef']);
const INTEGER = /^\s*[+-]?\d+\s*$/;

export function isFileTest(op: string): boolean {
  return FILE_TESTS.has(op) || FILE_BINARY.has(op);
}

export function evaluateCondition(shell: ShellContext, expression: ConditionExpression): number {
  try {
    return conditionTrue(shell, expression) ? 0 : 1;
  } catch (error) {
    if (error instanceof ConditionError) return 2;
    throw error;
  }
}

function conditionTrue(shell: ShellContext, expression: ConditionExpression): boolean {
  switch (expression.kind) {
    case 'and':
      return conditionTrue(shell, expression.left) && conditionTrue(shell, expression.right);
    case 'or':
      return conditionTrue(shell, expression.left) || conditionTrue(shell, expression.right);
    case 'not':
      return !conditionTrue(shell, expression.operand);
    case 'word':
      return shell.expandWord(expression.word) !== '';
    case 'unary':
      return unaryTrue(shell, expression.op, shell.expandWord(expression.operand));
    case 'binary': {
      const left = shell.expandWord(expression.left);
      const op = expression.op;
      if (op === '==' || op === '=' || op === '!=') {
        const matches = patternOf(shell, expression.right).test(left);
        return op === '!=' ? !matches : matches;
      }
      if (op === '=~') return regexOf(shell, expression.right).test(left);
      const right = shell.expandWord(expression.right);
      // In `[[ ]]` numbers are arithmetic: text that is not a number counts as 0.
      return binaryTrue(shell, op, left, right, (text) => (INTEGER.test(text) ? Number(text) : 0));
    }
  }
}

/**
 * The right side of `==` in `[[ ]]`: unquoted parts are glob patterns, quoted parts literal.
 * Matched by RE2 (linear time), so no pattern of a user's script can stall the simulation.
 */
/** `case` patterns: a glob in which quoted parts are literal; an invalid one matches nothing. */
export function matchesPattern(shell: ShellContext, word: Word, subject: string): boolean {
  try {
    return patternOf(shell, word).test(subject);
  } catch (error) {
    if (error instanceof ConditionError) return false;
    throw error;
  }
}

function patternOf(shell: ShellContext, word: Word): RE2JS {
  return compilePattern(`^${globSource(shell, word, false)}$`, re2Package().RE2JS.DOTALL);
}

/**
 * A glob word as the source of an RE2 expression (no capturing groups): quoted parts are
 * literal; `lazy` makes each `*` match as little as it can.
 */
export function globSource(shell: ShellContext, word: Word, lazy: boolean): string {
  let source = '';
  for (const part of word.parts) {
    const value = shell.partValue(part);
    source += part.quoted ? escapeRegExp(value) : globToRegExp(value, lazy);
  }
  return source;
}

/**
 * The right side of `=~`: an extended regular expression; quoted parts match literally. Run
 * by RE2, which reads POSIX ERE's syntax (bracket classes included) and matches in linear
 * time, where a backtracking engine hangs on `^(a+)+$`.
 */
function regexOf(shell: ShellContext, word: Word): RE2JS {
  let source = '';
  for (const part of word.parts) {
    const value = shell.partValue(part);
    source += part.quoted ? escapeRegExp(value) : value;
  }
  return compilePattern(source, 0);
}

function compilePattern(source: string, flags: number): RE2JS {
  try {
    return re2Package().RE2JS.compile(source, flags);
  } catch (error) {
    // An invalid expression is status 2, as in bash.
    if (error instanceof re2Package().RE2JSException) throw new ConditionError();
    throw error;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function globToRegExp(glob: string, lazy = false): string {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '*') source += lazy ? '.*?' : '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end < 0) {
        source += '\\[';
      } else {
        const set = glob
          .slice(index + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${set}]`;
        index = end;
      }
    } else if (char === '\\' && index + 1 < glob.length) {
      source += escapeRegExp(glob[++index]);
    } else source += escapeRegExp(char);
  }
  return source;
}

function unaryTrue(shell: ShellContext, op: string, operand: string): boolean {
  switch (op) {
    case '-z':
      return operand === '';
    case '-n':
      return operand !== '';
    case '-t':
      return false; // no terminal in a step
    case '-v':
      return shell.vars.has(operand);
    case '-o':
      return operand === 'errexit'
        ? shell.errexit
        : operand === 'pipefail'
          ? shell.pipefail
          : false;
    default:
      if (FILE_TESTS.has(op)) return fileTestTrue(shell, op, operand);
      throw new ConditionError();
  }
}

/**
 * A file test against the step's files. A path known to exist is a file or a directory with
 * every permission; a path nobody wrote where contents are not known is assumed to exist as
 * whatever the test asks for (the files view warns about it). `-s` of such a path is true.
 */
function fileTestTrue(shell: ShellContext, op: string, path: string): boolean {
  if (path === '') return false;
  const kind = shell.files.kind(path, `test ${op} ${path}`);
  if (kind === 'absent') return false;
  if (kind === 'unknown') return op !== '-h' && op !== '-L';
  switch (op) {
    case '-d':
      return kind === 'dir';
    case '-f':
      return kind === 'file';
    case '-s':
      return kind === 'dir' || (shell.readFile(path) ?? '') !== '';
    case '-h':
    case '-L':
    case '-b':
    case '-c':
    case '-p':
    case '-S':
    case '-g':
    case '-u':
    case '-k':
      return false;
    default:
      return true; // -a -e -r -w -x -G -N -O: it exists, and a step runs as its owner
  }
}

function binaryTrue(
  shell: ShellContext,
  op: string,
  left: string,
  right: string,
  toNumber: (text: string) => number,
): boolean {
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-eq':
      return toNumber(left) === toNumber(right);
    case '-ne':
      return toNumber(left) !== toNumber(right);
    case '-lt':
      return toNumber(left) < toNumber(right);
    case '-le':
      return toNumber(left) <= toNumber(right);
    case '-gt':
      return toNumber(left) > toNumber(right);
    case '-ge':
      return toNumber(left) >= toNumber(right);
    case '-ef':
      return left === right;
    case '-nt':
    case '-ot':
      return false;
    default:
      void shell;
      throw new ConditionError();
  }
}

/** `test` and `[`: POSIX's rules by argument count, then a recursive parse with -a/-o/!/( ). */
export function testArguments(shell: ShellContext, args: string[]): number {
  try {
    return testTrue(shell, args) ? 0 : 1;
  } catch (error) {
    if (error instanceof ConditionError) return 2;
    throw error;
  }
}

function posixNumber(text: string): number {
  if (!INTEGER.test(text)) throw new ConditionError(); // "integer expression expected"
  return Number(text);
}

function isBinary(op: string): boolean {
  return STRING_BINARY.has(op) || NUMBER_BINARY.has(op) || FILE_BINARY.has(op);
}

function testTrue(shell: ShellContext, args: string[]): boolean {
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (args[0].startsWith('-') && args[0].length === 2)
        return unaryTrue(shell, args[0], args[1]);
      throw new ConditionError();
    case 3:
      if (isBinary(args[1])) return binaryTrue(shell, args[1], args[0], args[2], posixNumber);
      if (args[0] === '!') return !testTrue(shell, args.slice(1));
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
      if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
      throw new ConditionError();
    case 4:
      if (args[0] === '!') return !testTrue(shell, args.slice(1));
      if (args[0] === '(' && args[3] === ')') return testTrue(shell, args.slice(1, 3));
      break;
  }
  const parser = { position: 0 };
  const result = testOr(shell, args, parser);
  if (parser.position !== args.length) throw new ConditionError();
  return result;
}

function testOr(shell: ShellContext, args: string[], parser: { position: number }): boolean {
  let result = testAnd(shell, args, parser);
  while (args[parser.position] === '-o') {
    parser.position++;
    const right = testAnd(shell, args, parser);
    result = result || right;
  }
  return result;
}

function testAnd(shell: ShellContext, args: string[], parser: { position: number }): boolean {
  let result = testNot(shell, args, parser);
  while (args[parser.position] === '-a') {
    parser.position++;
    const right = testNot(shell, args, parser);
    result = result && right;
  }
  return result;
}

function testNot(shell: ShellContext, args: string[], parser: { position: number }): boolean {
  if (args[parser.position] === '!' && parser.position + 1 < args.length) {
    parser.position++;
    return !testNot(shell, args, parser);
  }
  return testPrimary(shell, args, parser);
}

function testPrimary(shell: ShellContext, args: string[], parser: { position: number }): boolean {
  const position = parser.position;
  const first = args[position];
  if (first === undefined) throw new ConditionError();
  if (first === '(') {
    parser.position++;
    const inner = testOr(shell, args, parser);
    if (args[parser.position] !== ')') throw new ConditionError();
    parser.position++;
    return inner;
  }
  if (position + 2 < args.length && isBinary(args[position + 1])) {
    parser.position += 3;
    return binaryTrue(shell, args[position + 1], first, args[position + 2], posixNumber);
  }
  if (
    first.startsWith('-') &&
    first.length === 2 &&
    position + 1 < args.length &&
    first !== '-a' &&
    first !== '-o'
  ) {
    parser.position += 2;
    return unaryTrue(shell, first, args[position + 1]);
  }
  parser.position++;
  return first !== '';
}
