// The JSON values of jq's input, one after another as jq 1.6 reads them: values may follow
// each other with or without whitespace between (`{"a":1}{"b":2}`, `1 2`). A literal is a
// run of characters up to whitespace or punctuation: `true`, `false`, `null`, or a number
// strtod reads whole (so `01`, `+1`, `.5` and `1.` are numbers, as jq 1.6 takes them). A high
// surrogate escape must be followed by a low one; a lone low one becomes U+FFFD. Nesting
// deeper than jq's 256 levels and the literal `nan` are not simulated.
import { type Json, JqError, JSON_ESCAPES, NotSimulated } from './jq-values.js';

const MAX_DEPTH = 256;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The values read before the end of the text or the first error; `error` tells which. */
export interface InputValues {
  values: Json[];
  error: boolean;
}

export function parseInput(text: string): InputValues {
  const reader = new Reader(text);
  const values: Json[] = [];
  try {
    for (;;) {
      reader.skipSpace();
      if (reader.atEnd()) return { values, error: false };
      values.push(reader.value(0));
    }
  } catch (error) {
    if (error instanceof JqError) return { values, error: true };
    throw error;
  }
}

/** One JSON text (`--argjson`, `tonumber`): undefined unless it is exactly one value. */
export function parseOne(text: string): Json | undefined {
  const { values, error } = parseInput(text);
  return !error && values.length === 1 ? values[0] : undefined;
}

class Reader {
  private index = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.index >= this.text.length;
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.index] ?? '')) this.index++;
  }

  private fail(): never {
    throw new JqError('parse error');
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.index] !== char) this.fail();
    this.index++;
  }

  value(depth: number): Json {
    if (depth > MAX_DEPTH) throw new NotSimulated(`input nested deeper than ${MAX_DEPTH}`);
    this.skipSpace();
    const char = this.text[this.index];
    if (char === '"') return this.string();
    if (char === '[') {
      this.index++;
      const array: Json[] = [];
      this.skipSpace();
      if (this.text[this.index] === ']') {
        this.index++;
        return array;
      }
      for (;;) {
        array.push(this.value(depth + 1));
        this.skipSpace();
        const next = this.text[this.index++];
        if (next === ']') return array;
        if (next !== ',') this.fail();
      }
    }
    if (char === '{') {
      this.index++;
      const object = new Map<string, Json>();
      this.skipSpace();
      if (this.text[this.index] === '}') {
        this.index++;
        return object;
      }
      for (;;) {
        this.skipSpace();
        if (this.text[this.index] !== '"') this.fail();
        const key = this.string();
        this.expect(':');
        object.set(key, this.value(depth + 1));
        this.skipSpace();
        const next = this.text[this.index++];
        if (next === '}') return object;
        if (next !== ',') this.fail();
      }
    }
    return this.literal();
  }

  private literal(): Json {
    const start = this.index;
    while (this.index < this.text.length && !/[\s[\]{}:,"]/.test(this.text[this.index]))
      this.index++;
    const token = this.text.slice(start, this.index);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (token === 'nan') throw new NotSimulated('a nan literal');
    if (!NUMBER.test(token)) this.fail();
    return Number(token.replace(/^\+/, ''));
  }

  private string(): string {
    this.index++;
    let result = '';
    for (;;) {
      const char = this.text[this.index++];
      if (char === undefined) this.fail();
      if (char === '"') return result;
      if (char !== '\\') {
        result += char;
        continue;
      }
      const letter = this.text[this.index++];
      if (letter === 'u') result += this.unicode();
      else if (letter !== undefined && letter in JSON_ESCAPES) result += JSON_ESCAPES[letter];
      else this.fail();
    }
  }

  /** `\uXXXX`: a high surrogate must be followed by a low one; a lone low one is U+FFFD. */
  private unicode(): string {
    const code = this.hex();
    if (code >= 0xd800 && code < 0xdc00) {
      if (!this.text.startsWith('\\u', this.index)) this.fail();
      this.index += 2;
      const low = this.hex();
      if (low < 0xdc00 || low >= 0xe000) this.fail();
      return String.fromCodePoint(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00));
    }
    return code >= 0xdc00 && code < 0xe000 ? '\ufffd' : String.fromCharCode(code);
  }

  private hex(): number {
    const digits = this.text.slice(this.index, this.index + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail();
    this.index += 4;
    return Number.parseInt(digits, 16);
  }
}
