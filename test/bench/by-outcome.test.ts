// Figure 1's note compares a makespan percentile within Succeeded and within Failed runs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { byOutcomeNote } from '../../bench/by-outcome.js';

const range = (from: number, count: number) =>
  Float64Array.from({ length: count }, (_, i) => from + i);

test('bench: by outcome: each outcome compared on its own, with the SimPy seed count', () => {
  const ours: Record<string, Float64Array> = {
    Succeeded: range(1, 100),
    Failed: range(21, 100),
  };
  const theirs = {
    Succeeded: range(1, 100),
    Failed: range(1, 100),
    PipelineRunTimeout: range(300, 5),
  };
  // p50: 50 vs 50 (0 SE); Failed 70 vs 50 with 5 either side of rank 50 in both: SE hypot(5, 5).
  assert.is(
    byOutcomeNote(0.5, (outcome) => ours[outcome] ?? new Float64Array(), theirs),
    `by outcome (SimPy's first 205 seeds): Succeeded runs 50.0 s vs 50.0 s (0.0 SE); Failed runs 70.0 s vs 50.0 s (${(20 / Math.hypot(5, 5)).toFixed(1)} SE)`,
  );
});

test('bench: by outcome: an outcome missing on either side is left out', () => {
  const note = byOutcomeNote(0.5, () => range(1, 10), { Succeeded: range(1, 10) });
  assert.ok(note.includes('Succeeded runs'), note);
  assert.not.ok(note.includes('Failed'), note);
});

test.run();
