// Run by `npm run build` after tsc: bundles the worker thread's entry (dist/runner/worker.js
// and the 180-odd modules it imports) into one file, dist/runner/worker-bundle.js, which the
// pool starts instead. Node loads an ES module graph file by file (resolve, read, parse, link
// each), and that was most of a worker thread's start: the graph took 150-170 ms of CPU to
// load, the one file 35 ms. Packages stay imports of node_modules; each module's
// import.meta.url becomes its own file's URL again, relative to the bundle, so files read
// beside a module (the schema, package.json) and packages it requires are found as from dist/.
// esbuild is the compiler tsx runs on, a development dependency like tsc.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'runner', 'worker.js');
const outfile = path.join(root, 'dist', 'runner', 'worker-bundle.js');

const esbuild = createRequire(import.meta.url)('esbuild');

/** Rewrites `import.meta.url` in each module to its own file's URL, found from the bundle's. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const relative = path.relative(path.dirname(outfile), args.path).split(path.sep).join('/');
      const own = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
      return {
        contents: fs.readFileSync(args.path, 'utf8').replaceAll('import.meta.url', own),
        loader: 'js',
      };
    });
  },
};

await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // No keepNames, as in the executable's bundle (scripts/bundle-cli.mjs says why): the thread
  // runs the same hot code, which that option wraps in naming calls.
  logLevel: 'warning',
  plugins: [ownImportMetaUrl],
});
