// What jq 1.6 does to values: index (`.a`, `.[n]`), slice (`.[a:b]`), iterate (`.[]`) and
// the arithmetic operators. `+` is simulated for every kind jq adds (null, numbers, strings,
// arrays, objects), `-` for numbers and arrays, `* / %` for numbers only (jq's repetition,
// splitting and deep merge of strings and objects are not simulated).
import {
  Bounded,
  type Json,
  JqError,
  JQ_TEXT_LIMIT,
  NotSimulated,
  compare,
  isObject,
  toJson,
  typeName,
} from './jq-values.js';

/** `TYPE (VALUE)` as jq's messages show a value, cut to 11 characters as jq cuts it. */
export function described(value: Json): string {
  const text = toJson(value);
  return `${typeName(value)} (${text.length > 11 ? `${text.slice(0, 10)}...` : text})`;
}

export function index(target: Json, key: Json): Json {
  if (target === null && (key === null || typeof key === 'string' || typeof key === 'number'))
    return null;
  if (isObject(target) && typeof key === 'string') return target.get(key) ?? null;
  if (Array.isArray(target) && typeof key === 'number') {
    // A fraction indexes nothing: jq 1.6 gives null.
    const position = key < 0 ? target.length + key : key;
    return target[position] ?? null;
  }
  if (Array.isArray(target) && Array.isArray(key)) throw new NotSimulated('indices of an array');
  if (typeof key === 'string') throw new JqError(`Cannot index ${typeName(target)} with "${key}"`);
  throw new JqError(`Cannot index ${typeName(target)} with ${typeName(key)}`);
}

export function iterate(target: Json): Json[] {
  if (Array.isArray(target)) return target;
  if (isObject(target)) return [...target.values()];
  if (target === null) throw new JqError('Cannot iterate over null');
  throw new JqError(`Cannot iterate over ${described(target)}`);
}

/** `.[from:to]` of an array or string (by code point), as jq 1.6's parse_slice rounds. */
export function slice(target: Json, from: Json, to: Json): Json {
  if (target === null) return null;
  if (typeof target !== 'string' && !Array.isArray(target))
    throw new JqError(`Cannot index ${typeName(target)} with object`);
  if ((from !== null && typeof from !== 'number') || (to !== null && typeof to !== 'number'))
    throw new JqError('Start and end indices of an array slice must be numbers');
  const items = typeof target === 'string' ? [...target] : target;
  const length = items.length;
  const clamp = (value: number) =>
    Math.min(Math.max(value < 0 ? value + length : value, 0), length);
  const start = Math.trunc(clamp(from ?? 0));
  const endValue = clamp(to ?? length);
  let end = Math.trunc(endValue);
  if (end < endValue) end++;
  if (end < start) end = start;
  const part = items.slice(start, end);
  return typeof target === 'string' ? part.join('') : part;
}

/** `l OP r` for + - * / %; `charge` counts the work of building a string or array. */
export function arithmetic(op: string, l: Json, r: Json, charge: (n: number) => void): Json {
  if (typeof l === 'number' && typeof r === 'number') {
    if (op === '+') return l + r;
    if (op === '-') return l - r;
    if (op === '*') return l * r;
    if (op === '/') {
      if (r === 0) throw new JqError(`${described(l)} and ${described(r)} cannot be divided`);
      return l / r;
    }
    // jq 1.6 takes both as intmax_t; beyond 2^53 JavaScript cannot say what that gives.
    if (Math.abs(l) >= 2 ** 53 || Math.abs(r) >= 2 ** 53 || Number.isNaN(l + r))
      throw new NotSimulated('% of numbers this large');
    if (Math.trunc(r) === 0)
      throw new JqError(`${described(l)} and ${described(r)} cannot be divided`);
    return Math.trunc(l) % Math.trunc(r) || 0;
  }
  if (op === '+') return add(l, r, charge);
  if (op === '-' && Array.isArray(l) && Array.isArray(r)) {
    charge(l.length * Math.max(r.length, 1));
    return l.filter((item) => !r.some((other) => compare(item, other) === 0));
  }
  if (op === '-') throw new JqError(`${described(l)} and ${described(r)} cannot be subtracted`);
  throw new NotSimulated(`${op} of ${typeName(l)} and ${typeName(r)}`);
}

export function add(l: Json, r: Json, charge: (n: number) => void): Json {
  if (l === null) return r;
  if (r === null) return l;
  if (typeof l === 'number' && typeof r === 'number') return l + r;
  if (typeof l === 'string' && typeof r === 'string') {
    if (l.length + r.length > JQ_TEXT_LIMIT) throw new Bounded();
    charge(l.length + r.length);
    return l + r;
  }
  if (Array.isArray(l) && Array.isArray(r)) {
    charge(l.length + r.length);
    return [...l, ...r];
  }
  if (isObject(l) && isObject(r)) {
    charge(l.size + r.size);
    const merged = new Map(l);
    for (const [key, value] of r) merged.set(key, value);
    return merged;
  }
  throw new JqError(`${described(l)} and ${described(r)} cannot be added`);
}
