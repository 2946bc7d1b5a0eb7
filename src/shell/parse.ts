// A recursive-descent parser for the shell subset of step scripts: lists (`;`, `&&`, `||`,
// newlines), pipelines, simple commands with assignments and redirections, `if`, `{ }`,
// `( )`, `[[ ]]`, `for`, `while`/`until`, `case` and functions. `for ((...))`, `select` and
// `&` are parsed so their extent is known, and become `unsupported` nodes. Syntax errors
// throw ScriptSyntaxError with a line number.
// This file holds the entry points, the parser's token stream and the lexer's host, and the
// grammar of lists and pipelines; the commands in them are read by parse-compound.ts,
// parse-simple.ts and parse-redirect.ts, over the interface of parse-tokens.ts.
import type { AndOr, Command, CommandList, Pipeline, Word } from './ast.js';
import {
  Lexer,
  type LexerHost,
  type NestedWordMode,
  ScriptSyntaxError,
  type Token,
} from './lex.js';
import { parseCompound } from './parse-compound.js';
import { parseRedirects } from './parse-redirect.js';
import { parseSimple } from './parse-simple.js';
import {
  CLOSE_PAREN,
  type CommandParser,
  describe,
  expectOp,
  isOp,
  isWord,
  NO_OPS,
  NO_WORDS,
  type ParseContext,
  skipNewlines,
} from './parse-tokens.js';

export type { ParseContext } from './parse-tokens.js';

export function createParseContext(unsupported: (construct: string) => void): ParseContext {
  return { references: [], referenceIndexes: new Map(), functionNames: new Set(), unsupported };
}

export function parseScript(source: string, context: ParseContext, line = 1): CommandList {
  const parser = new Parser(source, context, line);
  const list = parser.parseList(NO_WORDS, NO_OPS);
  parser.expectEnd();
  return list;
}

/** A word made of `source` in which only Tekton references are special (command args). */
export function parseLiteralWord(source: string, context: ParseContext): Word {
  return new Parser(source, context, 1).lexer.readLiteralWord();
}

class Parser implements LexerHost, CommandParser {
  readonly lexer: Lexer;
  private peeked: Token | undefined;

  constructor(
    source: string,
    readonly context: ParseContext,
    line: number,
  ) {
    this.lexer = new Lexer(source, this, line);
  }

  // LexerHost

  get posixShell(): boolean {
    return this.context.posixShell === true;
  }

  parseCommandSubstitution(): CommandList {
    const line = this.lexer.currentLine;
    const list = this.parseList(NO_WORDS, CLOSE_PAREN);
    const token = this.next();
    if (!(token.type === 'op' && token.op === ')')) {
      throw new ScriptSyntaxError(`unterminated "$(" from line ${line}`, line);
    }
    return list;
  }

  parseNestedWord(source: string, line: number, mode: NestedWordMode): Word {
    const lexer = new Parser(source, this.context, line).lexer;
    if (mode === 'literal') return lexer.readLiteralWord();
    // bash's arithmetic expansion removes quotes from its expression (`$(( "1" + "2" ))` is 3,
    // as in the examples' `$(( "$(params.a)" + "$(params.b)" ))`); dash and busybox report the
    // `"` as a syntax error, which the here-document reading keeps.
    return lexer.readHeredocWord(mode === 'arithmetic' && !this.posixShell);
  }

  parseArrayElements(source: string, line: number): Word[] {
    const parser = new Parser(source, this.context, line);
    const elements: Word[] = [];
    for (let token = parser.next(); token.type !== 'eof'; token = parser.next()) {
      if (token.type === 'word') elements.push(token.word);
      else if (token.type !== 'newline')
        throw new ScriptSyntaxError(`unexpected ${describe(token)} in an array`, token.line);
    }
    return elements;
  }

  parseNestedCommands(source: string, line: number): CommandList {
    return parseScript(source, this.context, line);
  }

  referenceIndex(text: string): number {
    let index = this.context.referenceIndexes.get(text);
    if (index === undefined) {
      index = this.context.references.length;
      this.context.references.push(text);
      this.context.referenceIndexes.set(text, index);
    }
    return index;
  }

  unsupported(construct: string): void {
    this.context.unsupported(construct);
  }

  // Tokens

  peek(): Token {
    if (this.peeked === undefined) {
      const token = this.lexer.next();
      this.peeked = token;
    }
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'eof')
      throw new ScriptSyntaxError(`unexpected ${describe(token)}`, token.line);
  }

  // Grammar: lists and pipelines

  parseList(stopWords: ReadonlySet<string>, stopOps: ReadonlySet<string>): CommandList {
    const items: AndOr[] = [];
    for (;;) {
      skipNewlines(this);
      const token = this.peek();
      if (token.type === 'eof') break;
      if (token.type === 'word' && token.plain && stopWords.has(token.word.literal ?? '')) break;
      if (token.type === 'op' && stopOps.has(token.op)) break;
      const item = this.parseAndOr();
      const separator = this.peek();
      if (isOp(separator, '&')) {
        this.next();
        this.unsupported('background job (&)');
        items.push(unsupportedItem('background job (&)'));
        continue;
      }
      items.push(item);
      if (isOp(separator, ';') || separator.type === 'newline') {
        this.next();
        continue;
      }
      break;
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const token = this.peek();
      if (token.type !== 'op' || (token.op !== '&&' && token.op !== '||')) break;
      this.next();
      skipNewlines(this);
      rest.push({ op: token.op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (isWord(this.peek(), 'time')) this.next();
    if (isWord(this.peek(), '!')) {
      this.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    while (isOp(this.peek(), '|')) {
      this.next();
      skipNewlines(this);
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  parseCommand(): Command {
    const token = this.peek();
    if (token.type === 'word' && token.plain) {
      const compound = parseCompound(this, token.word.literal ?? '', token.line);
      if (compound) return compound;
    } else if (isOp(token, '(')) {
      this.next();
      const body = this.parseList(NO_WORDS, CLOSE_PAREN);
      expectOp(this, ')', '(', token.line);
      return { kind: 'group', body, subshell: true, redirects: parseRedirects(this) };
    } else if (isOp(token, '((')) {
      const source = this.lexer.arithmeticSource;
      this.next();
      const expression = this.parseNestedWord(source, token.line, 'arithmetic');
      return { kind: 'arithmetic', expression, redirects: parseRedirects(this) };
    }
    return parseSimple(this);
  }
}

function unsupportedItem(construct: string): AndOr {
  return {
    first: { negated: false, commands: [{ kind: 'unsupported', construct, redirects: [] }] },
    rest: [],
  };
}
