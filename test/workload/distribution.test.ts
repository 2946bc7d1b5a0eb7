import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quantileSorted } from 'simple-statistics';
import { RandomStreams } from '../../src/workload/rng.js';
import {
  lognormalFromMedianP95,
  sample,
  type Distribution,
} from '../../src/workload/distribution.js';
import { parseDistribution, type ValueProblem } from '../../src/workload/parse-distribution.js';

const COUNT = 40_000;

function samples(distribution: Distribution, seed = 7): number[] {
  const stream = new RandomStreams(seed).get('duration', 'task');
  return Array.from({ length: COUNT }, () => sample(distribution, stream)).sort((a, b) => a - b);
}

function parse(
  raw: unknown,
  unit: 'duration' | 'fraction' = 'duration',
): { distribution?: Distribution; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  return { distribution: parseDistribution(raw, ['d'], unit, problems), problems };
}

test('workload: lognormal: median and p95 give a distribution with that median and p95', () => {
  const values = samples(lognormalFromMedianP95(60_000, 180_000));
  assert.ok(
    Math.abs(quantileSorted(values, 0.5) / 60_000 - 1) < 0.03,
    String(quantileSorted(values, 0.5)),
  );
  assert.ok(
    Math.abs(quantileSorted(values, 0.95) / 180_000 - 1) < 0.04,
    String(quantileSorted(values, 0.95)),
  );
});

test('workload: lognormal: written as Go durations in YAML', () => {
  const { distribution, problems } = parse({ lognormal: { median: '1m', p95: '3m' } });
  assert.equal(problems, []);
  assert.equal(distribution, lognormalFromMedianP95(60_000, 180_000));
});

test('workload: lognormal: sigma instead of p95', () => {
  const { distribution } = parse({ lognormal: { median: '10s', sigma: 0.5 } });
  assert.equal(distribution, { kind: 'lognormal', mu: Math.log(10_000), sigma: 0.5 });
});

test('workload: uniform stays within min and max', () => {
  const values = samples(parse({ uniform: { min: '10s', max: '20s' } }).distribution!);
  assert.ok(values[0] >= 10_000 && values[values.length - 1] < 20_000);
});

test('workload: normal is truncated at 0', () => {
  const values = samples(parse({ normal: { mean: '1s', stddev: '2s' } }).distribution!);
  assert.is(values[0], 0);
  assert.ok(values.filter((value) => value === 0).length > COUNT * 0.2);
});

test('workload: exponential has the given mean', () => {
  const values = samples(parse({ exponential: { mean: '30s' } }).distribution!);
  const average = values.reduce((sum, value) => sum + value, 0) / COUNT;
  assert.ok(Math.abs(average / 30_000 - 1) < 0.03, String(average));
});

test('workload: empirical draws only its samples, each about equally often', () => {
  const values = samples(parse({ empirical: ['1s', '2s', '4s'] }).distribution!);
  assert.equal([...new Set(values)], [1000, 2000, 4000]);
  assert.ok(Math.abs(values.filter((value) => value === 2000).length / COUNT - 1 / 3) < 0.02);
});

test('workload: mixture picks components by weight (bimodal)', () => {
  const values = samples(
    parse({
      mixture: [
        { weight: 0.8, constant: '1m' },
        { weight: 0.2, constant: '10m' },
      ],
    }).distribution!,
  );
  assert.ok(Math.abs(values.filter((value) => value === 600_000).length / COUNT - 0.2) < 0.015);
});

test('workload: a plain Go duration is a constant', () => {
  assert.equal(parse('1m30s').distribution, { kind: 'constant', value: 90_000 });
});

test('workload: fractions are plain numbers', () => {
  assert.equal(parse({ uniform: { min: 0.2, max: 1 } }, 'fraction').distribution, {
    kind: 'uniform',
    min: 0.2,
    max: 1,
  });
  assert.equal(parse(1.5, 'fraction').problems[0].message, 'fraction 1.5 is outside [0, 1]');
});

test('workload: bad values each get one clear message', () => {
  assert.equal(parse('-5s').problems, [
    { path: ['d'], message: 'negative duration "-5s": durations are 0 or more' },
  ]);
  assert.equal(
    parse('5 minutes').problems[0].message,
    '"5 minutes" is not a Go duration (write it like 30s, 1m30s or 2h)',
  );
  assert.equal(parse({ lognormal: { median: '2m', p95: '1m' } }).problems, [
    { path: ['d', 'lognormal', 'p95'], message: 'lognormal p95 (1m0s) is below its median (2m0s)' },
  ]);
  assert.equal(
    parse({ uniform: { min: '2m', max: '1m' } }).problems[0].message,
    'uniform max (1m0s) is below min (2m0s)',
  );
  assert.equal(
    parse({ lognormal: { median: '2m' } }).problems[0].message,
    'lognormal needs either p95 or sigma (one of them) besides median',
  );
});

test.run();
