// A worker thread of the executable (main.ts names this file to the runner). The worker's code
// (runner/worker-thread.ts and all it loads) runs from the script worker-script.cjs with V8's
// code cache, as main.js runs the main script: loaded as an ES module bundle, each thread spent
// some 30 ms of CPU compiling it before its first seed, and compiled lazily the functions it
// then ran. Without the script (or with another build's) the runner's own modules run. The
// cache is written, when the one read was not used, after the thread's last job and before it
// says it is done, so that it holds the functions the seeds ran.
import { workerData } from 'node:worker_threads';
import type * as WorkerThread from '../runner/worker-thread.js';
import { scriptLoader } from './script-loader.js';

/** Set by scripts/bundle-cli.mjs in the executable it bundles, as in main.ts. */
declare const TEKTON_SIM_SCRIPT_BUNDLE_ID: string | undefined;
declare const TEKTON_SIM_PACKAGE_SCRIPTS: Record<string, string> | undefined;

/** What main.ts gives each of its threads. */
export interface ExecutableWorkerData {
  /** The V8 flags the main thread set, which name the cache files (thread's argv is not its). */
  v8Flags: string;
}

const scripts = scriptLoader({
  buildId:
    typeof TEKTON_SIM_SCRIPT_BUNDLE_ID === 'string' ? TEKTON_SIM_SCRIPT_BUNDLE_ID : undefined,
  scriptOfPackage: typeof TEKTON_SIM_PACKAGE_SCRIPTS === 'object' ? TEKTON_SIM_PACKAGE_SCRIPTS : {},
  v8Flags: (workerData as ExecutableWorkerData).v8Flags,
  entryUrl: import.meta.url,
});
const bundled = scripts.load<typeof WorkerThread>('./worker-script.cjs');
const { serveJobs } = bundled?.exports ?? (await import('../runner/worker-thread.js'));
serveJobs({ beforeDone: () => scripts.saveCaches() });
