import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventQueue } from '../../src/engine/queue.js';
import { lcg } from '../fixtures/lcg.js';

function drain<T>(queue: EventQueue<T>): [number, number, T][] {
  const popped: [number, number, T][] = [];
  while (queue.pop())
    popped.push([queue.currentTimeMs, queue.currentPriority, queue.currentPayload]);
  return popped;
}

test('queue: pops in time order', () => {
  const queue = new EventQueue<string>();
  queue.schedule(30, 0, 'c');
  queue.schedule(10, 0, 'a');
  queue.schedule(20, 0, 'b');
  assert.equal(
    drain(queue).map((entry) => entry[2]),
    ['a', 'b', 'c'],
  );
});

test('queue: same time orders by priority, then FIFO', () => {
  const queue = new EventQueue<string>();
  queue.schedule(5, 1, 'late-1');
  queue.schedule(5, 0, 'first-0');
  queue.schedule(5, 1, 'late-2');
  queue.schedule(5, -3, 'urgent');
  queue.schedule(5, 0, 'second-0');
  queue.schedule(5, 1, 'late-3');
  assert.equal(
    drain(queue).map((entry) => entry[2]),
    ['urgent', 'first-0', 'second-0', 'late-1', 'late-2', 'late-3'],
  );
});

test('queue: ties stay FIFO across many equal events and growth', () => {
  const queue = new EventQueue<number>();
  for (let index = 0; index < 5000; index++) queue.schedule(7, 2, index);
  const payloads = drain(queue).map((entry) => entry[2]);
  assert.equal(
    payloads,
    Array.from({ length: 5000 }, (_, index) => index),
  );
});

test('queue: matches a sort by (time, priority, seq) on random input', () => {
  const random = lcg(12345);
  const queue = new EventQueue<number>();
  const expected: [number, number, number][] = [];
  for (let seq = 0; seq < 20000; seq++) {
    const timeMs = Math.floor(random() * 500);
    const priority = Math.floor(random() * 4) - 1;
    queue.schedule(timeMs, priority, seq);
    expected.push([timeMs, priority, seq]);
  }
  expected.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  assert.equal(drain(queue), expected);
});

test('queue: interleaved schedule and pop keep order and current time', () => {
  const random = lcg(7);
  const queue = new EventQueue<number>();
  for (let index = 0; index < 50; index++) queue.schedule(Math.floor(random() * 100), 0, index);
  let lastTimeMs = 0;
  let popped = 0;
  let next = 50;
  while (queue.pop()) {
    assert.ok(queue.currentTimeMs >= lastTimeMs);
    lastTimeMs = queue.currentTimeMs;
    popped++;
    if (next < 10000) queue.schedule(queue.currentTimeMs + Math.floor(random() * 100), 0, next++);
  }
  assert.is(popped, 10000);
});

test('queue: size counts pending events only', () => {
  const queue = new EventQueue<string>();
  assert.is(queue.size, 0);
  const a = queue.schedule(1, 0, 'a');
  queue.schedule(2, 0, 'b');
  assert.is(queue.size, 2);
  queue.cancel(a);
  assert.is(queue.size, 1);
  queue.pop();
  assert.is(queue.size, 0);
  assert.is(queue.pop(), false);
});

test('queue: a cancelled event never pops', () => {
  const queue = new EventQueue<string>();
  queue.schedule(10, 0, 'a');
  const b = queue.schedule(20, 0, 'b');
  queue.schedule(30, 0, 'c');
  assert.is(queue.cancel(b), true);
  assert.equal(
    drain(queue).map((entry) => entry[2]),
    ['a', 'c'],
  );
});

test('queue: cancel returns false for popped, cancelled twice, or unknown ids', () => {
  const queue = new EventQueue<string>();
  const a = queue.schedule(10, 0, 'a');
  const b = queue.schedule(20, 0, 'b');
  assert.is(queue.pop(), true);
  assert.is(queue.cancel(a), false, 'already popped');
  assert.is(queue.cancel(b), true);
  assert.is(queue.cancel(b), false, 'already cancelled');
  assert.is(queue.cancel(-1), false);
  assert.is(queue.cancel(1.5), false);
  assert.is(queue.cancel(Number.NaN), false);
  assert.is(queue.cancel(987654321), false);
});

test('queue: a stale id does not cancel the event that reuses its slot', () => {
  const queue = new EventQueue<string>();
  const first = queue.schedule(1, 0, 'first');
  queue.pop();
  const second = queue.schedule(2, 0, 'second');
  assert.is.not(first, second);
  assert.is(queue.cancel(first), false);
  assert.is(queue.pop(), true);
  assert.is(queue.currentPayload, 'second');
});

test('queue: peekTimeMs skips cancelled events and is Infinity when empty', () => {
  const queue = new EventQueue<string>();
  assert.is(queue.peekTimeMs(), Infinity);
  const a = queue.schedule(10, 0, 'a');
  queue.schedule(20, 0, 'b');
  assert.is(queue.peekTimeMs(), 10);
  queue.cancel(a);
  assert.is(queue.peekTimeMs(), 20);
  queue.pop();
  assert.is(queue.peekTimeMs(), Infinity);
});

test('queue: cancelling most events compacts and keeps the rest in order', () => {
  const random = lcg(99);
  const queue = new EventQueue<number>();
  const ids: number[] = [];
  const times: number[] = [];
  for (let index = 0; index < 3000; index++) {
    times.push(Math.floor(random() * 1000));
    ids.push(queue.schedule(times[index], 0, index));
  }
  const kept: [number, number, number][] = [];
  for (let index = 0; index < 3000; index++) {
    if (index % 10 === 3) kept.push([times[index], 0, index]);
    else assert.is(queue.cancel(ids[index]), true);
  }
  assert.is(queue.size, kept.length);
  kept.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  assert.equal(drain(queue), kept);
});

test('queue: a pop leaves the current event unchanged when empty', () => {
  const queue = new EventQueue<string>();
  queue.schedule(4, 1, 'x');
  queue.pop();
  assert.is(queue.pop(), false);
  assert.is(queue.currentTimeMs, 4);
  assert.is(queue.currentPriority, 1);
  assert.is(queue.currentPayload, 'x');
});

test('queue: rejects NaN, infinite, fractional and past times, and bad priorities', () => {
  const queue = new EventQueue<string>();
  assert.throws(() => queue.schedule(Number.NaN, 0, 'x'), /NaN/);
  assert.throws(() => queue.schedule(Infinity, 0, 'x'), /Infinity/);
  assert.throws(() => queue.schedule(1.5, 0, 'x'), /whole milliseconds/);
  assert.throws(() => queue.schedule(-1, 0, 'x'), /earlier than the current time 0 ms/);
  assert.throws(() => queue.schedule(1, 0.5, 'x'), /priority/);
  queue.schedule(100, 0, 'a');
  queue.pop();
  assert.throws(
    () => queue.schedule(99, 0, 'x'),
    /cannot schedule at 99 ms, earlier than the current time 100 ms/,
  );
  queue.schedule(100, 0, 'same time is fine');
  assert.is(queue.size, 1);
});

test('queue: clear empties, resets time, and invalidates old ids', () => {
  const queue = new EventQueue<string>();
  const old = queue.schedule(50, 0, 'old');
  queue.schedule(60, 0, 'old-2');
  queue.schedule(10, 0, 'first');
  queue.pop();
  queue.clear();
  assert.is(queue.size, 0);
  assert.is(queue.currentTimeMs, 0);
  assert.is(queue.peekTimeMs(), Infinity);
  queue.schedule(5, 0, 'new');
  assert.is(queue.cancel(old), false);
  assert.equal(drain(queue), [[5, 0, 'new']]);
});

test('queue: a cleared queue replays a run identically', () => {
  const queue = new EventQueue<number>();
  const runOnce = (): [number, number, number][] => {
    queue.clear();
    const random = lcg(5);
    for (let index = 0; index < 300; index++) {
      queue.schedule(Math.floor(random() * 50), index % 3, index);
    }
    return drain(queue);
  };
  assert.equal(runOnce(), runOnce());
});

test.run();
