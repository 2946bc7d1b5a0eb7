// Float64 values sorted as 64-bit integer keys give exactly the platform's sort of the values:
// the same values in the same order, -0 before +0, the infinities at the ends, subnormals and
// the largest magnitudes in place, short arrays (the platform's sort) and long ones (keys).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sortFloat64 } from '../../src/check/store/float-sort.js';
import { lcg } from '../fixtures/lcg.js';

const SPECIAL = [
  0,
  -0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2.2250738585072014e-308,
  -2.2250738585072014e-308,
  1,
  -1,
  0.5,
];

function sameValues(got: Float64Array, want: Float64Array): void {
  assert.is(got.length, want.length);
  for (let at = 0; at < want.length; at++)
    assert.ok(Object.is(got[at], want[at]), `at ${at}: ${got[at]} vs ${want[at]}`);
}

test('float sort: the order of Float64Array.prototype.sort, special values included', () => {
  const random = lcg(99);
  const draws: ((index: number) => number)[] = [
    (index) => (index % 13 === 0 ? SPECIAL[index % SPECIAL.length] : (random() - 0.5) * 1e6),
    () => (random() - 0.5) * 10 ** Math.floor(random() * 600 - 300),
    () => random() * 100, // one sign
    () => -Math.floor(random() * 5), // whole numbers with many repeats, -0 among them
    () => 42.5, // one value
  ];
  for (const draw of draws)
    for (const length of [0, 1, 7, 1023, 1024, 30_000]) {
      const values = Float64Array.from({ length }, (_, index) => draw(index));
      const want = values.slice().sort();
      sameValues(sortFloat64(values), want);
    }
});

test('float sort: a view into a larger buffer is sorted in place, the rest left alone', () => {
  const buffer = new Float64Array(5000).map((_, index) => 5000 - index - 0.25);
  const view = buffer.subarray(1000, 4000);
  const want = view.slice().sort();
  assert.is(sortFloat64(view), view);
  sameValues(view, want);
  assert.is(buffer[999], 4000.75);
  assert.is(buffer[4000], 999.75);
});

test.run();
