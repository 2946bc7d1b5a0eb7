// CEL values as JavaScript values, and CEL's equality and ordering over them.
//
// CEL distinguishes int (64-bit) from double, so ints are `bigint` and doubles are `number`:
// `compileCel('3 / 2').evaluate()` is `1n`, `compileCel('3.0 / 2.0').evaluate()` is `1.5`.
import { CelError } from './error.js';

export type CelMapKey = string | bigint | boolean;

export type CelValue =
  | string
  | bigint
  | number
  | boolean
  | null
  | CelValue[]
  | ReadonlyMap<CelMapKey, CelValue>;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export function celTypeName(value: CelValue): string {
  if (value === null) return 'null_type';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'map';
  switch (typeof value) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    default:
      return 'bool';
  }
}

export function noSuchOverload(): CelError {
  return new CelError('runtime', 'no such overload');
}

/** The int that a double map key or list index stands for, when it is integral. */
function asIntKey(value: CelValue): CelValue {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
}

/**
 * CEL's heterogeneous equality: values of different types are unequal (not an error), and
 * numbers compare by value across int and double.
 */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if (typeof a === 'bigint' && typeof b === 'number') return Number.isInteger(b) && BigInt(b) === a;
  if (typeof a === 'number' && typeof b === 'bigint') return celEquals(b, a);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => celEquals(item, b[i]));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      const other = lookupMap(b, key);
      if (other === undefined || !celEquals(value, other)) return false;
    }
    return true;
  }
  return a === b;
}

/** Map lookup with CEL's key equality (a double key finds the equal int key). */
export function lookupMap(
  map: ReadonlyMap<CelMapKey, CelValue>,
  key: CelValue,
): CelValue | undefined {
  const normalized = asIntKey(key);
  if (
    typeof normalized === 'string' ||
    typeof normalized === 'bigint' ||
    typeof normalized === 'boolean'
  ) {
    return map.get(normalized);
  }
  return undefined;
}

/** Ordering for `<` and friends: same-typed numbers, strings and bools; numbers across types. */
export function celCompare(a: CelValue, b: CelValue): number {
  const numeric = (v: CelValue) => typeof v === 'bigint' || typeof v === 'number';
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (numeric(a) && numeric(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw noSuchOverload();
}

/** CEL orders strings by code point (Go compares UTF-8 bytes); JS `<` compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}

export function checkedInt(value: bigint): bigint {
  if (value < INT64_MIN || value > INT64_MAX) throw new CelError('runtime', 'integer overflow');
  return value;
}

/**
 * A double as Go's `%g` prints it (cel-go's string(double)): shortest digits, exponent form
 * when the decimal exponent is below -4 or at least 6 (Go's `1e+06`, not JS's `1000000`).
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponential = value.toExponential();
  const exponent = Number(exponential.slice(exponential.indexOf('e') + 1));
  return exponent < -4 || exponent >= 6 ? goExponent(exponential) : String(value);
}

function goExponent(jsExponential: string): string {
  const [mantissa, exponentText] = jsExponential.split('e');
  const exponent = Number(exponentText);
  const digits = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
}
