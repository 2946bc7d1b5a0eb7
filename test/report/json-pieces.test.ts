// Big outputs are written in pieces (json-pieces.ts, text-chunks.ts), never as one string: a
// trace of a big cluster seed passed V8's longest string ("Invalid string length", exit 3).
// The pieces must give the bytes the whole string gave, whatever the chunk size.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inChunks, writeInChunks } from '../../src/cli/text-chunks.js';
import { jsonObjectPieces, StreamedArray } from '../../src/report/json-pieces.js';
import { fleetPerfettoTrace, perfettoJsonPieces } from '../../src/report/perfetto.js';
import type { RunTimeline } from '../../src/report/run-timeline.js';
import { toJsonText } from '../../src/report/serialize.js';

const streamed = (value: Record<string, unknown>, key: string) =>
  [
    ...jsonObjectPieces({
      ...value,
      [key]: new StreamedArray(value[key] as unknown[]),
    }),
  ].join('');

test('json pieces: the bytes of toJsonText, for empty, nested and odd values', () => {
  const values: [Record<string, unknown>, string][] = [
    [{ items: [] }, 'items'],
    [{ items: [1, 'two', null] }, 'items'],
    [{ before: { a: [1, { b: 'x\ny' }] }, items: [{ c: [] }, [], {}], after: 'é\u2028' }, 'items'],
    // Left out as JSON.stringify leaves them out (a field), or null (an element).
    [{ gone: undefined, items: [undefined, () => 1], fn: () => 1, last: 0 }, 'items'],
  ];
  for (const [value, key] of values) assert.is(streamed(value, key), toJsonText(value));
  assert.is([...jsonObjectPieces({})].join(''), toJsonText({}));
  assert.is([...jsonObjectPieces({ gone: undefined })].join(''), toJsonText({}));
});

test('text chunks: a chunk gathers pieces up to the bound; a longer piece is its own chunk', () => {
  const pieces = ['ab', 'cd', 'e', 'fghijkl', 'm', '', 'no'];
  const chunks = [...inChunks(pieces, 4)];
  assert.equal(chunks, ['abcd', 'e', 'fghijkl', 'mno']);
  const written: string[] = [];
  writeInChunks({ write: (text: string) => written.push(text) }, pieces, 4);
  assert.equal(written, chunks);
  assert.equal([...inChunks([], 4)], []);
});

/** A cluster seed of `runs` PipelineRuns of two TaskRuns each, a retry and a skipped task. */
function timelines(runs: number): RunTimeline[] {
  return Array.from({ length: runs }, (_, index) => ({
    name: `run-${index}`,
    endMs: 9_000,
    rows: [
      {
        label: 'build',
        isFinally: false,
        segments: [
          { kind: 'pending', attempt: -1, fromMs: 0, toMs: 500 + index, outcome: '' },
          { kind: 'attempt', attempt: 0, fromMs: 500 + index, toMs: 3_000, outcome: 'Failed' },
          { kind: 'attempt', attempt: 1, fromMs: 3_000, toMs: 7_000, outcome: 'Succeeded' },
        ],
      },
      {
        label: 'deploy "<prod>"',
        isFinally: false,
        segments: [],
        skipped: { reason: 'WhenExpressionsSkip', atMs: 7_000 },
      },
    ],
    deadlines: [{ scope: 'pipeline', atMs: 8_000 }],
  }));
}

test('perfetto: written an event a piece, in chunks of 256 units, the bytes of the whole trace', () => {
  const trace = fleetPerfettoTrace('seed 1', timelines(40), [
    {
      name: 'controller work queue',
      value: 'depth',
      series: { atMs: [0, 5, 9], value: [1, 2, 0] },
    },
  ]);
  // The whole-string form it replaced: every event in one array, stringified at once.
  const whole = toJsonText({ ...trace, traceEvents: [...trace.traceEvents] });
  const pieces = [...perfettoJsonPieces(trace)];
  assert.ok(pieces.length > 40 * 10, `an event a piece: ${pieces.length} pieces`);
  assert.ok(Math.max(...pieces.map((piece) => piece.length)) < 400, 'no piece holds two events');
  const chunks = [...inChunks(pieces, 256)];
  assert.ok(chunks.every((chunk) => chunk.length <= 400));
  assert.is(chunks.join(''), whole);
  // Read twice (the events are made as they are read), the same bytes again.
  assert.is([...perfettoJsonPieces(trace)].join(''), whole);
});

test.run();
