import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatQuantity, parseQuantity } from '../../src/cluster/quantity.js';

const value = (text: unknown, unit: 'milli' | 'whole') => {
  const parsed = parseQuantity(text, unit);
  return 'value' in parsed ? parsed.value : parsed.error;
};

test('quantity: CPU in millicores from every way of writing it', () => {
  assert.is(value('500m', 'milli'), 500);
  assert.is(value('1.5', 'milli'), 1500);
  assert.is(value(2, 'milli'), 2000);
  assert.is(value(0.25, 'milli'), 250);
  assert.is(value('4', 'milli'), 4000);
  assert.is(value('1e3', 'milli'), 1_000_000);
  assert.is(value('.5', 'milli'), 500);
  assert.is(value('+1', 'milli'), 1000);
});

test('quantity: rounds up like MilliValue, so a sliver of CPU is one millicore', () => {
  assert.is(value('0.1m', 'milli'), 1);
  assert.is(value('100u', 'milli'), 1);
  assert.is(value('0.0001', 'milli'), 1);
});

test('quantity: memory in bytes with binary and decimal suffixes', () => {
  assert.is(value('16Gi', 'whole'), 16 * 1024 ** 3);
  assert.is(value('512Mi', 'whole'), 512 * 1024 ** 2);
  assert.is(value('1.5Gi', 'whole'), 1.5 * 1024 ** 3);
  assert.is(value('1G', 'whole'), 1e9);
  assert.is(value('128974848', 'whole'), 128974848);
  assert.is(value('129e6', 'whole'), 129e6);
  assert.is(value('1k', 'whole'), 1000);
});

test('quantity: errors say what is wrong and how to write it', () => {
  assert.match(
    String(value('16GB', 'whole')),
    /"16GB" is not a Kubernetes quantity \(write it like/,
  );
  assert.match(String(value('-1', 'milli')), /negative/);
  assert.match(String(value(true, 'milli')), /must be a Kubernetes quantity/);
  assert.match(String(value('', 'milli')), /not a Kubernetes quantity/);
  assert.match(String(value('9Ei', 'whole')), /too large/);
  assert.is(value('-0', 'milli'), 0);
});

test('quantity: printed as Kubernetes prints it', () => {
  assert.is(formatQuantity('cpu', 1500), '1500m');
  assert.is(formatQuantity('cpu', 2000), '2');
  assert.is(formatQuantity('memory', 16 * 1024 ** 3), '16Gi');
  assert.is(formatQuantity('pods', 20), '20');
});

test.run();
