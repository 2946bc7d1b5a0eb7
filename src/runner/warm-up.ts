// What a worker thread started early does while the main thread is still starting: it runs
// seeds of the scenario file the command line names, into a store it throws away, so that its
// first chunks do not run on cold code. A thread's first 2,000 seeds cost about 110 ms of CPU
// against 27 ms once V8 has optimised the code for its isolate (its own compiler threads do
// that, about 0.4 s of CPU), and the main thread spends 0.3 s loading its modules and the
// scenario before it hands out the first chunk, while the thread and the second core wait.
// It stops as soon as the jobs arrive. Seeds are independent and every chunk's output depends
// only on its seeds, so seeds run here change nothing a run gives (a thread may run chunks in
// any order already). A guess that is not a scenario file is dropped silently: the main
// thread reports any error in its arguments itself.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { runChunk } from './chunk.js';

/** Seeds run between two looks at whether the jobs have come. */
const SEEDS_PER_STEP = 100;
/** Enough to get the kernel's code optimised; past this, warming up only costs CPU. */
const MOST_SEEDS = 3000;

/** Runs seeds of the first scenario of `file` until `jobsCame()` or MOST_SEEDS seeds. */
export async function warmUp(file: string, jobsCame: () => boolean): Promise<void> {
  try {
    // Seed 1 alone is the determinism sample (run twice, through a SeedResult, not into the
    // columns as every other seed): left out, so only the common path is warmed.
    for (let first = 2; first < 2 + MOST_SEEDS && !jobsCame(); first += SEEDS_PER_STEP) {
      const seeds = { first, last: first + SEEDS_PER_STEP - 1 };
      await runChunk(
        { file, scenarioIndex: 0, seeds, fullRange: { first: 1, last: 1 } },
        { paranoid: false },
      );
      await nextTurn();
    }
  } catch {
    // Not a scenario after all: nothing to warm up on.
  }
}
