// Param defaults that name other params (`default: "$(params.registry)/app"`), resolved as
// ApplyParameters does since v1.15 (apply.go resolveStringParamRecursively, resolveArrayParam,
// resolveObjectParam): string defaults first, recursively, then array and object defaults
// with the string values known by then.
import type { ParamSpec, ParamValue, Param } from '../tekton/types.js';

/** apply.go maxParamReferenceDepth. */
const MAX_DEPTH = 10;

/** `$(params.x)`, `$(params["x"])`, `$(params['x'])`, and `[i]` or `.key` after the name. */
const PARAM_REFERENCE = /\$\((params(?:\.[^()\s]+|\[(?:"[^"]*"|'[^']*')\](?:\[[0-9]+\])?))\)/g;

/** The lookup key Go uses for a reference: `params.<name>` (`[i]`, `.key` kept). */
function keyOf(reference: string): string {
  const bracket = /^params\[(?:"([^"]*)"|'([^']*)')\](.*)$/.exec(reference);
  return bracket ? `params.${bracket[1] ?? bracket[2]}${bracket[3]}` : reference;
}

function typeOf(spec: ParamSpec): string {
  if (spec.type) return spec.type;
  if (spec.properties) return 'object';
  if (Array.isArray(spec.default)) return 'array';
  if (spec.default !== null && typeof spec.default === 'object') return 'object';
  return 'string';
}

function fill(text: string, resolved: ReadonlyMap<string, string>): string {
  return text.replace(PARAM_REFERENCE, (whole, reference: string) => {
    const value = resolved.get(keyOf(reference));
    return value === undefined ? whole : value;
  });
}

/**
 * Rewrites `values` (run params over defaults) with every default's references resolved;
 * returns Go's error text when a default names a param that has no string value, or when
 * defaults name each other in a circle.
 */
export function resolveParamDefaults(
  specs: readonly ParamSpec[],
  given: readonly Param[],
  values: Map<string, ParamValue>,
): string | undefined {
  const givenNames = new Set(given.map((param) => param.name));
  const resolved = new Map<string, string>();
  for (const param of given) {
    const value = param.value;
    if (Array.isArray(value))
      value.forEach((element, i) => resolved.set(`params.${param.name}[${i}]`, element));
    else if (value !== null && typeof value === 'object')
      for (const [key, element] of Object.entries(value))
        resolved.set(`params.${param.name}.${key}`, element);
    else resolved.set(`params.${param.name}`, String(value));
  }
  const pending = new Map<string, string>();
  for (const spec of specs) {
    if (givenNames.has(spec.name) || spec.default === undefined || typeOf(spec) !== 'string')
      continue;
    pending.set(`params.${spec.name}`, String(spec.default));
  }
  const visiting = new Set<string>();
  const resolve = (key: string, text: string, depth: number): string | undefined => {
    if (visiting.has(key))
      return `parameter resolution failed: circular dependency detected in param "${key}"`;
    if (depth > MAX_DEPTH)
      return `parameter resolution failed: maximum recursion depth (${MAX_DEPTH}) exceeded for param "${key}"`;
    visiting.add(key);
    try {
      for (const match of text.matchAll(PARAM_REFERENCE)) {
        const reference = keyOf(match[1]);
        if (resolved.has(reference)) continue;
        const next = pending.get(reference);
        if (next === undefined)
          return `parameter resolution failed: param "${key}" references undefined param "${reference}"`;
        const error = resolve(reference, next, depth + 1);
        if (error) return error;
      }
      resolved.set(key, fill(text, resolved));
      return undefined;
    } finally {
      visiting.delete(key);
    }
  };
  for (const [key, text] of pending) {
    if (resolved.has(key)) continue;
    const error = resolve(key, text, 0);
    if (error) return error;
  }
  for (const spec of specs) {
    if (givenNames.has(spec.name) || spec.default === undefined) continue;
    const value = spec.default;
    if (typeOf(spec) === 'string')
      values.set(spec.name, resolved.get(`params.${spec.name}`) ?? String(value));
    else if (Array.isArray(value))
      values.set(
        spec.name,
        value.map((element) => fill(String(element), resolved)),
      );
    else if (value !== null && typeof value === 'object')
      values.set(
        spec.name,
        Object.fromEntries(
          Object.entries(value).map(([key, element]) => [key, fill(String(element), resolved)]),
        ),
      );
  }
  return undefined;
}
