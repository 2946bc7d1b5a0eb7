// Tokens of the step-script shell subset: words (with their quoting and expansions already
// split into parts), operators, newlines, and here-document bodies read after the line that
// opens them. Shell lexing depends on context (`$(` opens a nested command list), so the
// lexer calls back into its parser for command substitutions. This file cuts the source into
// tokens; reading a word is lex-words.ts's job, `$` forms lex-dollar.ts's and here-documents
// lex-heredoc.ts's, all advancing one shared scan (lex-scan.ts).
import type { Word } from './ast.js';
import { readDollar } from './lex-dollar.js';
import {
  type PendingHeredoc,
  readHeredocBodies,
  readHeredocWord,
  readLiteralWord,
} from './lex-heredoc.js';
import { type LexerHost, matchingClose, type Scan } from './lex-scan.js';
import { readConditionRegex, readWord } from './lex-words.js';

// The parser and the commands know the lexer by this file.
export { type LexerHost, type NestedWordMode, ScriptSyntaxError } from './lex-scan.js';
export { decodeAnsiEscapes } from './lex-words.js';

export type Token =
  | {
      type: 'word';
      word: Word /** No quotes or expansions: may be a reserved word. */;
      plain: boolean;
      line: number;
    }
  | { type: 'op'; op: string; line: number }
  | { type: 'io'; fd: number; line: number }
  | { type: 'newline'; line: number }
  | { type: 'eof'; line: number };

// Longest first, so `;;` wins over `;` and `<<-` over `<<`.
const OPERATORS = [
  ';;&',
  '<<-',
  '<<<',
  '&>>',
  '&&',
  '||',
  ';;',
  ';&',
  '|&',
  '&>',
  '>>',
  '>&',
  '>|',
  '<<',
  '<&',
  '<>',
  '&',
  '|',
  ';',
  '(',
  ')',
  '<',
  '>',
];
export class Lexer {
  private readonly scan: Scan;
  private pending: PendingHeredoc[] = [];

  constructor(source: string, host: LexerHost, line = 1) {
    const scan: Scan = {
      source,
      pos: 0,
      line,
      host,
      readDollar: (builder, quoted) => readDollar(scan, builder, quoted),
    };
    this.scan = scan;
  }

  get currentLine(): number {
    return this.scan.line;
  }

  /** Registers a here-document whose body starts after the current line. */
  addHeredoc(
    delimiter: string,
    stripTabs: boolean,
    expand: boolean,
    holder: { body: Word | undefined },
  ): void {
    this.pending.push({ delimiter, stripTabs, expand, holder, line: this.scan.line });
  }

  next(): Token {
    this.skipBlanks();
    const scan = this.scan;
    const line = scan.line;
    if (scan.pos >= scan.source.length) {
      if (this.pending.length > 0) this.readHeredocBodies();
      return { type: 'eof', line };
    }
    const char = scan.source[scan.pos];
    if (char === '\n') {
      scan.pos++;
      scan.line++;
      if (this.pending.length > 0) this.readHeredocBodies();
      return { type: 'newline', line };
    }
    if (char === '(' && scan.source[scan.pos + 1] === '(') return this.arithmeticCommand(line);
    if ((char === '<' || char === '>') && scan.source[scan.pos + 1] === '(')
      return this.wordToken(line);
    for (const op of OPERATORS) {
      if (scan.source.startsWith(op, scan.pos)) {
        scan.pos += op.length;
        return { type: 'op', op: op === '>|' ? '>' : op === '|&' ? '|' : op, line };
      }
    }
    const io = /^\d+(?=[<>])/.exec(scan.source.slice(scan.pos, scan.pos + 12));
    if (io) {
      scan.pos += io[0].length;
      return { type: 'io', fd: Number(io[0]), line };
    }
    return this.wordToken(line);
  }

  private wordToken(line: number): Token {
    const word = readWord(this.scan);
    const first = word.parts[0];
    const plain = word.parts.length === 1 && first.kind === 'text' && !first.quoted;
    return { type: 'word', word, plain, line };
  }

  /**
   * The right side of `=~` in `[[ ]]`: a regular expression in which `(`, `)`, `|`, `<` and
   * `>` are ordinary characters; it ends at unquoted whitespace outside parentheses.
   */
  readConditionRegex(): Word {
    return readConditionRegex(this.scan);
  }

  /**
   * Reads a here-document body as a double-quoted-like word (`"` is not special, or removed
   * when `dropDoubleQuotes`).
   */
  readHeredocWord(dropDoubleQuotes = false): Word {
    return readHeredocWord(this.scan, dropDoubleQuotes);
  }

  /** A word of text in which only Tekton references are replaced. */
  readLiteralWord(): Word {
    return readLiteralWord(this.scan);
  }

  private skipBlanks(): void {
    const scan = this.scan;
    const source = scan.source;
    for (;;) {
      const char = source[scan.pos];
      if (char === ' ' || char === '\t' || char === '\r') {
        scan.pos++;
      } else if (char === '\\' && source[scan.pos + 1] === '\n') {
        scan.pos += 2;
        scan.line++;
      } else if (char === '#') {
        while (scan.pos < source.length && source[scan.pos] !== '\n') scan.pos++;
      } else {
        return;
      }
    }
  }

  /** `(( ... ))` as a command: its expression is kept for the parser (`arithmeticSource`). */
  private arithmeticCommand(line: number): Token {
    const start = this.scan.pos + 2;
    const end = matchingClose(this.scan, start, 2);
    this.scan.pos = end;
    this.arithmeticSource = this.scan.source.slice(start, end - 2);
    return { type: 'op', op: '((', line };
  }

  /** The expression of the last `(( ... ))` read. */
  arithmeticSource = '';

  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    readHeredocBodies(this.scan, pending);
  }
}
