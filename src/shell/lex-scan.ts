// What every part of the step-script lexer shares: the scan over the source (position, line,
// the parser that owns it), the syntax error it throws, and the builder that collects a word's
// parts. The lexer is split by job (lex.ts tokens, lex-words.ts words and quoting,
// lex-dollar.ts `$` expansions, lex-heredoc.ts here-documents); this file sits below them all
// so that none of them imports another in a circle.
import type { CommandList, Word, WordPart } from './ast.js';

export class ScriptSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ScriptSyntaxError';
  }
}

/**
 * How separate text is read as a word: as a here-document body (`heredoc`), as the expression
 * of `$((...))` or `((...))` (`arithmetic`: a here-document body in sh, and in bash with its
 * unescaped double quotes removed), or with only Tekton references replaced (`literal`).
 */
export type NestedWordMode = 'heredoc' | 'arithmetic' | 'literal';

/** What the lexer needs from the parser that owns it. */
export interface LexerHost {
  /** Parses the commands of `$( ... )` from the lexer's position, through the closing `)`. */
  parseCommandSubstitution(): CommandList;
  /** Parses separate source text (backquotes, here-document bodies) starting at `line`. */
  parseNestedWord(source: string, line: number, mode: NestedWordMode): Word;
  /** sh, ash or dash, which have no arrays. */
  readonly posixShell: boolean;
  /** The words between the parentheses of `NAME=( ... )`, starting at `line`. */
  parseArrayElements(source: string, line: number): Word[];
  parseNestedCommands(source: string, line: number): CommandList;
  /** Index of a Tekton variable reference such as `$(params.x)` in the program's list. */
  referenceIndex(text: string): number;
  unsupported(construct: string): void;
}

/** One lexer's scan of its source, which the reading functions of the lexer's files advance. */
export interface Scan {
  readonly source: string;
  pos: number;
  line: number;
  readonly host: LexerHost;
  /**
   * Reads from `$` (lex-dollar.ts). Double quotes and here-documents hold `$` forms and
   * `${NAME:-"..."}` holds quotes, so words and expansions each need the other: quoting reaches
   * expansions through here rather than by an import.
   */
  readDollar(builder: PartsBuilder, quoted: boolean): void;
}

/** `*`, `?` or a bracket expression: what makes an unquoted word a pathname pattern. */
const GLOB_PATTERN = /[*?]|\[[^\]]+\]/;

/** Collects word parts, merging adjacent text of the same quoting. */
export class PartsBuilder {
  readonly parts: WordPart[] = [];
  private text = '';
  private quoted = false;

  addText(text: string, quoted: boolean): void {
    if (text === '') return;
    if (this.text !== '' && this.quoted !== quoted) this.flush();
    this.text += text;
    this.quoted = quoted;
  }

  /** `""` or `''`: the word has a (possibly empty) field even if nothing else is added. */
  addEmptyQuoted(): void {
    this.flush();
    this.parts.push({ kind: 'text', text: '', quoted: true });
  }

  add(part: WordPart): void {
    this.flush();
    this.parts.push(part);
  }

  /** The unquoted text collected so far when the word is nothing else (for `NAME=(`). */
  plainPrefix(): string | undefined {
    return this.parts.length === 0 && !this.quoted ? this.text : undefined;
  }

  finish(): Word {
    this.flush();
    const parts = this.parts.filter(
      (part) => !(part.kind === 'text' && part.text === ''),
    ) as WordPart[];
    // Keep one empty quoted part when that is all the word has: `""` is an empty field.
    const kept = parts.length > 0 ? parts : this.parts.slice(0, 1);
    let literal: string | undefined = '';
    for (const part of kept) {
      // Unquoted wildcards make a pattern, expanded against the files when the word runs.
      if (part.kind !== 'text' || (!part.quoted && GLOB_PATTERN.test(part.text))) {
        literal = undefined;
        break;
      }
      literal += part.text;
    }
    return { parts: kept, literal };
  }

  private flush(): void {
    if (this.text === '') return;
    this.parts.push({ kind: 'text', text: this.text, quoted: this.quoted });
    this.text = '';
  }
}

/** Index after the `)` that closes `depth` open parentheses, scanning from `from`. */
export function matchingClose(scan: Scan, from: number, depth: number): number {
  let index = from;
  while (index < scan.source.length) {
    const char = scan.source[index];
    if (char === '\n') scan.line++;
    if (char === '(') depth++;
    if (char === ')' && --depth === 0) return index + 1;
    index++;
  }
  throw new ScriptSyntaxError('unterminated "("', scan.line);
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
