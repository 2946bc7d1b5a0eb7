// Which cel-spec conformance tests fall inside our CEL subset, decided from cel-go's own view
// of each expression (the parsed and checked ASTs that @bufbuild/cel-spec ships beside every
// test) rather than from our parser, so the verdict does not depend on the code under test.
import type { SerializedIncrementalTest } from '@bufbuild/cel-spec/testdata/tests.js';
import type { CelValue } from '../../src/cel/index.js';

/** Functions of the subset, as cel-go's debug AST names them. */
const SUBSET_FUNCTIONS = new Set([
  '_||_',
  '_&&_',
  '!_',
  '_?_:_',
  '_==_',
  '_!=_',
  '_<_',
  '_<=_',
  '_>_',
  '_>=_',
  '_+_',
  '_-_',
  '_*_',
  '_/_',
  '_%_',
  '-_',
  '_[_]',
  '@in',
  'size',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  'int',
  'double',
  'string',
  'bool',
  'dyn',
]);

const ORDERED_TYPES = ['int64', 'double', 'string', 'bool'];

/** cel-go's overload ids for the subset's functions on the subset's types. */
const SUBSET_OVERLOADS = new Set([
  'logical_and',
  'logical_or',
  'logical_not',
  'conditional',
  'equals',
  'not_equals',
  'in_list',
  'in_map',
  'index_list',
  'index_map',
  'add_int64',
  'add_double',
  'add_string',
  'add_list',
  'subtract_int64',
  'subtract_double',
  'multiply_int64',
  'multiply_double',
  'divide_int64',
  'divide_double',
  'modulo_int64',
  'negate_int64',
  'negate_double',
  ...['less', 'less_equals', 'greater', 'greater_equals'].flatMap((op) =>
    ORDERED_TYPES.map((type) => `${op}_${type}`),
  ),
  'size_string',
  'string_size',
  'size_list',
  'list_size',
  'size_map',
  'map_size',
  'starts_with_string',
  'ends_with_string',
  'contains_string',
  'matches',
  'matches_string',
  'int64_to_int64',
  'double_to_int64',
  'string_to_int64',
  'int64_to_double',
  'double_to_double',
  'string_to_double',
  'int64_to_string',
  'double_to_string',
  'string_to_string',
  'bool_to_string',
  'bool_to_bool',
  'string_to_bool',
  'to_dyn',
]);

/** Parsed-AST node kinds outside the subset: variables, macros, uint and bytes. */
const OUTSIDE_NODES = /Expr_IdentExpr|__comprehension__|Constant_Uint64Value|Constant_BytesValue/;
/** A message literal `Type{field: ...}` (a map literal is a struct node with no type name). */
const MESSAGE_LITERAL = /[\w.]+\{/;
/** Types outside the subset, in a checked AST's `~type` annotations. */
const OUTSIDE_TYPES =
  /\b(uint|bytes|timestamp|duration|type|wrapper|any|optional_type|tuple|google\.protobuf\.\w+|cel\.expr\.[\w.]+)\b/;

function withoutStrings(debug: string): string {
  return debug.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** Why a test is outside the subset, or undefined when every construct in it is inside. */
export function outsideSubset(test: SerializedIncrementalTest): string | undefined {
  // cel-go's standard parser could not read it: it needs an extension's syntax.
  if (test.ast === undefined) return 'no AST from cel-go without extensions';
  const ast = withoutStrings(test.ast);
  const node = OUTSIDE_NODES.exec(ast);
  if (node) return node[0];
  if (MESSAGE_LITERAL.test(ast)) return 'message literal';
  for (const call of ast.matchAll(/([^\s.(,"]+)\(/g))
    if (!SUBSET_FUNCTIONS.has(call[1])) return `function ${call[1]}`;
  if (test.checkedAst === undefined) return undefined;
  const checked = withoutStrings(test.checkedAst);
  if (checked.includes('~test-only~')) return 'has()';
  for (const annotation of checked.matchAll(/~([^\n^]*)/g)) {
    const type = OUTSIDE_TYPES.exec(annotation[1]);
    if (type) return `type ${type[1]}`;
  }
  for (const reference of checked.matchAll(/\^([\w|]+)/g)) {
    const overloads = reference[1].split('|');
    if (!overloads.some((overload) => SUBSET_OVERLOADS.has(overload)))
      return `overload ${reference[1]}`;
  }
  return undefined;
}

type JsonValue = Record<string, unknown>;

/** A conformance Value (protobuf JSON) as our evaluator returns it; undefined if not expressible. */
export function celValueOf(json: JsonValue): CelValue | undefined {
  if ('int64Value' in json) return BigInt(json.int64Value as string);
  if ('doubleValue' in json) return Number(json.doubleValue);
  if ('stringValue' in json) return json.stringValue as string;
  if ('boolValue' in json) return json.boolValue as boolean;
  if ('nullValue' in json) return null;
  if ('listValue' in json) {
    const values = ((json.listValue as JsonValue).values ?? []) as JsonValue[];
    const list: CelValue[] = [];
    for (const value of values) {
      const element = celValueOf(value);
      if (element === undefined) return undefined;
      list.push(element);
    }
    return list;
  }
  if ('mapValue' in json) {
    const entries = ((json.mapValue as JsonValue).entries ?? []) as JsonValue[];
    const map = new Map<string | bigint | boolean, CelValue>();
    for (const entry of entries) {
      const key = celValueOf(entry.key as JsonValue);
      const value = celValueOf(entry.value as JsonValue);
      if (key === undefined || value === undefined || key === null) return undefined;
      if (typeof key !== 'string' && typeof key !== 'bigint' && typeof key !== 'boolean')
        return undefined;
      map.set(key, value);
    }
    return map;
  }
  return undefined;
}

/** Equality of results: NaN equals NaN here, because a test expecting NaN gets NaN. */
export function sameCelValue(a: CelValue, b: CelValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((element, index) => sameCelValue(element, b[index]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) {
      const other = b.get(key);
      if (other === undefined || !sameCelValue(value, other)) return false;
    }
    return true;
  }
  return a === b;
}
