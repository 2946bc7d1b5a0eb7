// The kernel's api-rate judgement, a step per group of calls made at one time, gives the
// reference checker's answer on call times with many ties, in order or not, within the bucket
// or past it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkApiRate } from '../../src/check/invariants/cluster-rules.js';
import { callsExceedBucket } from '../../src/kernel/observers.js';
import { lcg } from '../fixtures/lcg.js';

test('kernel api-rate: the reference checker answer, whatever the ties and the order', () => {
  const draw = lcg(10);
  let exceeded = 0;
  let unordered = 0;
  for (let round = 0; round < 3000; round++) {
    const qps = [1, 5, 20, 50][Math.floor(draw() * 4)];
    const burst = 1 + Math.floor(draw() * 25);
    const count = 1 + Math.floor(draw() * 60);
    const callsMs: number[] = [];
    let nowMs = 0;
    for (let call = 0; call < count; call++) {
      // Mostly a tie with the call before, sometimes later, now and then earlier.
      const step = draw();
      if (step > 0.7) nowMs += Math.floor(draw() * 400);
      else if (step < 0.03) nowMs = Math.max(0, nowMs - Math.floor(draw() * 200));
      callsMs.push(nowMs);
    }
    const expected = checkApiRate(callsMs, qps, burst).length > 0;
    if (expected) exceeded++;
    if (callsMs.some((timeMs, at) => at > 0 && timeMs < callsMs[at - 1])) unordered++;
    // Room past the calls, as the kernel's log has.
    const logged = new Float64Array(count + 8);
    logged.set(callsMs);
    assert.is(callsExceedBucket(logged, count, qps, burst), expected, `round ${round}`);
  }
  // Both answers, and calls out of order, were met.
  assert.ok(exceeded > 100 && exceeded < 2900, `${exceeded} exceeded`);
  assert.ok(unordered > 100, `${unordered} out of order`);
});

test.run();
