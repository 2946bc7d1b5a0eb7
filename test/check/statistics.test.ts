import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cdf,
  histogram,
  mcnemar,
  pairedDifference,
  shareOf,
  summarise,
} from '../../src/check/statistics.js';

const near = (actual: number, expected: number, within = 1e-3) =>
  assert.ok(Math.abs(actual - expected) < within, `${actual} is not near ${expected}`);

test('report statistics: Wilson interval of 50/100 is 40.4%..59.6% and stays in [0, 1] at the ends', () => {
  const half = shareOf(50, 100);
  near(half.interval.low, 0.4038);
  near(half.interval.high, 0.5962);
  assert.equal(shareOf(0, 10).interval.low, 0);
  assert.equal(shareOf(10, 10).interval.high, 1);
  near(shareOf(0, 10).interval.high, 0.2775);
});

test('report statistics: percentiles of 1..100 with order-statistic intervals around them', () => {
  const summary = summarise(Array.from({ length: 100 }, (_, index) => 100 - index));
  assert.ok(summary);
  assert.is(summary.max, 100);
  assert.is(summary.mean, 50.5);
  const p50 = summary.percentiles.find((entry) => entry.p === 50);
  assert.ok(p50 && p50.value >= 50 && p50.value <= 51);
  assert.equal(p50?.interval, { low: 40, high: 60 });
  assert.is(summarise([]), undefined);
});

test('report statistics: histogram bins have round widths and count every value once', () => {
  const values = [0, 1, 2, 3, 19, 20, 55, 99];
  const bins = histogram(values, 10);
  assert.is(bins[0].low, 0);
  for (const bin of bins) assert.is(bin.high - bin.low, 10);
  assert.is(
    bins.reduce((sum, bin) => sum + bin.count, 0),
    values.length,
  );
  assert.is(bins[0].count, 4);
  assert.equal(histogram([]), []);
});

test('report statistics: the CDF has 101 points from the minimum to the maximum', () => {
  const points = cdf([5, 1, 3]);
  assert.is(points.length, 101);
  assert.equal(points[0], { value: 1, share: 0 });
  assert.equal(points[100], { value: 5, share: 1 });
});

test('report statistics: paired difference of identical samples is exactly zero', () => {
  const same = pairedDifference([1, 5, 9], [1, 5, 9]);
  assert.equal(same?.interval, { low: 0, high: 0 });
  const shifted = pairedDifference([1, 5, 9, 2], [3, 8, 10, 4]);
  assert.is(shifted?.mean, 2);
  assert.ok((shifted?.interval.low ?? 0) > 0);
});

test('report statistics: McNemar exact for few discordant pairs, chi-square for many', () => {
  // Two-sided binomial: 0 of 6 discordant pairs on one side is p = 2 / 64.
  near(mcnemar(0, 6).pValue, 0.03125, 1e-9);
  assert.is(mcnemar(3, 3).pValue, 1);
  const large = mcnemar(40, 70);
  assert.is(large.method, 'chi-square');
  // (|40 - 70| - 1)^2 / 110 = 7.645..., p = 0.0057
  near(large.pValue, 0.00569, 1e-4);
});

test.run();
