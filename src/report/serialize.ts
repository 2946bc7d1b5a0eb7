// Stable text for report objects. Key order is whatever the builder chose (the formatters
// build objects in Tekton's Go struct order) unless sortKeys asks for kubectl's order:
// `kubectl get` decodes every object into a map and Go's encoder sorts map keys, so what
// kubectl prints is sorted at every level. KUBECTL_JSON reproduces its `-o json` bytes.
import { yamlPackage } from '../tekton/yaml-package.js';
import { FormattedScalars, writeBlockYaml } from './yaml-block-writer.js';

export interface JsonTextOptions {
  /** Spaces per level; 2 unless told. */
  indentSpaces?: number;
  /** Sort object keys at every level, as kubectl's output is. */
  sortKeys?: boolean;
  /** Escape `<`, `>`, `&`, U+2028 and U+2029 as Go's encoding/json does by default. */
  escapeHtml?: boolean;
}

/** The options under which toJsonText prints what `kubectl get -o json` prints. */
export const KUBECTL_JSON: Readonly<JsonTextOptions> = Object.freeze({
  indentSpaces: 4,
  sortKeys: true,
  escapeHtml: true,
});

export interface YamlTextOptions {
  /** Sort mapping keys at every level, as `kubectl get -o yaml` does. */
  sortKeys?: boolean;
}

/** JSON text with a trailing newline; undefined fields are left out. */
export function toJsonText(value: unknown, options: JsonTextOptions = {}): string {
  const ordered = options.sortKeys ? sortKeysDeep(value) : value;
  const text = JSON.stringify(ordered, null, options.indentSpaces ?? 2);
  if (text === undefined) throw new TypeError('toJsonText: value has no JSON form');
  return (options.escapeHtml ? escapeLikeGo(text) : text) + '\n';
}

/**
 * YAML text in kubectl's style: sequences not indented under their key, strings that YAML
 * 1.1 would read as something else quoted (`"True"`, `"2000-01-01T00:00:10Z"`, `"yes"`),
 * as the Go YAML library behind kubectl does. Repeated objects are written out again rather
 * than as anchors and aliases, and long strings stay on one line, so the text diffs cleanly.
 */
export function toYamlText(value: unknown, options: YamlTextOptions = {}): string {
  const sortKeys = options.sortKeys === true;
  const stringifyOptions = yamlStringifyOptions(sortKeys);
  // The same text, laid out without the package's document tree (yaml-block-writer.ts),
  // which formats each scalar through one document: what yaml.stringify does, without
  // setting up a document and its schema for every scalar. What it formatted is kept for
  // the next call with the same options: runs printed one after another share most keys
  // and many values, and formatting them was most of printing a small run.
  const formatted = (formattedScalars[sortKeys ? 1 : 0] ??= new FormattedScalars());
  formatted.bound(MAX_FORMATTED_SCALARS);
  const { Document } = yamlPackage();
  const scalars = new Document(null, stringifyOptions);
  const written = writeBlockYaml(value, {
    stringify: (each) => {
      scalars.contents = scalars.createNode(each, stringifyOptions);
      return scalars.toString(stringifyOptions);
    },
    formatted,
    ...(sortKeys ? { compareKeys: compareCodePoints } : {}),
  });
  return written ?? yamlPackage().stringify(value, stringifyOptions);
}

/** Kept across calls of toYamlText: [unsorted, sorted keys]. */
const formattedScalars: [FormattedScalars?, FormattedScalars?] = [];
/** Past this many keys or values of one kind, the kept ones are forgotten. */
const MAX_FORMATTED_SCALARS = 2_000;

function yamlStringifyOptions(sortKeys: boolean) {
  return {
    schema: 'yaml-1.1',
    aliasDuplicateObjects: false,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    sortMapEntries: sortKeys
      ? (a: { key: unknown }, b: { key: unknown }) =>
          compareCodePoints(String(a.key), String(b.key))
      : false,
  } as const;
}

/** A copy with every object's keys in sorted order; arrays keep their order. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  }
  return sorted;
}

/**
 * Orders strings by Unicode code point, which is the byte order of their UTF-8 forms and so
 * the order Go sorts map keys in. JavaScript's default sort compares UTF-16 units instead,
 * which differs for characters beyond U+FFFF.
 */
function compareCodePoints(left: string, right: string): number {
  const leftPoints = Array.from(left, (character) => character.codePointAt(0) ?? 0);
  const rightPoints = Array.from(right, (character) => character.codePointAt(0) ?? 0);
  const length = Math.min(leftPoints.length, rightPoints.length);
  for (let index = 0; index < length; index += 1) {
    if (leftPoints[index] !== rightPoints[index]) return leftPoints[index] - rightPoints[index];
  }
  return leftPoints.length - rightPoints.length;
}

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text as Go's encoding/json writes it: as JSON.stringify (since Go 1.22 both write \b and
 * \f short), but `<`, `>`, `&`, U+2028 and U+2029 as \u escapes. These characters only ever
 * occur inside JSON strings, so replacing them all is safe.
 */
export function escapeLikeGo(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (character) => GO_ESCAPES[character]);
}
