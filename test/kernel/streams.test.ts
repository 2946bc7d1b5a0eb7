// The kernel's streams give exactly the numbers workload/rng.ts's named streams give, for
// every stream, in any order of first use, and again when the same seed runs twice.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KernelStreams } from '../../src/kernel/streams.js';
import { RandomStreams, streamSeed } from '../../src/workload/rng.js';

const NAMES: [string, string][] = [
  ['duration', 'build'],
  ['failure', 'build'],
  ['failure-at', 'build'],
  ['duration', 'a-much-longer-task-name-0'],
  ['failure', ''],
  ['duration', 'ünïcode'],
];

test('kernel streams: the same numbers as RandomStreams, whatever the order of first use', () => {
  const kernel = new KernelStreams(NAMES);
  for (const seed of [0, 1, 42, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER]) {
    const runSeed = streamSeed(seed, 'run', '0');
    for (let repeat = 0; repeat < 2; repeat++) {
      const reference = new RandomStreams(runSeed);
      kernel.reset(runSeed);
      const order = repeat === 0 ? [0, 1, 2, 3, 4, 5] : [5, 3, 1, 0, 4, 2];
      for (let round = 0; round < 3; round++)
        for (const stream of order) {
          const [purpose, name] = NAMES[stream];
          assert.is(kernel.use(stream).next(), reference.get(purpose, name).next());
        }
    }
  }
});

test('kernel streams: uniforms skipped are drawn before the next value read, never lost', () => {
  const kernel = new KernelStreams(NAMES);
  const runSeed = streamSeed(9, 'run', '0');
  const reference = new RandomStreams(runSeed);
  kernel.reset(runSeed);
  kernel.skip(0, 2);
  kernel.skip(0, 1);
  for (let count = 0; count < 3; count++) reference.get('duration', 'build').next();
  assert.is(kernel.use(0).next(), reference.get('duration', 'build').next());
  // Owed uniforms do not outlive their run.
  kernel.skip(1, 5);
  kernel.reset(runSeed);
  assert.is(kernel.use(1).next(), new RandomStreams(runSeed).get('failure', 'build').next());
});

test.run();
