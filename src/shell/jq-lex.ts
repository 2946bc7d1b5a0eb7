// Tokens of a jq program: punctuation and operators, `.name` fields, names, `$variables`,
// numbers and strings. A string's `\(...)` interpolations are lexed into their own token
// lists. Tokens of the language outside the subset (`..`, `@format`, `?//`, `::`) are kept so
// the parser can name them when it refuses them.
import { JSON_ESCAPES, NotSimulated } from './jq-values.js';

/** Words jq 1.6 reserves: `.if` is no field, `{if: 1}` no key. */
export const KEYWORDS = new Set([
  ...['def', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', '__loc__'],
  ...['if', 'then', 'elif', 'else', 'end', 'and', 'or', 'as'],
]);

export type Token =
  | { kind: 'punct'; value: string }
  | { kind: 'field'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'variable'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; parts: (string | Token[])[] }
  | { kind: 'end' };

/** Longest first, so `//=` is read before `//` and `/`. */
const PUNCTUATION = [
  '?//',
  '//=',
  '|=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '..',
  '::',
  '.',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  '|',
  ',',
  ':',
  ';',
  '?',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '@',
];

const FIELD = /\.([A-Za-z_][A-Za-z0-9_]*)/y;
const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const NAME = /(\$?)([A-Za-z_][A-Za-z0-9_]*)/y;

export function lexJq(source: string): Token[] {
  const lexer = new Lexer(source);
  const tokens = lexer.tokens(false);
  tokens.push({ kind: 'end' });
  return tokens;
}

class Lexer {
  private index = 0;

  constructor(private readonly source: string) {}

  /** Tokens up to the end, or (inside `\(`) up to the `)` that closes it. */
  tokens(inInterpolation: boolean): Token[] {
    const tokens: Token[] = [];
    let depth = 0;
    for (;;) {
      this.skipSpaceAndComments();
      if (this.index >= this.source.length) {
        if (inInterpolation) throw new NotSimulated('an unterminated string');
        return tokens;
      }
      const char = this.source[this.index];
      if (char === '"') {
        this.index++;
        tokens.push(this.string());
        continue;
      }
      const field = this.match(FIELD);
      if (field && !KEYWORDS.has(field[1])) {
        tokens.push({ kind: 'field', value: field[1] });
        this.index += field[0].length;
        continue;
      }
      const number = this.match(NUMBER);
      if (number) {
        tokens.push({ kind: 'number', value: Number(number[0]) });
        this.index += number[0].length;
        continue;
      }
      const name = this.match(NAME);
      if (name) {
        tokens.push({ kind: name[1] ? 'variable' : 'name', value: name[2] });
        this.index += name[0].length;
        continue;
      }
      const punct = PUNCTUATION.find((candidate) => this.source.startsWith(candidate, this.index));
      if (punct === undefined) throw new NotSimulated(`the character ${char}`);
      this.index += punct.length;
      if (inInterpolation && punct === '(') depth++;
      if (inInterpolation && punct === ')') {
        if (depth === 0) return tokens;
        depth--;
      }
      tokens.push({ kind: 'punct', value: punct });
    }
  }

  /** `pattern` (sticky) matched where the lexer is. */
  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.index;
    return pattern.exec(this.source);
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      const char = this.source[this.index];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') this.index++;
      else if (char === '#') {
        while (this.index < this.source.length && this.source[this.index] !== '\n') this.index++;
      } else return;
    }
  }

  /** After the opening quote: literal pieces and interpolated token lists. */
  private string(): Token {
    const parts: (string | Token[])[] = [];
    let text = '';
    for (;;) {
      const char = this.source[this.index++];
      if (char === undefined) throw new NotSimulated('an unterminated string');
      if (char === '"') break;
      if (char !== '\\') {
        text += char;
        continue;
      }
      const letter = this.source[this.index++];
      if (letter === '(') {
        parts.push(text);
        text = '';
        parts.push(this.tokens(true));
      } else if (letter === 'u') {
        const digits = this.source.slice(this.index, this.index + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new NotSimulated('an invalid \\u escape');
        const code = Number.parseInt(digits, 16);
        if (code >= 0xd800 && code < 0xe000) throw new NotSimulated('a surrogate \\u escape');
        text += String.fromCharCode(code);
        this.index += 4;
      } else if (letter !== undefined && letter in JSON_ESCAPES) text += JSON_ESCAPES[letter];
      else throw new NotSimulated(`the escape \\${letter ?? ''}`);
    }
    parts.push(text);
    return { kind: 'string', parts };
  }
}
