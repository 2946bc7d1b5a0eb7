// Under tsx (tests, development) a worker thread does not inherit tsx's loader: registering it
// in the thread made every worker load tsx and transpile each module of the simulator again,
// about a CPU second per thread. Instead the worker's sources are bundled once per process by
// esbuild (the compiler tsx runs on, a development dependency) into one plain module that any
// number of threads then load as the built package's worker.js is loaded.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type * as Esbuild from 'esbuild';

const bundles = new Map<string, Promise<URL>>();

/**
 * The URL of a plain-JavaScript bundle of the TypeScript module `entry`, built on the first
 * call in this process. Packages stay imports of node_modules, and each source file keeps its
 * own import.meta.url, so files read beside a module (the schema, package.json) and packages
 * required at run time are found as they are from the sources.
 */
export function bundledWorkerUrl(entry: URL): Promise<URL> {
  let bundle = bundles.get(entry.href);
  if (!bundle) {
    bundle = buildBundle(entry, bundles.size);
    bundles.set(entry.href, bundle);
  }
  return bundle;
}

async function buildBundle(entry: URL, index: number): Promise<URL> {
  const entryPath = fileURLToPath(entry);
  const require = createRequire(entry);
  const esbuild = require('esbuild') as typeof Esbuild;
  const result = await esbuild.build({
    entryPoints: [entryPath],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Function and class names as in the sources: a message that names one reads the same.
    keepNames: true,
    write: false,
    logLevel: 'silent',
    plugins: [ownImportMetaUrl],
  });
  // Beside the project's packages, so the bundle's imports of them resolve as the sources'
  // do; one file per process, removed when the process ends.
  const directory = path.join(projectRoot(entryPath), 'node_modules', '.cache', 'tekton-sim');
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `worker-${process.pid}-${index}.mjs`);
  fs.writeFileSync(file, result.outputFiles[0].text);
  process.once('exit', () => fs.rmSync(file, { force: true }));
  return pathToFileURL(file);
}

/** Rewrites `import.meta.url` in each source file to that file's own URL. */
const ownImportMetaUrl: Esbuild.Plugin = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: fs
        .readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/** The nearest folder above `file` holding a node_modules folder. */
function projectRoot(file: string): string {
  let directory = path.dirname(file);
  while (!fs.existsSync(path.join(directory, 'node_modules'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`no node_modules folder above ${file}`);
    directory = parent;
  }
  return directory;
}
