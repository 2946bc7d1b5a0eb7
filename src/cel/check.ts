// Static type check, as cel-go's env.Compile does before Tekton accepts a CEL expression: with no
// variables every type is known, except inside mixed lists and maps, which are `dyn` (checked
// again at run time). A mismatch such as `'a' == 1` is therefore a compile-time error here too.
import { CelError, unsupported } from './error.js';
import type { CelNode } from './parser.js';

export type CelType =
  | { kind: 'int' | 'double' | 'string' | 'bool' | 'null' | 'dyn' }
  | { kind: 'list'; element: CelType }
  | { kind: 'map'; key: CelType; value: CelType };

const INT: CelType = { kind: 'int' };
const DOUBLE: CelType = { kind: 'double' };
const STRING: CelType = { kind: 'string' };
const BOOL: CelType = { kind: 'bool' };
const NULL: CelType = { kind: 'null' };
const DYN: CelType = { kind: 'dyn' };

/** Standard-library functions that exist in Tekton's CEL environment but not in this subset. */
const UNSUPPORTED_FUNCTIONS = new Set([
  'timestamp',
  'duration',
  'type',
  'bytes',
  'uint',
  'getDate',
  'getDayOfMonth',
  'getDayOfWeek',
  'getDayOfYear',
  'getFullYear',
  'getHours',
  'getMilliseconds',
  'getMinutes',
  'getMonth',
  'getSeconds',
]);

const CONVERSIONS: Record<string, { from: string[]; to: CelType }> = {
  int: { from: ['int', 'double', 'string'], to: INT },
  double: { from: ['int', 'double', 'string'], to: DOUBLE },
  string: { from: ['string', 'int', 'double', 'bool'], to: STRING },
  bool: { from: ['bool', 'string'], to: BOOL },
};

const STRING_PREDICATES = new Set(['startsWith', 'endsWith', 'contains', 'matches']);

export function formatCelType(type: CelType): string {
  switch (type.kind) {
    case 'list':
      return `list(${formatCelType(type.element)})`;
    case 'map':
      return `map(${formatCelType(type.key)}, ${formatCelType(type.value)})`;
    default:
      return type.kind;
  }
}

/** Whether a value of one type may stand where the other is expected (dyn matches anything). */
function isAssignable(a: CelType, b: CelType): boolean {
  if (a.kind === 'dyn' || b.kind === 'dyn') return true;
  if (a.kind === 'list' && b.kind === 'list') return isAssignable(a.element, b.element);
  if (a.kind === 'map' && b.kind === 'map') {
    return isAssignable(a.key, b.key) && isAssignable(a.value, b.value);
  }
  return a.kind === b.kind;
}

/** The more specific of two assignable types: `list(dyn)` joined with `list(int)` is `list(int)`. */
function moreSpecific(a: CelType, b: CelType): CelType {
  if (a.kind === 'dyn') return b;
  if (b.kind === 'dyn') return a;
  if (a.kind === 'list' && b.kind === 'list') {
    return { kind: 'list', element: moreSpecific(a.element, b.element) };
  }
  if (a.kind === 'map' && b.kind === 'map') {
    return { kind: 'map', key: moreSpecific(a.key, b.key), value: moreSpecific(a.value, b.value) };
  }
  return a;
}

/** Element type of an aggregate literal: mixed element types make it dyn, as in cel-go. */
/**
 * The element type of a list (or the key or value type of a map) literal: the common type, or
 * `dyn` once two elements disagree. A later element cannot narrow a mixed list back, which is
 * why `[1, 'elem', 2]` is `list(dyn)`, as cel-go infers.
 */
function joinElements(types: readonly CelType[]): CelType {
  let joined: CelType | undefined;
  for (const type of types) {
    if (joined === undefined) joined = type;
    else if (!isAssignable(joined, type)) return DYN;
    else joined = moreSpecific(joined, type);
  }
  return joined ?? DYN;
}

function isOneOf(type: CelType, kinds: readonly string[]): boolean {
  return type.kind === 'dyn' || kinds.includes(type.kind);
}

export function checkCel(node: CelNode, source: string): CelType {
  return new Checker(source).check(node);
}

class Checker {
  constructor(private readonly source: string) {}

  private noOverload(name: string, args: CelType[], offset: number, target?: CelType): CelError {
    const receiver = target ? `${formatCelType(target)}.` : '';
    const applied = `${receiver}(${args.map(formatCelType).join(', ')})`;
    return new CelError(
      'type',
      `found no matching overload for '${name}' applied to '${applied}'`,
      {
        source: this.source,
        offset,
      },
    );
  }

  check(node: CelNode): CelType {
    switch (node.kind) {
      case 'literal':
        return literalType(node.value);
      case 'list': {
        const elements = node.elements.map((item) => this.check(item));
        return { kind: 'list', element: joinElements(elements) };
      }
      case 'map': {
        const keys: CelType[] = [];
        const values: CelType[] = [];
        for (const entry of node.entries) {
          keys.push(this.check(entry.key));
          values.push(this.check(entry.value));
        }
        return { kind: 'map', key: joinElements(keys), value: joinElements(values) };
      }
      case 'ident':
        throw new CelError('type', `undeclared reference to '${node.name}' (in container '')`, {
          source: this.source,
          offset: node.offset,
        });
      case 'select':
        return this.select(node.operand, node.offset);
      case 'index':
        return this.index(this.check(node.operand), this.check(node.index), node.offset);
      case 'call':
        return this.call(node);
      case 'unary':
        return this.unary(node.operator, this.check(node.operand), node.offset);
      case 'binary':
        return this.binary(
          node.operator,
          this.check(node.left),
          this.check(node.right),
          node.offset,
        );
      case 'conditional': {
        const condition = this.check(node.condition);
        const whenTrue = this.check(node.whenTrue);
        const whenFalse = this.check(node.whenFalse);
        if (isOneOf(condition, ['bool']) && isAssignable(whenTrue, whenFalse)) {
          return moreSpecific(whenTrue, whenFalse);
        }
        throw this.noOverload('_?_:_', [condition, whenTrue, whenFalse], node.offset);
      }
    }
  }

  private select(operandNode: CelNode, offset: number): CelType {
    const operand = this.check(operandNode);
    if (operand.kind === 'dyn') return DYN;
    if (operand.kind === 'map' && isOneOf(operand.key, ['string'])) return operand.value;
    throw new CelError(
      'type',
      `type '${formatCelType(operand)}' does not support field selection`,
      {
        source: this.source,
        offset,
      },
    );
  }

  private index(operand: CelType, index: CelType, offset: number): CelType {
    if (operand.kind === 'dyn') return DYN;
    if (operand.kind === 'list' && isOneOf(index, ['int'])) return operand.element;
    if (operand.kind === 'map' && isAssignable(operand.key, index)) return operand.value;
    throw this.noOverload('_[_]', [operand, index], offset);
  }

  private call(node: Extract<CelNode, { kind: 'call' }>): CelType {
    const { name, offset } = node;
    if (UNSUPPORTED_FUNCTIONS.has(name))
      throw unsupported(`function ${name}()`, this.source, offset);
    const target = node.target ? this.check(node.target) : undefined;
    const args = node.args.map((arg) => this.check(arg));
    if (name === 'size') {
      const subject = target ?? (args.length === 1 ? args[0] : undefined);
      const arity = target ? args.length === 0 : args.length === 1;
      if (arity && subject && isOneOf(subject, ['string', 'list', 'map'])) return INT;
      throw this.noOverload(name, args, offset, target);
    }
    if (STRING_PREDICATES.has(name)) {
      const [subject, pattern] = target ? [target, args[0]] : name === 'matches' ? args : [];
      const arity = target ? args.length === 1 : name === 'matches' && args.length === 2;
      if (
        arity &&
        subject &&
        pattern &&
        isOneOf(subject, ['string']) &&
        isOneOf(pattern, ['string'])
      ) {
        return BOOL;
      }
      throw this.noOverload(name, args, offset, target);
    }
    if (name === 'dyn' && !target) {
      if (args.length === 1) return DYN;
      throw this.noOverload(name, args, offset);
    }
    const conversion = CONVERSIONS[name];
    if (conversion && !target) {
      if (args.length === 1 && isOneOf(args[0], conversion.from)) return conversion.to;
      throw this.noOverload(name, args, offset);
    }
    throw new CelError('type', `undeclared reference to '${name}' (in container '')`, {
      source: this.source,
      offset,
    });
  }

  private unary(operator: '!' | '-', operand: CelType, offset: number): CelType {
    if (operator === '!' && isOneOf(operand, ['bool'])) return BOOL;
    if (operator === '-' && isOneOf(operand, ['int', 'double'])) return operand;
    throw this.noOverload(`${operator}_`, [operand], offset);
  }

  private binary(operator: string, left: CelType, right: CelType, offset: number): CelType {
    const name = operator === 'in' ? '@in' : `_${operator}_`;
    const fail = () => this.noOverload(name, [left, right], offset);
    switch (operator) {
      case '==':
      case '!=':
        if (isAssignable(left, right)) return BOOL;
        throw fail();
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const ordered = ['int', 'double', 'string', 'bool'];
        if (!isOneOf(left, ordered) || !isOneOf(right, ordered)) throw fail();
        if (left.kind === 'dyn' || right.kind === 'dyn' || left.kind === right.kind) return BOOL;
        throw fail();
      }
      case '&&':
      case '||':
        if (isOneOf(left, ['bool']) && isOneOf(right, ['bool'])) return BOOL;
        throw fail();
      case 'in':
        if (right.kind === 'dyn') return BOOL;
        if (right.kind === 'list' && isAssignable(left, right.element)) return BOOL;
        if (right.kind === 'map' && isAssignable(left, right.key)) return BOOL;
        throw fail();
      default:
        return this.arithmetic(operator, left, right, fail);
    }
  }

  private arithmetic(
    operator: string,
    left: CelType,
    right: CelType,
    fail: () => CelError,
  ): CelType {
    const kinds =
      operator === '+'
        ? ['int', 'double', 'string', 'list']
        : operator === '%'
          ? ['int']
          : ['int', 'double'];
    if (!isOneOf(left, kinds) || !isOneOf(right, kinds)) throw fail();
    if (left.kind === 'dyn') return right;
    if (right.kind === 'dyn') return left;
    if (left.kind === 'list' && right.kind === 'list') {
      if (isAssignable(left.element, right.element)) return moreSpecific(left, right);
      throw fail();
    }
    if (left.kind === right.kind) return left;
    throw fail();
  }
}

function literalType(value: bigint | number | string | boolean | null): CelType {
  switch (typeof value) {
    case 'bigint':
      return INT;
    case 'number':
      return DOUBLE;
    case 'string':
      return STRING;
    case 'boolean':
      return BOOL;
    default:
      return NULL;
  }
}
