import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatCompactDuration,
  formatOffset,
  formatRfc3339Seconds,
} from '../../src/report/time.js';

const Y2K_MS = Date.UTC(2000, 0, 1);

test('report: time: RFC 3339 with whole seconds, truncated as metav1.Time marshals', () => {
  assert.is(formatRfc3339Seconds(Y2K_MS), '2000-01-01T00:00:00Z');
  assert.is(formatRfc3339Seconds(Y2K_MS + 10_000), '2000-01-01T00:00:10Z');
  assert.is(formatRfc3339Seconds(Y2K_MS + 10_999), '2000-01-01T00:00:10Z');
  assert.is(formatRfc3339Seconds(Y2K_MS + 86_399_999), '2000-01-01T23:59:59Z');
  assert.is(formatRfc3339Seconds(-1), '1969-12-31T23:59:59Z');
});

test('report: time: RFC 3339 refuses years without four digits', () => {
  assert.throws(() => formatRfc3339Seconds(Date.UTC(10_000, 0, 1)), /no RFC 3339 form/);
  assert.throws(() => formatRfc3339Seconds(Number.NaN), /no RFC 3339 form/);
});

test('report: time: compact durations leave out zero components', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [1, '1ms'],
    [500, '500ms'],
    [999.6, '1s'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [1_050, '1.05s'],
    [10_000, '10s'],
    [65_000, '1m5s'],
    [90_000, '1m30s'],
    [60_000, '1m'],
    [3_600_000, '1h'],
    [3_630_000, '1h30s'],
    [5_430_250, '1h30m30.25s'],
    [-1_500, '-1.5s'],
  ];
  for (const [milliseconds, text] of cases)
    assert.is(formatCompactDuration(milliseconds), text, `${milliseconds}ms`);
});

test('report: time: offsets always carry a sign', () => {
  assert.is(formatOffset(0), '+0s');
  assert.is(formatOffset(10_000), '+10s');
  assert.is(formatOffset(90_000), '+1m30s');
  assert.is(formatOffset(-500), '-500ms');
  assert.is(formatOffset(-0.2), '+0s');
});

test.run();
