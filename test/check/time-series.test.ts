// The report's series over time: sampled at fixed instants, summed and counted per value, so
// the mean and p95 over seeds are exact, memory does not grow with seeds, and accumulators
// added in any grouping or order (chunks, workers, shards) give the same bytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mean, quantileSorted } from 'simple-statistics';
import { recordStep, emptyStepSeries } from '../../src/cluster/step-series.js';
import type { SeedSeries } from '../../src/check/seed-series.js';
import { SERIES_SAMPLES, SeriesAccumulator } from '../../src/check/time-series.js';

/** A made-up seed: a queue that steps every few hundred ms, ending at 0 at `endMs`. */
function seedOf(index: number): SeedSeries {
  const endMs = 1_000 + ((index * 7_919) % 40_000);
  const steps = emptyStepSeries();
  for (let atMs = 0, step = 0; atMs < endMs; atMs += 300 + ((index * 31 + step) % 700), step++)
    recordStep(steps, atMs, (index + step) % 6);
  recordStep(steps, endMs, 0);
  return { endMs, series: { workQueueDepth: steps } };
}

function valueAt(seed: SeedSeries, atMs: number): number {
  const steps = seed.series.workQueueDepth;
  if (!steps || atMs > seed.endMs) return 0;
  let value = 0;
  steps.atMs.forEach((at, index) => {
    if (at <= atMs) value = steps.value[index];
  });
  return value;
}

const seeds = Array.from({ length: 60 }, (_, index) => seedOf(index + 1));

test('time series: mean and p95 at each instant are those of the seeds values there (simple-statistics)', () => {
  const accumulator = new SeriesAccumulator();
  for (const seed of seeds) accumulator.add(seed);
  const points = accumulator.points('workQueueDepth');
  assert.ok(points.length > 10);
  for (const point of points) {
    const values = seeds.map((seed) => valueAt(seed, point.atMs)).sort((a, b) => a - b);
    assert.is(point.mean, mean(values), `mean at ${point.atMs}ms`);
    assert.is(point.p95, quantileSorted(values, 0.95), `p95 at ${point.atMs}ms`);
  }
});

test('time series: the interval is the smallest power of two of ms that holds the longest seed', () => {
  const accumulator = new SeriesAccumulator();
  for (const seed of seeds) accumulator.add(seed);
  const longest = Math.max(...seeds.map((seed) => seed.endMs));
  const { intervalMs } = accumulator;
  assert.ok(Number.isInteger(Math.log2(intervalMs)));
  assert.ok(longest <= (SERIES_SAMPLES - 1) * intervalMs);
  assert.ok(longest > ((SERIES_SAMPLES - 1) * intervalMs) / 2);
  const points = accumulator.points('workQueueDepth');
  assert.is(points[points.length - 1].mean, 0, 'the line ends at 0, after the last seed ended');
});

test('time series: any grouping and order of accumulators gives the same figures, byte for byte', () => {
  const whole = new SeriesAccumulator();
  for (const seed of seeds) whole.add(seed);
  const groupings = [
    [0, 7, 19, 60],
    [0, 1, 59, 60],
    [0, 30, 60],
  ];
  for (const cuts of groupings) {
    const parts = cuts.slice(1).map((end, index) => {
      const part = new SeriesAccumulator();
      for (const seed of seeds.slice(cuts[index], end)) part.add(seed);
      return part;
    });
    const merged = new SeriesAccumulator();
    // Backwards, and through the plain form shard parts carry.
    for (const part of parts.reverse())
      merged.merge(
        SeriesAccumulator.fromData(JSON.parse(JSON.stringify(part.toData()))) as SeriesAccumulator,
      );
    assert.equal(JSON.stringify(merged.toData()), JSON.stringify(whole.toData()), cuts.join(','));
  }
});

test('time series: what is kept depends on the values seen, not on the number of seeds', () => {
  const size = (count: number) => {
    const accumulator = new SeriesAccumulator();
    for (let index = 0; index < count; index++) accumulator.add(seeds[index % seeds.length]);
    const data = accumulator.toData();
    return data.series.reduce(
      (total, line) => total + line.counts.reduce((sum, pairs) => sum + pairs.length, 0),
      0,
    );
  };
  assert.is(size(600), size(6_000));
  assert.ok(size(600) <= SERIES_SAMPLES * 5, 'at most one entry per sample and value 1..5');
});

test('time series: a part that is not an accumulator is refused', () => {
  assert.is(
    SeriesAccumulator.fromData({ intervalMs: 3.5, seeds: 1, maxEndMs: 0, series: [] }),
    undefined,
  );
  assert.is(
    SeriesAccumulator.fromData({
      intervalMs: 1,
      seeds: 1,
      maxEndMs: 0,
      series: [{ name: 'nonsense', sums: [], counts: [] }],
    }),
    undefined,
  );
  assert.is(SeriesAccumulator.fromData(null), undefined);
});

test('step series: one point per instant, none that repeats the value before it', () => {
  const steps = emptyStepSeries();
  recordStep(steps, 0, 0);
  recordStep(steps, 5, 1);
  recordStep(steps, 5, 2);
  recordStep(steps, 7, 2);
  recordStep(steps, 9, 3);
  recordStep(steps, 9, 2);
  recordStep(steps, 12, 0);
  assert.equal(steps, { atMs: [5, 12], value: [2, 0] });
});

test.run();
