// The executable's work once its code is loaded: hands the process's streams, environment and
// clock to main() and sets the exit code it returns. main.ts runs it, from the code-cached
// script bundle when there is one (script-bundle.ts), else from the ES modules.
import fs from 'node:fs';
import { startThreadsFrom, type WorkerEntry } from '../runner/worker-url.js';
import { startWorkersFor } from './early-workers.js';

/** `workerEntry`: the file the executable's worker threads start from (main.ts gives it). */
export async function launch(args: readonly string[], workerEntry?: WorkerEntry): Promise<void> {
  startThreadsFrom(workerEntry);
  // Worker threads a command will want start before anything else loads (early-workers.ts), so
  // program.ts and yargs are imported after, not statically (those would load first).
  startWorkersFor(args);
  const { EXIT_INTERRUPTED, OutputError, reportError } = await import('./errors.js');
  const { main } = await import('./program.js');

  // Ctrl-C: a command that is running seeds watches it and stops cleanly (its workers, a
  // partial summary, exit 130); at any other moment, or at a second Ctrl-C, the process ends.
  const watchers = new Set<() => void>();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted || watchers.size === 0) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    for (const watcher of [...watchers]) watcher();
  });

  // Output piped into `head` closes early; that is the reader's choice, not an error. Any other
  // write failure (a full disk, /dev/full) is the environment's, told in one line, exit 2.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.exit(
      reportError(new OutputError('standard output', error), process.stderr, process.env),
    );
  });

  process.exitCode = await main(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    nowMs: () => Date.now(),
    readStdin: () => fs.readFileSync(0),
    interrupts: {
      watch(onInterrupt) {
        watchers.add(onInterrupt);
        return () => watchers.delete(onInterrupt);
      },
    },
  });
}
