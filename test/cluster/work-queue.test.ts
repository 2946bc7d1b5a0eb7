import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkQueue } from '../../src/cluster/work-queue.js';

test('work queue: workers take keys first in, first out, no more than there are workers', () => {
  const queue = new WorkQueue<string>(2);
  queue.add('a');
  queue.add('b');
  queue.add('c');
  assert.is(queue.take(), 'a');
  assert.is(queue.take(), 'b');
  assert.is(queue.take(), undefined, 'both workers busy');
  queue.done('a');
  assert.is(queue.take(), 'c');
});

test('work queue: a key added twice before it is taken is reconciled once', () => {
  const queue = new WorkQueue<string>(1);
  queue.add('a');
  queue.add('a');
  assert.is(queue.length, 1);
});

test('work queue: a key added while reconciling waits for that reconcile, then runs again', () => {
  const queue = new WorkQueue<string>(2);
  queue.add('a');
  assert.is(queue.take(), 'a');
  queue.add('a');
  assert.is(queue.take(), undefined, 'never two workers on one key');
  queue.done('a');
  assert.is(queue.take(), 'a');
  queue.done('a');
  assert.is(queue.take(), undefined);
});

test.run();
