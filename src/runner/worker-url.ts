// Which file a worker thread runs. The executable names its own (cli/worker-main.ts: the
// worker's code from a code-cached script), given each thread beside its own data. Otherwise
// the built package has the worker's modules bundled into one file by `npm run build`
// (scripts/build-worker.mjs says why); without it (a build by tsc alone) the plain entry
// worker.js. Under tsx (tests, development) the entry is the .ts source, which a thread loads
// as a bundle built once per process (source-worker.ts says why).
import fs from 'node:fs';
import { bundledWorkerUrl } from './source-worker.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** A file worker threads start from, and the workerData each is given besides its own. */
export interface WorkerEntry {
  url: URL;
  data?: object;
}

let executableEntry: WorkerEntry | undefined;

/** The executable's threads start from `entry` (launch.ts sets it before starting any). */
export function startThreadsFrom(entry: WorkerEntry | undefined): void {
  executableEntry = entry;
}

/** The entry to start a worker thread from; the first call under tsx builds the bundle. */
export async function workerEntry(): Promise<WorkerEntry> {
  return executableEntry ?? { url: await workerUrl() };
}

/** The URL of the worker's own modules (or their bundle) to start a thread from. */
export async function workerUrl(): Promise<URL> {
  if (FROM_SOURCE) return bundledWorkerUrl(new URL('./worker.ts', import.meta.url));
  const bundle = new URL('./worker-bundle.js', import.meta.url);
  return fs.existsSync(bundle) ? bundle : new URL('./worker.js', import.meta.url);
}
