// Tree-walking evaluation of a checked CEL expression. The checker has already rejected every
// statically wrong call, so the run-time checks here only matter for `dyn` values (elements of
// mixed lists and maps) and for CEL's genuine run-time errors: overflow, division by zero,
// index out of range, missing key, bad conversion, bad regular expression.
import { CelError } from './error.js';
import type { CelNode } from './parser.js';
import { compileRe2, type Re2Pattern } from './regex.js';
import {
  celCompare,
  celEquals,
  celTypeName,
  checkedInt,
  formatDouble,
  INT64_MAX,
  INT64_MIN,
  lookupMap,
  noSuchOverload,
  type CelMapKey,
  type CelValue,
} from './value.js';

export class Evaluator {
  /** Compiled `matches()` patterns of this one program (not shared: no global state). */
  private readonly regexes = new Map<string, Re2Pattern>();

  evaluate(node: CelNode): CelValue {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'list':
        return node.elements.map((element) => this.evaluate(element));
      case 'map':
        return this.map(node);
      case 'ident':
        throw new CelError('runtime', `no such attribute: ${node.name}`);
      case 'select':
        return this.index(this.evaluate(node.operand), node.field);
      case 'index':
        return this.index(this.evaluate(node.operand), this.evaluate(node.index));
      case 'call':
        return this.call(node);
      case 'unary':
        return unary(node.operator, this.evaluate(node.operand));
      case 'binary':
        return this.binary(node);
      case 'conditional': {
        const condition = this.evaluate(node.condition);
        if (typeof condition !== 'boolean') throw noSuchOverload();
        return this.evaluate(condition ? node.whenTrue : node.whenFalse);
      }
    }
  }

  private map(node: Extract<CelNode, { kind: 'map' }>): CelValue {
    const map = new Map<CelMapKey, CelValue>();
    for (const entry of node.entries) {
      const key = this.evaluate(entry.key);
      if (typeof key !== 'string' && typeof key !== 'bigint' && typeof key !== 'boolean') {
        throw new CelError('runtime', `unsupported key type: ${celTypeName(key)}`);
      }
      if (map.has(key)) throw new CelError('runtime', `Failed with repeated key: ${String(key)}`);
      map.set(key, this.evaluate(entry.value));
    }
    return map;
  }

  private index(operand: CelValue, index: CelValue): CelValue {
    if (Array.isArray(operand)) {
      const position = typeof index === 'number' && Number.isInteger(index) ? BigInt(index) : index;
      if (typeof position !== 'bigint') throw noSuchOverload();
      if (position < 0n || position >= BigInt(operand.length)) {
        throw new CelError(
          'runtime',
          `index '${position}' out of range in list size '${operand.length}'`,
        );
      }
      return operand[Number(position)];
    }
    if (operand instanceof Map) {
      const value = lookupMap(operand, index);
      if (value === undefined) throw new CelError('runtime', `no such key: ${String(index)}`);
      return value;
    }
    throw noSuchOverload();
  }

  /** `&&` and `||` are commutative over errors: `error && false` is false, as in CEL. */
  private logical(node: Extract<CelNode, { kind: 'binary' }>): CelValue {
    const decisive = node.operator === '||';
    let leftError: unknown;
    try {
      const left = this.evaluate(node.left);
      if (typeof left !== 'boolean') throw noSuchOverload();
      if (left === decisive) return decisive;
    } catch (error) {
      leftError = error;
    }
    const right = this.evaluate(node.right);
    if (typeof right !== 'boolean') throw noSuchOverload();
    if (right === decisive) return decisive;
    if (leftError !== undefined) throw leftError;
    return !decisive;
  }

  private binary(node: Extract<CelNode, { kind: 'binary' }>): CelValue {
    if (node.operator === '&&' || node.operator === '||') return this.logical(node);
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    switch (node.operator) {
      case '==':
        return celEquals(left, right);
      case '!=':
        return !celEquals(left, right);
      case '<':
        return celCompare(left, right) < 0;
      case '<=':
        return celCompare(left, right) <= 0;
      case '>':
        return celCompare(left, right) > 0;
      case '>=':
        return celCompare(left, right) >= 0;
      case 'in':
        return contains(right, left);
      default:
        return arithmetic(node.operator, left, right);
    }
  }

  private call(node: Extract<CelNode, { kind: 'call' }>): CelValue {
    const target = node.target ? this.evaluate(node.target) : undefined;
    const args = node.args.map((arg) => this.evaluate(arg));
    const [subject, argument] = target === undefined ? args : [target, args[0]];
    switch (node.name) {
      case 'size':
        return size(subject);
      case 'startsWith':
        return stringPredicate(subject, argument, (s, p) => s.startsWith(p));
      case 'endsWith':
        return stringPredicate(subject, argument, (s, p) => s.endsWith(p));
      case 'contains':
        return stringPredicate(subject, argument, (s, p) => s.includes(p));
      case 'matches':
        return stringPredicate(subject, argument, (s, p) => this.regex(p).test(s));
      case 'dyn':
        return subject;
      default:
        return convert(node.name, subject);
    }
  }

  private regex(pattern: string): Re2Pattern {
    let regex = this.regexes.get(pattern);
    if (!regex) {
      regex = compileRe2(pattern);
      this.regexes.set(pattern, regex);
    }
    return regex;
  }
}

function size(value: CelValue): bigint {
  if (typeof value === 'string') {
    let count = 0n;
    for (const _ of value) count++;
    return count;
  }
  if (Array.isArray(value)) return BigInt(value.length);
  if (value instanceof Map) return BigInt(value.size);
  throw noSuchOverload();
}

function stringPredicate(
  subject: CelValue,
  argument: CelValue,
  test: (subject: string, argument: string) => boolean,
): boolean {
  if (typeof subject !== 'string' || typeof argument !== 'string') throw noSuchOverload();
  return test(subject, argument);
}

function contains(container: CelValue, item: CelValue): boolean {
  if (Array.isArray(container)) return container.some((element) => celEquals(element, item));
  if (container instanceof Map) return lookupMap(container, item) !== undefined;
  throw noSuchOverload();
}

function unary(operator: '!' | '-', value: CelValue): CelValue {
  if (operator === '!' && typeof value === 'boolean') return !value;
  if (operator === '-' && typeof value === 'bigint') return checkedInt(-value);
  if (operator === '-' && typeof value === 'number') return -value;
  throw noSuchOverload();
}

function arithmetic(operator: string, left: CelValue, right: CelValue): CelValue {
  if (typeof left === 'bigint' && typeof right === 'bigint')
    return intArithmetic(operator, left, right);
  if (typeof left === 'number' && typeof right === 'number' && operator !== '%') {
    if (operator === '+') return left + right;
    if (operator === '-') return left - right;
    if (operator === '*') return left * right;
    return left / right;
  }
  if (operator === '+' && typeof left === 'string' && typeof right === 'string')
    return left + right;
  if (operator === '+' && Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  throw noSuchOverload();
}

function intArithmetic(operator: string, left: bigint, right: bigint): bigint {
  switch (operator) {
    case '+':
      return checkedInt(left + right);
    case '-':
      return checkedInt(left - right);
    case '*':
      return checkedInt(left * right);
    case '/':
      if (right === 0n) throw new CelError('runtime', 'division by zero');
      return checkedInt(left / right);
    default:
      if (right === 0n) throw new CelError('runtime', 'modulus by zero');
      // Go's remainder of MinInt64 % -1 is 0; BigInt agrees, and the sign follows the dividend.
      return left % right;
  }
}

function convert(name: string, value: CelValue): CelValue {
  switch (name) {
    case 'int':
      return toInt(value);
    case 'double':
      return toDouble(value);
    case 'string':
      return toText(value);
    case 'bool':
      return toBool(value);
    default:
      throw noSuchOverload();
  }
}

function toInt(value: CelValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    // Both ends are exclusive, as in cel-go and the CEL conformance tests: -2^63 is an exact
    // double, but the conversion is defined on the open range, so int(-9223372036854775808.0)
    // is a range error rather than INT64_MIN.
    if (!(value > -(2 ** 63) && value < 2 ** 63)) {
      throw new CelError('runtime', 'range error converting double to int');
    }
    return BigInt(Math.trunc(value));
  }
  if (typeof value === 'string') {
    if (!/^[+-]?\d+$/.test(value))
      throw new CelError('runtime', `cannot convert string '${value}' to int`);
    const parsed = BigInt(value);
    if (parsed < INT64_MIN || parsed > INT64_MAX) {
      throw new CelError('runtime', `cannot convert string '${value}' to int: value out of range`);
    }
    return parsed;
  }
  throw noSuchOverload();
}

function toDouble(value: CelValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const text = value.trim() === value ? value : '';
    if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
    const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
    if (special) {
      if (special[2].toLowerCase() === 'nan') return NaN;
      return special[1] === '-' ? -Infinity : Infinity;
    }
    throw new CelError('runtime', `cannot convert string '${value}' to double`);
  }
  throw noSuchOverload();
}

function toText(value: CelValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatDouble(value);
  if (typeof value === 'boolean') return String(value);
  throw noSuchOverload();
}

/** Go's strconv.ParseBool spellings, which cel-go accepts for bool(string). */
const BOOL_SPELLINGS = new Map<string, boolean>([
  ['1', true],
  ['t', true],
  ['T', true],
  ['TRUE', true],
  ['true', true],
  ['True', true],
  ['0', false],
  ['f', false],
  ['F', false],
  ['FALSE', false],
  ['false', false],
  ['False', false],
]);

function toBool(value: CelValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const parsed = BOOL_SPELLINGS.get(value);
    if (parsed !== undefined) return parsed;
    throw new CelError('runtime', `cannot convert string '${value}' to bool`);
  }
  throw noSuchOverload();
}
