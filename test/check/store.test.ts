// The columnar result store: values read back exactly whatever width they were kept in; the
// readers give what the rows themselves gave (metric-samples.ts, the reference); a store
// built chunk by chunk, or sent through the wire format, equals one built at once; and what
// must not grow with seeds (sparse findings, string tables) does not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rowValues, sampleRuns } from '../../src/check/metric-samples.js';
import type { RunMetrics } from '../../src/check/metrics.js';
import type { SeedResult } from '../../src/check/seed-result.js';
import { NumberColumn } from '../../src/check/store/column.js';
import { forEachOutcome, reasonCounts } from '../../src/check/store/outcomes.js';
import { quantileRanked, sumInOrder } from '../../src/check/store/sorted-values.js';
import { quantileSorted } from 'simple-statistics';
import { rowStoreOf } from '../../src/check/store/row-store.js';
import { rowValueSources, storeSamples } from '../../src/check/store/samples.js';
import { ScenarioStore, storesOf } from '../../src/check/store/scenario-store.js';
import { storesFromJson, storesToJson } from '../../src/check/store/wire.js';
import { TIMEOUT_KINDS } from '../../src/check/timeout-kinds.js';
import { timeoutShares } from '../../src/check/timeout-shares.js';
import { lcg } from '../fixtures/lcg.js';

test('store: a column widens as values need and reads every value back exactly', () => {
  const column = new NumberColumn(2);
  const values = [0, 3, undefined, 254, 255, 70_000, -5, 2 ** 40, 0.5, -0, undefined, 7];
  for (const value of values) column.push(value);
  assert.equal(
    values.map((_, index) => column.get(index)),
    values.map((value) => (value === undefined ? Number.NaN : value)),
  );
  assert.ok(Object.is(column.get(9), -0), '-0 stays -0');
  assert.ok(Number.isNaN(column.get(values.length)), 'past the end is absent');
  const small = new NumberColumn();
  for (const value of [1, 2, undefined]) small.push(value);
  small.append(column, 3);
  assert.is(small.length, 3 + values.length);
  assert.is(small.get(3 + 7), 2 ** 40);
  assert.ok(Number.isNaN(small.get(2)));
});

test('store: sorted values are the present values sorted, at every width, with and without a filter', () => {
  const random = lcg(12345);
  const draws: ((index: number) => number | undefined)[] = [
    () => Math.floor(random() * 200), // u8
    () => Math.floor(random() * 60_000), // u16
    () => Math.floor(random() * 400_000) - 1000, // i32, counted
    () => Math.floor((random() - 0.5) * 2 ** 31), // i32, wide: radix
    (index) => (index % 7 === 0 ? Number.POSITIVE_INFINITY : random() * 1e6 - 5), // f64
  ];
  for (const draw of draws) {
    const column = new NumberColumn();
    const values: (number | undefined)[] = [];
    for (let index = 0; index < 5000; index++) {
      const value = index % 11 === 0 ? undefined : draw(index);
      values.push(value);
      column.push(value);
    }
    const keep = Uint8Array.from({ length: values.length }, (_, row) => (row % 3 !== 0 ? 1 : 0));
    for (const [filter, finiteOnly] of [
      [undefined, true],
      [keep, true],
      [undefined, false],
    ] as const) {
      const expected = values
        .map((value, row) => ({ value, row }))
        .filter(
          ({ value, row }) =>
            value !== undefined &&
            (!finiteOnly || Number.isFinite(value)) &&
            (filter === undefined || filter[row] === 1),
        )
        .map(({ value }) => value as number)
        .sort((a, b) => a - b);
      const sorted = column.sortedValues(filter, finiteOnly);
      assert.equal(Array.from(sorted), expected);
      assert.is(
        sumInOrder(sorted),
        expected.reduce((sum, value) => sum + value, 0),
      );
    }
  }
});

test("store: ranked values give the sorted values' length, sum in order, ranks and quantiles", () => {
  const random = lcg(777);
  const draws: ((index: number) => number)[] = [
    () => Math.floor(random() * 200), // u8, counted
    () => Math.floor(random() * 60_000), // u16, counted
    () => Math.floor(random() * 30_000) - 1000, // i32, counted from its minimum
    () => Math.floor((random() - 0.5) * 2 ** 31), // i32, too wide to count: sorted
    (index) => (index % 7 === 0 ? Number.POSITIVE_INFINITY : random() * 1e6 - 5), // f64
    () => 0, // one value only
  ];
  // Short columns are sorted, long ones (8192 rows or more) counted where their width allows
  // (20,001 rows: a Uint8 column is read four rows at a time, and one row on its own).
  for (const draw of draws)
    for (const rows of [1, 2, 5000, 20_001]) {
      const column = new NumberColumn();
      for (let index = 0; index < rows; index++)
        column.push(index % 11 === 5 ? undefined : draw(index));
      for (const finiteOnly of [true, false]) {
        const sorted = column.sortedValues(undefined, finiteOnly);
        const ranked = column.ranked(finiteOnly);
        assert.is(ranked.length, sorted.length);
        assert.is(ranked.sum, sumInOrder(sorted));
        for (let rank = 0; rank < sorted.length; rank += 1 + Math.floor(sorted.length / 50))
          assert.is(ranked.at(rank), sorted[rank]);
        if (sorted.length === 0) continue;
        assert.is(ranked.at(sorted.length - 1), sorted[sorted.length - 1]);
        for (const p of [0, 0.05, 0.5, 0.95, 0.99, 1]) {
          // Infinity - Infinity interpolates to NaN in both: the same number, NaN included.
          const [got, want] = [quantileRanked(ranked, p), quantileSorted(Array.from(sorted), p)];
          assert.ok(Object.is(got, want), `p${p}: ${got} vs ${want}`);
        }
      }
    }
});

test('store: setMany is set() value by value, a NaN leaving its row unset', () => {
  const blocks = [
    [1, 2, Number.NaN, 200],
    [Number.NaN, 70_000, 3],
    [-0, Number.NaN],
    [0.25, 1e12, Number.NaN, Number.NaN],
  ];
  // Room for 2 rows makes every block grow the column; room for 64, every block lands in
  // rows the column has, where a value too wide for it is met after others were stored.
  for (const capacity of [2, 64]) {
    const many = new NumberColumn(capacity);
    const one = new NumberColumn(capacity);
    let first = 0;
    for (const block of blocks) {
      many.setMany(first, Float64Array.from(block));
      block.forEach((value, at) => {
        if (!Number.isNaN(value)) one.set(first + at, value);
      });
      first += block.length + 1;
      assert.equal(many.toData(), one.toData());
    }
    assert.is(many.length, first - 3, 'the length stops at the last value set');
  }
});

test('store: setMany into rows a column has keeps each width while the values fit it', () => {
  const widths = [
    { block: [0, 254, Number.NaN], width: 'u8' },
    { block: [255, Number.NaN], width: 'u16' },
    { block: [65_535, -1], width: 'i32' },
    { block: [Number.NaN, Number.NaN], width: 'i32' },
    { block: [-0], width: 'f64' },
  ];
  const column = new NumberColumn(64);
  let first = 0;
  for (const { block, width } of widths) {
    column.setMany(first, Float64Array.from(block));
    first += block.length;
    assert.is(column.toData().width, width, String(block));
  }
  assert.ok(Object.is(column.get(first - 1), -0), '-0 is kept as -0');
  assert.ok(Number.isNaN(column.get(2)), 'a NaN leaves its row absent');
  assert.is(column.get(3), 255);
});

test('store: fillMany is setMany of as many copies of the value', () => {
  const fills: [number, number, number][] = [
    [0, 3, 1],
    [5, 2, 300],
    [7, 0, 9],
    [9, 4, Number.NaN],
    [20, 30, -0],
    [60, 2, 0.5],
  ];
  const filled = new NumberColumn(4);
  const copied = new NumberColumn(4);
  for (const [first, count, value] of fills) {
    filled.fillMany(first, count, value);
    copied.setMany(first, new Float64Array(count).fill(value));
    assert.equal(filled.toData(), copied.toData(), `${count} x ${value} at ${first}`);
  }
});

test('store: small whole numbers cost a byte each', () => {
  const column = new NumberColumn(1);
  for (let index = 0; index < 100_000; index++) column.push(index % 7);
  assert.ok(column.bytes() <= 2 * 100_000, String(column.bytes()));
});

/** Rows as the simulator makes them, with fields and tasks that come and go. */
function rows(count: number): RunMetrics[] {
  return Array.from({ length: count }, (_, index): RunMetrics => {
    const row: RunMetrics = {
      status: index % 5 === 0 ? 'Failed' : 'Succeeded',
      reason: index % 5 === 0 ? 'Failed' : 'Succeeded',
      makespanMs: 1000 + ((index * 7919) % 5000) + (index % 3 === 0 ? 0.25 : 0),
      finallyCompletes: index % 4 !== 0,
      tasks: {
        build: { outcome: 'Succeeded', attempts: 1 + (index % 3), durationMs: 100 * index },
        ...(index % 2 === 0
          ? {
              test: {
                outcome: 'Skipped',
                attempts: 0,
                skipReason: 'When Expressions evaluated to false',
              },
            }
          : { test: { outcome: 'Failed', attempts: 2, durationMs: 7 } }),
      },
    };
    if (index >= 3)
      row.cluster = {
        queueWaitMs: index * 1_000_000,
        schedulingLatencyMs: index % 4 === 0 ? [] : [index, 2 * index, Number.NaN],
        podWaitMs: [0, 0],
        podStartMs: [],
        ...(index % 3 === 1 ? { finallyDelayMs: 5 } : {}),
        throttledByQuotaMs: 0,
        throttledByNodeMs: -index,
        ...(index % 6 === 0
          ? {
              seed: {
                pipelineRunsPerHour: 1 / 3,
                taskRunsPerMinute: 0,
                utilisation: 0.5,
                spanMs: 9,
              },
            }
          : {}),
      };
    return row;
  });
}

const plain = (values: ArrayLike<number>) => Array.from(values);

test('store: samples, shares and per-task figures are what the rows themselves give', () => {
  const metricRows = rows(60);
  const expected = sampleRuns(metricRows);
  const actual = storeSamples(rowStoreOf(metricRows));
  assert.equal(
    actual.metrics.map((sample) => [
      sample.name,
      sample.field,
      sample.unit,
      plain(sample.sorted()),
    ]),
    expected.metrics.map((sample) => [
      sample.name,
      sample.field,
      sample.unit,
      [...sample.values].sort((a, b) => a - b),
    ]),
  );
  assert.equal(actual.flags, expected.flags);
  assert.equal(
    actual.tasks.map(({ task, metrics }) => [
      task,
      metrics.map((m) => [m.name, plain(m.sorted())]),
    ]),
    expected.tasks.map(({ task, metrics }) => [
      task,
      metrics.map((m) => [m.name, [...m.values].sort((a, b) => a - b)]),
    ]),
  );
});

test('store: row values for pairing seeds are what rowValues gives, row by row', () => {
  const metricRows = rows(40);
  const sources = rowValueSources(rowStoreOf(metricRows));
  metricRows.forEach((row, index) => {
    const expected = [...rowValues(row)].map(([name, value]) => [name, value.unit, value.value]);
    const actual = sources.flatMap((source) => {
      const value = source.get(index);
      return value === undefined ? [] : [[source.name, source.unit, value]];
    });
    assert.equal(
      actual.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      `row ${index}`,
    );
  });
});

function seedResult(seed: number, row: RunMetrics | undefined): SeedResult {
  return {
    scenario: 's',
    file: 's.yaml',
    seed,
    status: row ? (row.status === 'Succeeded' ? 'True' : 'False') : 'Unknown',
    reason: row?.reason ?? 'NotCompleted',
    eventCount: seed * 3,
    endTimeMs: seed * 1000,
    violations:
      seed % 4 === 0
        ? [
            { invariant: 'deadlines', message: `late in seed ${seed}` },
            { invariant: 'dag-order', message: 'out of order' },
            { invariant: 'deadlines', message: 'again' },
          ]
        : [],
    findings: seed % 5 === 0 ? [{ bug: 'tektoncd/pipeline#10512', message: `seed ${seed}` }] : [],
    ...(row ? { metrics: row } : {}),
  };
}

function results(count: number): SeedResult[] {
  const metricRows = rows(count);
  return metricRows.map((row, index) => seedResult(index + 1, index % 9 === 8 ? undefined : row));
}

const dump = (store: ScenarioStore) => JSON.stringify(storesToJson([store]));

test('store: built in chunks, or sent as JSON, it is the store built at once', () => {
  const all = results(50);
  const [whole] = storesOf(all);
  const chunked = new ScenarioStore('s.yaml', 's', false);
  for (const [first, last] of [
    [0, 7],
    [7, 8],
    [8, 30],
    [30, 50],
  ]) {
    const [part] = storesOf(all.slice(first, last));
    const [revived] = storesFromJson(storesToJson([part]));
    chunked.append(revived);
  }
  assert.is(dump(chunked), dump(whole));
  assert.is(whole.violatedOf(3), 'deadlines;dag-order');
  assert.equal(whole.sparse.invariants.get('deadlines'), {
    seeds: 12,
    examples: [4, 8, 12].map((seed) => ({ seed, message: `late in seed ${seed}` })),
  });
  assert.is(whole.sparse.bugs.get('tektoncd/pipeline#10512')?.seeds, 10);
  assert.equal(whole.rowRange(8), [8, 8], 'a seed that never completed has no row');
});

test('store: a column tallies its values, absent rows in the last slot, and finds repeated rows', () => {
  const values = [3, 0, 0, undefined, 3, 3, 1];
  // Each width is asked: a first row as wide as `wide` widens the column.
  for (const wide of [0, 70_000, 2 ** 40 + 0.5]) {
    const column = new NumberColumn(2);
    for (const value of [wide, ...values]) column.push(value);
    const counts = new Float64Array(5);
    // Rows 2..7 (0, 0, absent, 3, 3, 1), then rows 8 and 9, past the column's end: absent.
    column.tally(counts, 2, 10);
    assert.equal(Array.from(counts), [2, 1, 0, 2, 3], `wide ${wide}`);
    assert.equal(column.repeatedRows(wide), [0, 3, 6], `wide ${wide}`);
    assert.equal(column.repeatedRows(1, 4), [3], `wide ${wide}`);
  }
});

test('store: outcome counts and timeout shares are what the seeds give one by one', () => {
  const all = results(50).map((result) =>
    result.seed % 7 === 0
      ? { ...result, reason: 'PipelineRunTimeout', taskRunTimedOut: true }
      : result,
  );
  for (const cluster of [false, true]) {
    const store = new ScenarioStore('s.yaml', 's', cluster);
    for (const result of all) store.ingest(result);
    const expected = new Map<string, number>();
    forEachOutcome(store, (_status, reason) =>
      expected.set(reason, (expected.get(reason) ?? 0) + 1),
    );
    const { counts, counted } = reasonCounts(store);
    assert.equal([...counts].sort(), [...expected].sort(), `cluster ${cluster}`);
    assert.is(
      counted,
      [...expected.values()].reduce((sum, count) => sum + count, 0),
    );
    const hits = TIMEOUT_KINDS.map(
      (_, bit) => all.filter((_, index) => (store.timeouts.get(index) & (1 << bit)) !== 0).length,
    );
    assert.equal(
      timeoutShares(store).map((share) => share.count),
      hits,
    );
    assert.ok(hits[0] > 0 && hits[1] > 0, 'some seeds hit timeouts');
  }
  // With a cluster the seeds that never completed (no row) are counted by their own reason.
  assert.ok(all.some((result) => result.metrics === undefined));
});

test('store: appending seeds that do not follow the last one is refused', () => {
  const [early] = storesOf(results(5));
  const [again] = storesOf(results(5));
  assert.throws(() => early.append(again), /seeds from 1 of s after seed 5/);
});

test('store: memory: findings and string tables stay the same size from 2,000 to 20,000 seeds', () => {
  const measure = (count: number) => {
    const store = new ScenarioStore('s.yaml', 's', false);
    const metricRows = rows(20);
    for (let seed = 1; seed <= count; seed++)
      store.ingest(seedResult(seed, metricRows[seed % metricRows.length]));
    return store.bytes();
  };
  const small = measure(2_000);
  const large = measure(20_000);
  assert.is(large.fixed, small.fixed);
  // What does grow is columns of small numbers: a few dozen bytes a seed for these rows, where
  // the SeedResult objects took kilobytes.
  assert.ok(large.columns / 20_000 < 120, `${large.columns / 20_000} bytes a seed`);
});

test.run();
