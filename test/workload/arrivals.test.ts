import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStreams } from '../../src/workload/rng.js';
import { arrivalTimes, drawArrivals, pickFromMix } from '../../src/workload/arrivals.js';
import { parseArrivalsCsv, type CsvProblem } from '../../src/workload/arrivals-csv.js';

const stream = (name: string, seed = 7) => new RandomStreams(seed).get('arrivals', name);

test('arrivals: a fixed interval from time 0', () => {
  assert.equal(
    arrivalTimes({ kind: 'interval', intervalMs: 10_000 }, 5, stream('gaps')),
    [0, 10_000, 20_000, 30_000, 40_000],
  );
});

test('arrivals: a list is taken in time order, at most count of it', () => {
  assert.equal(arrivalTimes({ kind: 'at', atMs: [5000, 0, 2000] }, 2, stream('gaps')), [0, 2000]);
});

test('arrivals: Poisson gaps average 1/rate', () => {
  const times = arrivalTimes({ kind: 'poisson', perMinute: 10 }, 20_000, stream('gaps'));
  const meanGapMs = times[times.length - 1] / times.length;
  assert.ok(Math.abs(meanGapMs - 6000) < 150, String(meanGapMs));
  assert.ok(times.every((time, index) => index === 0 || time >= times[index - 1]));
});

test('arrivals: the mix follows its weights', () => {
  const mix = stream('mix');
  const counts = { build: 0, nightly: 0 };
  const entries = [
    { pipelineRun: 'build', weight: 3 },
    { pipelineRun: 'nightly', weight: 1 },
  ];
  for (let index = 0; index < 40_000; index++) counts[pickFromMix(entries, mix) as 'build']++;
  assert.ok(Math.abs(counts.build / 40_000 - 0.75) < 0.01, JSON.stringify(counts));
});

test('arrivals: the mix draws from its own stream, so weights do not move arrival times', () => {
  const spec = (weight: number) => ({
    count: 50,
    process: { kind: 'poisson' as const, perMinute: 10 },
    mix: [
      { pipelineRun: 'a', weight },
      { pipelineRun: 'b', weight: 1 },
    ],
  });
  const first = drawArrivals(spec(1), stream('gaps'), stream('mix'));
  const second = drawArrivals(spec(9), stream('gaps'), stream('mix'));
  assert.equal(
    first.map((arrival) => arrival.atMs),
    second.map((arrival) => arrival.atMs),
  );
  assert.not.equal(
    first.map((arrival) => arrival.pipelineRun),
    second.map((arrival) => arrival.pipelineRun),
  );
});

test('arrivals: CSV rows with a header, durations or seconds, and an optional PipelineRun', () => {
  const problems: CsvProblem[] = [];
  const rows = parseArrivalsCsv('at,pipelineRun\n0s,build\n90,nightly\n1m30s\n', problems);
  assert.equal(problems, []);
  assert.equal(rows, [
    { atMs: 0, pipelineRun: 'build' },
    { atMs: 90_000, pipelineRun: 'nightly' },
    { atMs: 90_000 },
  ]);
});

test('arrivals: a bad CSV time names its line and column', () => {
  const problems: CsvProblem[] = [];
  parseArrivalsCsv('0s\n  soon,build\n', problems);
  assert.equal(problems.length, 1);
  assert.is(problems[0].line, 2);
  assert.is(problems[0].column, 3);
  assert.match(problems[0].message, /"soon" must be a Go duration/);
});

test.run();
