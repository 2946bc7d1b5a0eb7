// The parser's shared vocabulary: the state a script and its nested sources share
// (ParseContext), the parser as its grammar files see it (CommandParser: the token stream and
// the two entry points they recurse into), and the small token tests and expectations they all
// use. The grammar is split by job (parse.ts lists and pipelines, parse-compound.ts compound
// commands, parse-condition.ts `[[ ]]`, parse-simple.ts simple commands and assignments,
// parse-redirect.ts redirections); this file sits below them so none imports another in a circle.
import type { Command, CommandList, Word } from './ast.js';
import { type Lexer, type NestedWordMode, ScriptSyntaxError, type Token } from './lex.js';

/** State shared by a script and every source nested in it (substitutions, here-documents). */
export interface ParseContext {
  /** Distinct Tekton references, in order of first appearance. */
  references: string[];
  referenceIndexes: Map<string, number>;
  /** Names of functions the script defines: calling one is not "an unknown command". */
  functionNames: Set<string>;
  /**
   * The script runs under a POSIX sh (Tekton's default for a script without a shebang):
   * `[[` is then no keyword but busybox ash's `test`, whose operands are split and whose
   * `&&`, `||`, `<` and `>` are the shell's own.
   */
  posixShell?: boolean;
  unsupported(construct: string): void;
}

/** The parser (parse.ts) as the grammar's files use it. */
export interface CommandParser {
  readonly lexer: Lexer;
  readonly context: ParseContext;
  peek(): Token;
  next(): Token;
  parseList(stopWords: ReadonlySet<string>, stopOps: ReadonlySet<string>): CommandList;
  parseCommand(): Command;
  /** Parses separate source text (here-document bodies, `(( ))`) starting at `line`. */
  parseNestedWord(source: string, line: number, mode: NestedWordMode): Word;
}

export const NO_WORDS: ReadonlySet<string> = new Set();
export const NO_OPS: ReadonlySet<string> = new Set();
export const CLOSE_PAREN: ReadonlySet<string> = new Set([')']);

export function isWord(token: Token, text: string): boolean {
  return token.type === 'word' && token.plain && token.word.literal === text;
}

export function isOp(token: Token, op: string): boolean {
  return token.type === 'op' && token.op === op;
}

export function skipNewlines(parser: CommandParser): void {
  while (parser.peek().type === 'newline') parser.next();
}

export function expectWord(
  parser: CommandParser,
  text: string,
  opener: string,
  line: number,
): void {
  const token = parser.next();
  if (!isWord(token, text)) {
    throw new ScriptSyntaxError(
      `expected "${text}" to close "${opener}" from line ${line}, found ${describe(token)}`,
      token.line,
    );
  }
}

export function expectOp(parser: CommandParser, op: string, opener: string, line: number): void {
  const token = parser.next();
  if (!isOp(token, op)) {
    throw new ScriptSyntaxError(
      `expected "${op}" to close "${opener}" from line ${line}, found ${describe(token)}`,
      token.line,
    );
  }
}

export function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the script';
    case 'newline':
      return 'a newline';
    case 'op':
      return `"${token.op}"`;
    case 'io':
      return `"${token.fd}"`;
    case 'word':
      return token.word.literal !== undefined ? `"${token.word.literal}"` : 'a word';
  }
}
