// The builtin functions of the subset, each as jq 1.6 defines it (in C or in its builtin.jq:
// `map(f)` is `[.[] | f]`, `join` reduces over `.[]` writing null as "" and numbers and
// booleans as JSON, `last(f)` is null when f has no output, `to_entries` keeps the keys'
// order). A function with a value argument (`has`, `join`, `split`...) runs once per output
// of its argument.
import type { Node } from './jq-ast.js';
import { add, described, index, iterate } from './jq-ops.js';
import { parseOne } from './jq-input.js';
import {
  type Json,
  JqError,
  NotSimulated,
  compare,
  isObject,
  sortedKeys,
  toJson,
  truthy,
  typeName,
} from './jq-values.js';

export type Env = ReadonlyMap<string, Json>;

/** What a builtin needs of the evaluator: running its arguments, counting its work. */
export interface Evaluation {
  run(node: Node, input: Json, env: Env): Generator<Json>;
  charge(steps: number): void;
}

/** The functions of the subset by name, with the numbers of arguments each takes. */
const NO_ARGUMENT = ['empty', 'not', 'length', 'keys', 'keys_unsorted', 'tostring', 'tonumber'];
const MORE_NO_ARGUMENT = ['tojson', 'to_entries', 'type', 'add', 'sort'];
const ONE_ARGUMENT = ['has', 'map', 'select', 'join', 'startswith', 'endswith', 'split'];

/** The functions of the subset by name, with the numbers of arguments each takes. */
export const BUILTIN_ARITIES: ReadonlyMap<string, readonly number[]> = new Map<string, number[]>([
  ...[...NO_ARGUMENT, ...MORE_NO_ARGUMENT, 'ascii_downcase', 'ascii_upcase'].map(
    (name): [string, number[]] => [name, [0]],
  ),
  ...ONE_ARGUMENT.map((name): [string, number[]] => [name, [1]]),
  ['first', [0, 1]],
  ['last', [0, 1]],
]);

export function* callBuiltin(
  evaluation: Evaluation,
  name: string,
  args: readonly Node[],
  input: Json,
  env: Env,
): Generator<Json> {
  switch (name) {
    case 'empty':
      return;
    case 'map': {
      const result: Json[] = [];
      for (const item of iterate(input)) {
        evaluation.charge(1);
        for (const value of evaluation.run(args[0], item, env)) result.push(value);
      }
      yield result;
      return;
    }
    case 'select':
      for (const value of evaluation.run(args[0], input, env)) if (truthy(value)) yield input;
      return;
    case 'first':
      if (args.length === 0) yield index(input, 0);
      else
        for (const value of evaluation.run(args[0], input, env)) {
          yield value;
          return;
        }
      return;
    case 'last': {
      if (args.length === 0) {
        yield index(input, -1);
        return;
      }
      let last: Json = null;
      for (const value of evaluation.run(args[0], input, env)) last = value;
      yield last;
      return;
    }
  }
  if (args.length === 0) {
    yield simple(evaluation, name, input);
    return;
  }
  for (const argument of evaluation.run(args[0], input, env))
    yield withArgument(evaluation, name, input, argument);
}

function simple(evaluation: Evaluation, name: string, input: Json): Json {
  switch (name) {
    case 'not':
      return !truthy(input);
    case 'length':
      if (input === null) return 0;
      if (typeof input === 'boolean') throw new JqError(`${described(input)} has no length`);
      if (typeof input === 'number') return Math.abs(input);
      if (typeof input === 'string') return [...input].length;
      return Array.isArray(input) ? input.length : input.size;
    case 'keys':
    case 'keys_unsorted':
      return keys(input, name === 'keys');
    case 'tostring':
      return typeof input === 'string' ? input : toJson(input);
    case 'tojson':
      return toJson(input);
    case 'tonumber': {
      if (typeof input === 'number') return input;
      const parsed = typeof input === 'string' ? parseOne(input) : undefined;
      if (typeof parsed !== 'number')
        throw new JqError(`${described(input)} cannot be parsed as a number`);
      return parsed;
    }
    case 'to_entries': {
      const entries = keys(input, false) as (string | number)[];
      evaluation.charge(entries.length);
      return entries.map(
        (key) =>
          new Map<string, Json>([
            ['key', key],
            ['value', index(input, key)],
          ]),
      );
    }
    case 'type':
      return typeName(input);
    case 'add': {
      let sum: Json = null;
      for (const item of iterate(input)) sum = add(sum, item, (n) => evaluation.charge(n));
      return sum;
    }
    case 'sort':
      if (!Array.isArray(input))
        throw new JqError(`${described(input)} cannot be sorted, as it is not an array`);
      evaluation.charge(input.length * Math.ceil(Math.log2(input.length + 1)));
      return [...input].sort(compare);
    case 'ascii_downcase':
    case 'ascii_upcase':
      if (typeof input !== 'string') throw new JqError(`${name} input must be a string`);
      return name === 'ascii_downcase'
        ? input.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
        : input.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
  }
  throw new NotSimulated(`the function ${name}`);
}

function keys(input: Json, sorted: boolean): Json[] {
  if (isObject(input)) return sorted ? sortedKeys(input) : [...input.keys()];
  if (Array.isArray(input)) return input.map((_, position) => position);
  throw new JqError(`${described(input)} has no keys`);
}

function withArgument(evaluation: Evaluation, name: string, input: Json, argument: Json): Json {
  switch (name) {
    case 'has':
      if (isObject(input) && typeof argument === 'string') return input.has(argument);
      if (Array.isArray(input) && typeof argument === 'number')
        return argument >= 0 && argument < input.length;
      throw new JqError(`Cannot check whether ${typeName(input)} has a ${typeName(argument)} key`);
    case 'join': {
      let result: Json = null;
      for (const item of iterate(input)) {
        const text =
          item === null
            ? ''
            : typeof item === 'number' || typeof item === 'boolean'
              ? toJson(item)
              : item;
        const charge = (n: number) => evaluation.charge(n);
        result = add(result === null ? '' : add(result, argument, charge), text, charge);
      }
      return result ?? '';
    }
    case 'startswith':
    case 'endswith':
      if (typeof input !== 'string' || typeof argument !== 'string')
        throw new JqError(`${name}() requires string inputs`);
      return name === 'startswith' ? input.startsWith(argument) : input.endsWith(argument);
    case 'split':
      if (typeof input !== 'string' || typeof argument !== 'string')
        throw new JqError('split input and separator must be strings');
      if (argument === '') throw new NotSimulated('split by an empty string');
      evaluation.charge(input.length);
      return input === '' ? [] : input.split(argument);
  }
  throw new NotSimulated(`the function ${name}/1`);
}
