// The executable's first act for a command that runs many seeds with `--workers N`: start the
// N-1 worker threads at once (runner/threads.ts says why). The arguments are read here only to
// decide that; yargs reads them for the command as before, and a count it then refuses, or a
// run that needs fewer threads, ends the threads unused. This module loads nothing of the
// simulator, so starting the threads costs the main thread under a millisecond.
import { MAX_WORKERS, startWorkersEarly } from '../runner/threads.js';

/** The commands whose seeds run on the pool's threads. */
const SEED_COMMANDS = new Set(['check', 'report', 'compare']);

/** The worker threads `args` (without node and the script) will want besides the main thread. */
export function workerThreadsWanted(args: readonly string[]): number {
  if (!SEED_COMMANDS.has(args[0])) return 0;
  let typed: string | undefined;
  args.forEach((arg, index) => {
    if (arg === '--workers') typed = args[index + 1];
    else if (arg.startsWith('--workers=')) typed = arg.slice('--workers='.length);
  });
  if (typed === undefined || !/^\d+$/.test(typed)) return 0;
  const workers = Number(typed);
  return workers >= 2 && workers <= MAX_WORKERS ? workers - 1 : 0;
}

/**
 * The scenario file the threads warm up on (runner/warm-up.ts): the first argument that names a
 * YAML file. Only a guess, made without reading anything: a wrong one costs the waiting
 * thread a failed load, and changes no output.
 */
export function warmUpFileOf(args: readonly string[]): string | undefined {
  return args.slice(1).find((arg) => !arg.startsWith('-') && /\.ya?ml$/i.test(arg));
}

export function startWorkersFor(args: readonly string[]): void {
  const threads = workerThreadsWanted(args);
  if (threads > 0) startWorkersEarly(threads, warmUpFileOf(args));
}
