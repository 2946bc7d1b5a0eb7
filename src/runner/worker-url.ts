// Which file a worker thread runs. The built package has the worker's modules bundled into one
// file by `npm run build` (scripts/build-worker.mjs says why); without it (a build by tsc
// alone) the plain entry worker.js. Under tsx (tests, development) the entry is the .ts source,
// which a thread loads as a bundle built once per process (source-worker.ts says why).
import fs from 'node:fs';
import { bundledWorkerUrl } from './source-worker.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The URL to start a worker thread from; the first call under tsx builds the bundle. */
export async function workerUrl(): Promise<URL> {
  if (FROM_SOURCE) return bundledWorkerUrl(new URL('./worker.ts', import.meta.url));
  const bundle = new URL('./worker-bundle.js', import.meta.url);
  return fs.existsSync(bundle) ? bundle : new URL('./worker.js', import.meta.url);
}
