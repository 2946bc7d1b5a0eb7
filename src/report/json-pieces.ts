// JSON text of an object whose long arrays are written an element at a time: the same bytes as
// toJsonText(value) (two-space indent, a trailing newline), but never one string. A trace of a
// big cluster seed or a kubectl List of a run with a million attempts passes V8's longest
// string (about 512 MiB: "Invalid string length") long before it passes the memory of the
// objects it is made from, and those can be made one element at a time too.

/** A field value written element by element, each made only when its turn comes. */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}
}

const INDENT = '  ';

/**
 * The pieces of `JSON.stringify(value, null, 2) + '\n'` for a plain object whose top-level
 * fields may be StreamedArrays; every other field is stringified whole, as is each element.
 */
export function* jsonObjectPieces(value: Readonly<Record<string, unknown>>): Generator<string> {
  let fields = 0;
  for (const [key, field] of Object.entries(value)) {
    // As JSON.stringify: an object's undefined, function and symbol fields are left out.
    if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
    const opening = `${fields === 0 ? '{\n' : ',\n'}${INDENT}${JSON.stringify(key)}: `;
    fields += 1;
    if (field instanceof StreamedArray) {
      yield opening;
      yield* arrayPieces(field.items);
    } else yield opening + indented(JSON.stringify(field, null, 2), INDENT);
  }
  yield fields === 0 ? '{}\n' : '\n}\n';
}

/** An array one level in, as JSON.stringify lays it out: `[]`, or an element a line block. */
function* arrayPieces(items: Iterable<unknown>): Generator<string> {
  const inner = INDENT + INDENT;
  let count = 0;
  for (const item of items) {
    // As JSON.stringify: an element with no JSON form (undefined, a function) is null.
    const text = JSON.stringify(item, null, 2) ?? 'null';
    yield (count === 0 ? '[\n' : ',\n') + inner + indented(text, inner);
    count += 1;
  }
  yield count === 0 ? '[]' : `\n${INDENT}]`;
}

/** JSON strings never hold a raw newline, so every newline starts a line to indent. */
function indented(text: string, indent: string): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${indent}`) : text;
}
