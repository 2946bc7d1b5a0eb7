// `run -o json|yaml` and `replay -o json|yaml` as pieces, one List item (the PipelineRun, then
// each TaskRun) at a time: the same bytes as toJsonText(list) and toYamlText(list). A run of
// many tasks retried thousands of times is a List of hundreds of megabytes, which as one
// string passed V8's longest string ("Invalid string length", exit 3) or, as YAML, ran out
// of heap; one item (a TaskRun of at most 10,000 attempts) is a few megabytes.
import { jsonObjectPieces, StreamedArray } from './json-pieces.js';
import type { KubectlList } from './kubectl.js';
import { toYamlText } from './serialize.js';

export function* kubectlListPieces(list: KubectlList, output: 'json' | 'yaml'): Generator<string> {
  if (output === 'json') {
    yield* jsonObjectPieces({ ...list, items: new StreamedArray(list.items) });
    return;
  }
  // An empty sequence is written `items: []`, inline: then the whole text, which is small.
  if (list.items.length === 0) {
    yield toYamlText(list);
    return;
  }
  const keys = Object.keys(list) as (keyof KubectlList)[];
  const itemsAt = keys.indexOf('items');
  const fieldsOf = (some: (keyof KubectlList)[]) =>
    Object.fromEntries(some.map((key) => [key, list[key]]));
  const before = keys.slice(0, itemsAt);
  const after = keys.slice(itemsAt + 1);
  if (before.length > 0) yield toYamlText(fieldsOf(before));
  // Sequences are not indented under their key (indentSeq: false), so each item's text as a
  // one-element sequence of its own is its text under `items:`.
  yield 'items:\n';
  for (const item of list.items) yield toYamlText([item]);
  if (after.length > 0) yield toYamlText(fieldsOf(after));
}
