// The Perfetto trace of a big cluster seed: a day of arrivals on a large cluster gives counter
// tracks with hundreds of thousands of steps. Spreading such an array into push() passes each
// element as an argument on the stack, which ended `replay --perfetto` of such a seed with
// "internal error: Maximum call stack size exceeded".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fleetPerfettoTrace } from '../../src/report/perfetto.js';

// Past where a spread overflows V8's stack (130,000 already does), and no further: each step
// costs a trace event.
const STEPS = 150_000;

test('perfetto: a counter track of 150,000 steps is drawn whole, in time order', () => {
  const atMs = Array.from({ length: STEPS }, (_, index) => (index + 1) * 10);
  const value = Array.from({ length: STEPS }, (_, index) => index % 7);
  const trace = fleetPerfettoTrace(
    'big seed 1',
    [],
    [{ name: 'controller work queue', value: 'depth', series: { atMs, value } }],
  );
  const counters = [...trace.traceEvents].filter((event) => event.ph === 'C');
  // The track starts from 0 at time 0, then one event a step.
  assert.is(counters.length, STEPS + 1);
  assert.equal(counters[0], {
    ph: 'C',
    pid: 1,
    tid: 0,
    ts: 0,
    name: 'controller work queue',
    args: { depth: 0 },
  });
  assert.equal(counters.at(-1)?.args, { depth: (STEPS - 1) % 7 });
  assert.is(counters.at(-1)?.ts, STEPS * 10 * 1000);
});

test.run();
