import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cdf, histogram, shareOf, summarise } from '../../src/check/statistics.js';

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

test.run();
