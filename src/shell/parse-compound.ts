// Compound commands opened by a reserved word: `if`, `{ }`, `[[ ]]` (its expression is
// parse-condition.ts's), `for` and `select`, `while` and `until`, `case`, and `function`
// definitions (also `NAME()`, which parse-simple.ts finds). `for ((...))` and `select` are read
// so their extent is known, and become `unsupported` nodes.
import type { CaseArm, Command, CommandList, Word } from './ast.js';
import { ScriptSyntaxError } from './lex.js';
import { parseConditionOr } from './parse-condition.js';
import { parseRedirects } from './parse-redirect.js';
import {
  type CommandParser,
  describe,
  expectOp,
  expectWord,
  isOp,
  isWord,
  NO_OPS,
  skipNewlines,
} from './parse-tokens.js';

const CASE_ENDS: ReadonlySet<string> = new Set([';;', ';&', ';;&']);
const RESERVED = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', 'in', ']]']);

/** A compound command opened by the reserved word `word`, or undefined for other words. */
export function parseCompound(
  parser: CommandParser,
  word: string,
  line: number,
): Command | undefined {
  switch (word) {
    case 'if':
      return parseIf(parser, line);
    case '{': {
      parser.next();
      const body = parser.parseList(new Set(['}']), NO_OPS);
      expectWord(parser, '}', '{', line);
      return { kind: 'group', body, subshell: false, redirects: parseRedirects(parser) };
    }
    case '[[': {
      if (parser.context.posixShell) return undefined;
      parser.next();
      const expression = parseConditionOr(parser);
      skipNewlines(parser);
      expectWord(parser, ']]', '[[', line);
      return { kind: 'condition', expression, redirects: parseRedirects(parser) };
    }
    case 'for':
    case 'select':
      return parseForLoop(parser, word, line);
    case 'while':
    case 'until':
      return parseWhileLoop(parser, word, line);
    case 'case':
      return parseCase(parser, line);
    case 'function':
      return parseFunction(parser, line);
    default:
      if (RESERVED.has(word)) throw new ScriptSyntaxError(`unexpected "${word}"`, line);
      return undefined;
  }
}

function parseIf(parser: CommandParser, line: number): Command {
  parser.next();
  const clauses: { condition: CommandList; body: CommandList }[] = [];
  let otherwise: CommandList | undefined;
  const bodyEnds = new Set(['elif', 'else', 'fi']);
  for (;;) {
    const condition = parser.parseList(new Set(['then']), NO_OPS);
    expectWord(parser, 'then', 'if', line);
    clauses.push({ condition, body: parser.parseList(bodyEnds, NO_OPS) });
    const token = parser.next();
    if (isWord(token, 'elif')) continue;
    if (isWord(token, 'else')) {
      otherwise = parser.parseList(new Set(['fi']), NO_OPS);
      expectWord(parser, 'fi', 'if', line);
      break;
    }
    if (isWord(token, 'fi')) break;
    throw new ScriptSyntaxError(
      `expected "fi" to close "if" from line ${line}, found ${describe(token)}`,
      token.line,
    );
  }
  return { kind: 'if', clauses, otherwise, redirects: parseRedirects(parser) };
}

function parseForLoop(parser: CommandParser, keyword: string, line: number): Command {
  parser.next();
  const header = parser.next();
  if (!isOp(header, '((') && header.type !== 'word') {
    throw new ScriptSyntaxError(
      `expected a name after "${keyword}", found ${describe(header)}`,
      header.line,
    );
  }
  skipNewlines(parser);
  let items: Word[] | undefined;
  if (isWord(parser.peek(), 'in')) {
    parser.next();
    items = [];
    for (let token = parser.peek(); token.type === 'word'; token = parser.peek()) {
      items.push(token.word);
      parser.next();
    }
  }
  if (isOp(parser.peek(), ';')) parser.next();
  const body = parseLoopBody(parser, keyword, line);
  const redirects = parseRedirects(parser);
  const name = header.type === 'word' ? header.word.literal : undefined;
  if (keyword !== 'for' || name === undefined) {
    const construct = keyword === 'for' ? 'for ((...)) loop' : 'select loop';
    parser.context.unsupported(construct);
    return { kind: 'unsupported', construct, redirects };
  }
  return { kind: 'for', name, items, body, redirects };
}

function parseWhileLoop(parser: CommandParser, keyword: string, line: number): Command {
  parser.next();
  const condition = parser.parseList(new Set(['do']), NO_OPS);
  const body = parseLoopBody(parser, keyword, line);
  return {
    kind: 'while',
    until: keyword === 'until',
    condition,
    body,
    redirects: parseRedirects(parser),
  };
}

function parseLoopBody(parser: CommandParser, keyword: string, line: number): CommandList {
  skipNewlines(parser);
  expectWord(parser, 'do', keyword, line);
  const body = parser.parseList(new Set(['done']), NO_OPS);
  expectWord(parser, 'done', keyword, line);
  return body;
}

function parseCase(parser: CommandParser, line: number): Command {
  parser.next();
  const subject = parser.next();
  if (subject.type !== 'word') throw new ScriptSyntaxError('expected a word after "case"', line);
  skipNewlines(parser);
  expectWord(parser, 'in', 'case', line);
  const esac = new Set(['esac']);
  const arms: CaseArm[] = [];
  for (;;) {
    skipNewlines(parser);
    const token = parser.peek();
    if (isWord(token, 'esac') || token.type === 'eof') break;
    if (isOp(token, '(')) parser.next();
    // Patterns: words separated by `|`, closed by `)`.
    const patterns: Word[] = [];
    for (;;) {
      const pattern = parser.next();
      if (pattern.type !== 'word')
        throw new ScriptSyntaxError(`bad case pattern: ${describe(pattern)}`, pattern.line);
      patterns.push(pattern.word);
      const after = parser.next();
      if (isOp(after, ')')) break;
      if (!isOp(after, '|'))
        throw new ScriptSyntaxError(`bad case pattern: ${describe(after)}`, after.line);
    }
    const body = parser.parseList(esac, CASE_ENDS);
    const end = parser.peek();
    let terminator: CaseArm['terminator'] = ';;';
    if (end.type === 'op' && CASE_ENDS.has(end.op)) {
      terminator = end.op as CaseArm['terminator'];
      parser.next();
    }
    arms.push({ patterns, body, terminator });
  }
  expectWord(parser, 'esac', 'case', line);
  return { kind: 'case', subject: subject.word, arms, redirects: parseRedirects(parser) };
}

function parseFunction(parser: CommandParser, line: number): Command {
  parser.next();
  const name = parser.next();
  if (name.type !== 'word' || name.word.literal === undefined) {
    throw new ScriptSyntaxError('expected a function name after "function"', line);
  }
  if (isOp(parser.peek(), '(')) {
    parser.next();
    expectOp(parser, ')', '(', line);
  }
  return functionBody(parser, name.word.literal);
}

/** The body of function `name`, after `name()` or `function name`. */
export function functionBody(parser: CommandParser, name: string): Command {
  skipNewlines(parser);
  const body = parser.parseCommand();
  parser.context.functionNames.add(name);
  return { kind: 'function', name, body, redirects: [] };
}
