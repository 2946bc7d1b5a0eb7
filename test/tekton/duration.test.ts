import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatGoDuration, parseGoDuration } from '../../src/tekton/duration.js';

test('duration: formats like Go', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [3_600_000, '1h0m0s'],
    [1_800_000, '30m0s'],
    [5_000, '5s'],
    [1_500, '1.5s'],
    [500, '500ms'],
    [1.5, '1.5ms'],
    [0.001, '1µs'],
    [0.000001, '1ns'],
    [90_500, '1m30.5s'],
    [-172_800_000, '-48h0m0s'],
    [6_900_000, '1h55m0s'],
    [10_000, '10s'],
  ];
  for (const [ms, text] of cases) assert.is(formatGoDuration(ms), text, `${ms}ms`);
});

test('duration: parses like Go', () => {
  const cases: [string, number | undefined][] = [
    ['0', 0],
    ['0s', 0],
    ['0h0m0s', 0],
    ['1h', 3_600_000],
    ['0h0m60s', 60_000],
    ['1.5s', 1_500],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    ['-48h', -172_800_000],
    ['+5s', 5_000],
    ['.5s', 500],
    ['1us', 0.001],
    ['1\u00b5s', 0.001], // micro sign
    ['2\u03bcs', 0.002], // Greek small letter mu
    ['1xs', undefined],
    ['', undefined],
    ['5', undefined],
    ['1d', undefined],
    ['s', undefined],
    ['1h 2m', undefined],
  ];
  for (const [text, ms] of cases) assert.is(parseGoDuration(text), ms, JSON.stringify(text));
});

test.run();
