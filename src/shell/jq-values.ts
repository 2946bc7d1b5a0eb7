// JSON values as jq 1.6 holds them, and what jq does with any value: its type name,
// truthiness, order and equality, and how it prints one (2-space indent or compact, keys
// sorted with -S, numbers as jq's dtoa writes them). Objects are Maps: jq keeps the order in
// which keys were added, where a JavaScript object would move integer-like keys first.

export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = Map<string, Json>;

/** An error jq reports (`jq: error (at ...): MESSAGE`, exit 5), here only its message. */
export class JqError extends Error {}
export { NotSimulated } from './not-simulated.js';
/** A bound on the work was reached: the command is then not simulated either. */
export class Bounded extends Error {}

/** Evaluation steps one jq command may take (each node visited, each value iterated). */
export const JQ_STEP_LIMIT = 100_000;
/** Characters of JSON input one jq command reads, and of text it may produce. */
export const JQ_TEXT_LIMIT = 1 << 20;

export function typeName(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'array' : 'object';
}

export function isObject(value: Json): value is JsonObject {
  return value instanceof Map;
}

export function truthy(value: Json): boolean {
  return value !== null && value !== false;
}

function kindRank(value: Json): number {
  if (value === null) return 0;
  if (value === false) return 1;
  if (value === true) return 2;
  return ['number', 'string', 'array', 'object'].indexOf(typeName(value)) + 3;
}

/** Strings by code point, as jq compares their UTF-8 bytes (not by UTF-16 code unit). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let index = 0; index < x.length && index < y.length; index++) {
    const difference = (x[index].codePointAt(0) as number) - (y[index].codePointAt(0) as number);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

export function sortedKeys(object: JsonObject): string[] {
  return [...object.keys()].sort(compareStrings);
}

/** jq's total order: null < false < true < numbers < strings < arrays < objects. */
export function compare(a: Json, b: Json): number {
  const rank = kindRank(a) - kindRank(b);
  if (rank !== 0) return rank < 0 ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < a.length && index < b.length; index++) {
      const order = compare(a[index], b[index]);
      if (order !== 0) return order;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  if (isObject(a) && isObject(b)) {
    // Objects compare their sorted key lists first, then the values key by key.
    const keysA = sortedKeys(a);
    const keysB = sortedKeys(b);
    const order = compare(keysA, keysB);
    if (order !== 0) return order;
    for (const key of keysA) {
      const value = compare(a.get(key) as Json, b.get(key) as Json);
      if (value !== 0) return value;
    }
  }
  return 0;
}

/**
 * A number as jq 1.6 prints it: the shortest digits that read back the same, written plainly
 * unless the exponent is below -4 or more than 15 past the digits (then `1e+17`, `1e-05`);
 * infinities as the largest double, NaN as null.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'null';
  let x = value;
  if (!Number.isFinite(x)) x = x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponent) + 1;
  const sign = x < 0 ? '-' : '';
  if (point <= -4 || point > digits.length + 15) {
    const e = point - 1;
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A string as jq writes it: control characters and DEL as \u00XX, the rest as they are. */
export function quote(text: string): string {
  const escaped = text.replace(/["\\\u0000-\u001f\u007f]/g, (char) => {
    return ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

export interface DumpOptions {
  /** Spaces per level; 0 writes compactly (`-c`). */
  indent: number;
  sortKeys: boolean;
}

/** The JSON text of a value; stops with Bounded once it passes JQ_TEXT_LIMIT. */
export function dump(value: Json, options: DumpOptions): string {
  const parts: string[] = [];
  let size = 0;
  const push = (text: string) => {
    size += text.length;
    if (size > JQ_TEXT_LIMIT) throw new Bounded();
    parts.push(text);
  };
  const write = (item: Json, depth: number) => {
    if (item === null || typeof item === 'boolean') push(String(item));
    else if (typeof item === 'number') push(formatNumber(item));
    else if (typeof item === 'string') push(quote(item));
    else {
      const entries: [string | undefined, Json][] = Array.isArray(item)
        ? item.map((element) => [undefined, element])
        : (options.sortKeys ? sortedKeys(item) : [...item.keys()]).map((key) => [
            key,
            item.get(key) as Json,
          ]);
      const [open, close] = Array.isArray(item) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        push(open + close);
        return;
      }
      const inner = options.indent > 0 ? `\n${' '.repeat(options.indent * (depth + 1))}` : '';
      const outer = options.indent > 0 ? `\n${' '.repeat(options.indent * depth)}` : '';
      push(open);
      entries.forEach(([key, element], index) => {
        push(index > 0 ? `,${inner}` : inner);
        if (key !== undefined) push(`${quote(key)}${options.indent > 0 ? ': ' : ':'}`);
        write(element, depth + 1);
      });
      push(outer + close);
    }
  };
  write(value, 0);
  return parts.join('');
}

/** `tojson`, and how `tostring` and string interpolation write a value that is not a string. */
export function toJson(value: Json): string {
  return dump(value, { indent: 0, sortKeys: false });
}

/** The one-character escapes of a JSON string (and of a jq string literal). */
export const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
