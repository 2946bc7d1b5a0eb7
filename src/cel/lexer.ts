// Tokens of CEL's grammar (cel-spec langdef "Syntax"). Literals are decoded here, so the parser
// only sees values: ints as bigint (CEL ints are 64-bit), doubles as number.
import { CelError, unsupported } from './error.js';

export type TokenKind = 'int' | 'double' | 'string' | 'ident' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Punctuation or identifier text; for literals the source text. */
  text: string;
  /** Decoded literal value. */
  value?: bigint | number | string;
  /** Offset of the token's first character in the source. */
  offset: number;
}

const PUNCTUATION = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];

const INT64_MAX = 2n ** 63n - 1n;

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const syntax = (message: string, offset: number) =>
    new CelError('syntax', `Syntax error: ${message}`, { source, offset });
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      i = readNumber(source, i, tokens, syntax);
      continue;
    }
    if (isIdentStart(c)) {
      while (i < source.length && isIdentPart(source[i])) i++;
      const word = source.slice(start, i);
      const quote = source[i];
      if ((quote === '"' || quote === "'") && /^[rRbB]{1,2}$/.test(word)) {
        if (/[bB]/.test(word)) throw unsupported('bytes literal', source, start);
        if (word.length > 1) throw syntax(`token recognition error at: '${word}'`, start);
        i = readString(source, i, true, start, tokens, syntax);
        continue;
      }
      tokens.push({ kind: 'ident', text: word, offset: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(source, i, false, start, tokens, syntax);
      continue;
    }
    if (c === '`') throw unsupported('quoted identifier `...`', source, start);
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw syntax(`token recognition error at: '${c}'`, start);
    tokens.push({ kind: 'punct', text: punct, offset: start });
    i += punct.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', offset: source.length });
  return tokens;
}

type SyntaxErrorFactory = (message: string, offset: number) => CelError;

function readNumber(
  source: string,
  start: number,
  tokens: Token[],
  syntax: SyntaxErrorFactory,
): number {
  const hex = /^0[xX][0-9a-fA-F]+/.exec(source.slice(start));
  const decimal = /^(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)/.exec(source.slice(start));
  const text = (hex ?? decimal)![0];
  const end = start + text.length;
  if (source[end] === 'u' || source[end] === 'U') {
    throw unsupported(`unsigned integer literal ${text}${source[end]}`, source, start);
  }
  if (isIdentPart(source[end] ?? '')) {
    throw syntax(`token recognition error at: '${source.slice(start, end + 1)}'`, start);
  }
  if (!hex && /[.eE]/.test(text)) {
    tokens.push({ kind: 'double', text, value: Number(text), offset: start });
    return end;
  }
  const value = BigInt(text);
  // The parser folds a leading minus into the literal, so -9223372036854775808 must get here.
  if (value > INT64_MAX + 1n) throw syntax(`invalid int literal`, start);
  tokens.push({ kind: 'int', text, value, offset: start });
  return end;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '?': '?',
  '"': '"',
  "'": "'",
  '`': '`',
};

function readString(
  source: string,
  quoteAt: number,
  raw: boolean,
  start: number,
  tokens: Token[],
  syntax: SyntaxErrorFactory,
): number {
  const quote = source[quoteAt];
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const delimiter = triple ? quote.repeat(3) : quote;
  let i = quoteAt + delimiter.length;
  let value = '';
  for (;;) {
    if (i >= source.length) throw syntax('unterminated string literal', start);
    if (source.startsWith(delimiter, i)) break;
    const c = source[i];
    if (!triple && (c === '\n' || c === '\r')) throw syntax('newline in string literal', start);
    if (c === '\\' && !raw) {
      const [decoded, length] = decodeEscape(source, i, syntax);
      value += decoded;
      i += length;
      continue;
    }
    value += c;
    i++;
  }
  i += delimiter.length;
  tokens.push({ kind: 'string', text: source.slice(start, i), value, offset: start });
  return i;
}

function decodeEscape(source: string, at: number, syntax: SyntaxErrorFactory): [string, number] {
  const c = source[at + 1] ?? '';
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], 2];
  const hexLength = c === 'x' || c === 'X' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const digits = source.slice(at + 2, at + 2 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) {
      throw syntax(`invalid escape sequence '\\${c}${digits}'`, at);
    }
    const codePoint = parseInt(digits, 16);
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      throw syntax(`invalid unicode code point '\\${c}${digits}'`, at);
    }
    return [String.fromCodePoint(codePoint), 2 + hexLength];
  }
  const octal = /^[0-3][0-7]{2}/.exec(source.slice(at + 1));
  if (octal) return [String.fromCodePoint(parseInt(octal[0], 8)), 4];
  throw syntax(`invalid escape sequence '\\${c}'`, at);
}
