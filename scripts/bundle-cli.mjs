#!/usr/bin/env node
// The executable, dist/cli/main.js, as a bundle: run after tsc (`npm run build`), it replaces
// tsc's main.js with the entry of an esbuild bundle of src/cli/main.ts whose parts sit beside
// it in dist/cli (main-part-*.js), one per command loaded on demand plus the code they share.
// Node's module loader costs about half a millisecond of CPU per module (resolve, stat, read,
// link), and `check` loads some 200 of them: the bundle loads `check` in a few files, about
// 0.1 s of CPU less at every start (measured in the commit that added this). Everything else
// in dist/ stays tsc's output: the library (index.js), the `./cli` export, the worker thread.
//
// Packages stay imports of node_modules. Each module keeps its own import.meta.url, rewritten
// to the URL of its file in dist/ relative to the bundle's, so files read beside a module (the
// schema, package.json, the worker) are found as from tsc's output.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = path.join(root, 'src');
const outdir = path.join(root, 'dist', 'cli');
const PART_PREFIX = 'main-part-';

/** Rewrites `import.meta.url` in each source file to the URL of its compiled file in dist/. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const compiled = path
        .join(root, 'dist', path.relative(source, args.path))
        .replace(/\.ts$/, '.js');
      const relative = path.relative(outdir, compiled).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)}, import.meta.url).href`;
      return {
        contents: fs.readFileSync(args.path, 'utf8').replaceAll('import.meta.url', url),
        loader: 'ts',
      };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [{ in: path.join(source, 'cli', 'main.ts'), out: 'main' }],
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: `${PART_PREFIX}[hash]`,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // No keepNames: it wraps every function made at run time (the closures of hot code too) in
  // a call that names it, which cost about 1 us a seed of a check. Messages name no function
  // (errors set their own names); only a stack trace may show one renamed, e.g. seed2.
  write: false,
  logLevel: 'warning',
  plugins: [ownImportMetaUrl],
});

// The parts of an earlier build go; then the new ones and the entry are written.
for (const name of fs.readdirSync(outdir))
  if (name.startsWith(PART_PREFIX)) fs.rmSync(path.join(outdir, name));
for (const file of result.outputFiles) fs.writeFileSync(file.path, file.contents);
// The shebang line of src/cli/main.ts is kept by esbuild; the file stays executable.
fs.chmodSync(path.join(outdir, 'main.js'), 0o755);
