// The bench's equivalence check against the SimPy model rests on these three statistics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nearestRank, percentileError, shareDifferenceError } from '../../bench/statistics.js';

const oneToHundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

test('bench: statistics: nearest rank is the ceil(q * n)-th smallest, as the SimPy model computes it', () => {
  assert.is(nearestRank(oneToHundred, 0.5), 50);
  assert.is(nearestRank(oneToHundred, 0.95), 95);
  assert.is(nearestRank(oneToHundred, 0), 1);
  assert.is(nearestRank(oneToHundred, 1), 100);
});

test('bench: statistics: a share difference error adds both variances', () => {
  assert.is(shareDifferenceError(0.5, 100, 0.5, 100), Math.sqrt(0.005));
  assert.is(shareDifferenceError(0, 100, 1, 100), 0);
});

test('bench: statistics: a percentile error is half the spread of the ranks one binomial deviation away', () => {
  // n = 100, q = 0.5: one deviation of rank is 5, so values 45 and 56 (ranks 45..55, 0-based).
  assert.is(percentileError(oneToHundred, 0.5), (56 - 46) / 2);
});

test.run();
