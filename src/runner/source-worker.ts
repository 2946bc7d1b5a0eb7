// Under tsx (tests, development) a worker thread does not inherit tsx's loader: registering it
// in the thread made every worker load tsx and transpile each module of the simulator again,
// about a CPU second per thread. Instead the worker's sources are bundled once per process by
// esbuild (the compiler tsx runs on, a development dependency) into one plain module that any
// number of threads then load as the built package's worker.js is loaded. The bundle is kept
// under node_modules/.cache with the list of source files it was made from, and the next
// process (the test runner's other process, or the next run) loads it as it is while none of
// them is newer: building it cost each process about 0.4 s of CPU and 0.5 s of wall time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type * as Esbuild from 'esbuild';

const bundles = new Map<string, Promise<URL>>();

/**
 * The URL of a plain-JavaScript bundle of the TypeScript module `entry`, built on the first
 * call in this process unless an earlier process left one whose sources are unchanged.
 * Packages stay imports of node_modules, and each source file keeps its own import.meta.url,
 * so files read beside a module (the schema, package.json) and packages required at run time
 * are found as they are from the sources.
 */
export function bundledWorkerUrl(entry: URL): Promise<URL> {
  let bundle = bundles.get(entry.href);
  if (!bundle) {
    bundle = keptOrBuiltBundle(entry);
    bundles.set(entry.href, bundle);
  }
  return bundle;
}

/** The first line of a kept bundle: the source files it was built from, as JSON. */
const INPUTS_PREFIX = '// inputs: ';

/** The bundle of `entry` (bundledWorkerUrl without this process's memo; exported for its test). */
export async function keptOrBuiltBundle(entry: URL): Promise<URL> {
  const entryPath = fileURLToPath(entry);
  const root = projectRoot(entryPath);
  const require = createRequire(entry);
  const esbuild = require('esbuild') as typeof Esbuild;
  // One file per entry, compiler and version of this file's way of building.
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify({ entryPath, esbuild: esbuild.version, way: 1 }))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(root, 'node_modules', '.cache', 'tekton-sim', `worker-${key}.mjs`);
  if (isUpToDate(file)) return pathToFileURL(file);
  // The bundle is dated from before esbuild read the sources, by the file system's own clock
  // (a file made now): a source changed while it was being built is newer than the bundle, so
  // the next process builds it again.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, '');
  const startedSeconds = fs.statSync(temporary).mtimeMs / 1000;
  const result = await esbuild.build({
    entryPoints: [entryPath],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // No keepNames, as in the built package's bundles (scripts/bundle-cli.mjs says why).
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownImportMetaUrl],
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(root, input));
  // Beside the project's packages, so the bundle's imports of them resolve as the sources'
  // do. Written under another name and renamed, so a process never loads half a file.
  fs.writeFileSync(
    temporary,
    `${INPUTS_PREFIX}${JSON.stringify(inputs)}\n${result.outputFiles[0].text}`,
  );
  fs.utimesSync(temporary, startedSeconds, startedSeconds);
  fs.renameSync(temporary, file);
  return pathToFileURL(file);
}

/** Whether the kept bundle `file` is at least as new as every source file it was built from. */
function isUpToDate(file: string): boolean {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const firstLine = text.slice(0, text.indexOf('\n'));
    if (!firstLine.startsWith(INPUTS_PREFIX)) return false;
    const inputs = JSON.parse(firstLine.slice(INPUTS_PREFIX.length)) as string[];
    const builtMs = fs.statSync(file).mtimeMs;
    return inputs.every((input) => fs.statSync(input).mtimeMs <= builtMs);
  } catch {
    // Missing, unreadable, or a source file gone: build it again.
    return false;
  }
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
