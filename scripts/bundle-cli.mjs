#!/usr/bin/env node
// The executable, run after tsc (`npm run build`). It writes these files in dist/cli:
//
// - main-script.cjs: src/cli/launch.ts and all it loads (yargs and simple-statistics too) as
//   one CommonJS script, which main.js compiles with V8's code cache (src/cli/script-bundle.ts).
//   Node 20 has no compile cache for ES modules: `check` loaded as some 80 modules (the
//   earlier bundle's parts and yargs' files) spent about 0.1 s of CPU in the module loader and
//   V8's compiler at every start.
// - worker-script.cjs: src/runner/worker-thread.ts and all it loads, the worker threads' code,
//   which worker-main.js compiles with its own code cache in each thread as main.js does the
//   main script (an ES module bundle cost each thread some 30 ms of CPU to compile).
// - one script for each group of PACKAGE_SCRIPTS, packages loaded only when first used, each
//   with its own code cache, loaded by main.js when the main script first asks for one: vega
//   and vega-lite (only the HTML report's charts; as ES modules, some 270 files, they cost about
//   0.3 s of CPU to load, as the cached script about 0.06 s), yaml (45 ms from node_modules),
//   re2js and csv-stringify.
// - main.js and worker-main.js: src/cli/main.ts and worker-main.ts bundled with what they
//   import, and the build's id, which the scripts' first lines repeat, so that a script of
//   another build is never run. Without its script (or with another build's), main.js imports
//   tsc's dist/cli/launch.js instead, and worker-main.js tsc's dist/runner/worker-thread.js.
//
// Then it runs the executable for `check`, `run -o yaml` and an HTML `report` (`check` sets
// other V8 flags, src/cli/v8-tiering.ts), the first and last with a worker thread, which writes
// the code caches for this Node.js beside the scripts.
//
// Packages read through createRequire (yaml, ajv, re2js, csv-stringify) and those only a chart
// needs (vega, vega-lite) stay in node_modules. Each module keeps its own import.meta.url,
// rewritten to the URL of its file in dist/, so files read beside a module (the schema,
// package.json, the worker) are found as from tsc's output.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = path.join(root, 'src');
const outdir = path.join(root, 'dist', 'cli');
const SCRIPT_NAME = 'main-script';
const WORKER_SCRIPT_NAME = 'worker-script';
const SCRIPT_HEADER = '// tekton-sim script bundle ';
/** The packages bundled into the main script (with the packages they import). */
const BUNDLED_PACKAGES = new Set(['yargs', 'simple-statistics']);
/**
 * Packages the sources load on first use, through import() or createRequire
 * (src/tekton/yaml-package.ts says why), by the script that holds them.
 */
const PACKAGE_SCRIPTS = {
  'chart-packages': ['vega', 'vega-lite'],
  'yaml-package': ['yaml'],
  're2-package': ['re2js'],
  'csv-package': ['csv-stringify/sync'],
};
/** Which script holds each package of PACKAGE_SCRIPTS. */
const SCRIPT_OF_PACKAGE = Object.fromEntries(
  Object.entries(PACKAGE_SCRIPTS).flatMap(([name, packages]) =>
    packages.map((specifier) => [specifier, `${name}.cjs`]),
  ),
);
/** `createRequire(import.meta.url)('<package>')`, as the sources load a package on first use. */
const LAZY_REQUIRE = /createRequire\(import\.meta\.url\)\((['"])([^'"]+)\1\)/g;
/** The earlier bundle's parts, the scripts and caches of an earlier build. */
const OUTDATED = /^main-part-.*\.js$|\.cjs$|\.cache$|^\..*\.tmp$/;

/**
 * Rewrites `import.meta.url` in each source file to the URL of its compiled file in dist/,
 * relative to `base`, an expression for the bundle's own URL. With `packagesFromScripts`, a
 * package of PACKAGE_SCRIPTS loaded through createRequire is asked of main.js instead
 * (`__bundlePackage`), which loads it from its script.
 */
function ownImportMetaUrl(base, packagesFromScripts = false) {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const compiled = path
          .join(root, 'dist', path.relative(source, args.path))
          .replace(/\.ts$/, '.js');
        const relative = path.relative(outdir, compiled).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)}, ${base}).href`;
        let contents = fs.readFileSync(args.path, 'utf8');
        if (packagesFromScripts)
          contents = contents.replace(LAZY_REQUIRE, (call, quote, specifier) =>
            SCRIPT_OF_PACKAGE[specifier] ? `__bundlePackage(${quote}${specifier}${quote})` : call,
          );
        return { contents: contents.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** In the script: a package is bundled when BUNDLED_PACKAGES (or a bundled package) imports it. */
const bundledPackagesOnly = {
  name: 'bundled-packages-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (
        args.path.startsWith('node:') ||
        args.importer.includes(`${path.sep}node_modules${path.sep}`)
      )
        return undefined;
      const name = args.path.split('/')[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * yargs' platform shim for ES modules, made to work inside the script. It finds its locale
 * files from its own import.meta.url: that becomes the URL the file has in node_modules. It
 * loads cliui and string-width (an Intl.Segmenter made at load, some 10 ms of CPU) only to
 * print help: those are loaded on the first call. It checks its own state with node:assert's
 * strictEqual and notStrictEqual on every parse (3 ms to load node:assert): those pass unless
 * yargs is misused, so node:assert is loaded only for a check that fails, to throw its error.
 * yargs-parser and yargs' `extends` use import.meta only for configuration files, which this
 * program never gives them.
 */
const yargsInScript = {
  name: 'yargs-in-script',
  setup(build) {
    build.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      // The shim's own URL, found once. Where the build found the shim, relative to the
      // script, is where require.resolve finds it whenever it is there (the script's folders,
      // dist/cli and dist, hold no node_modules), and its real path is require.resolve's
      // answer; that costs a few file-system calls where resolving cost 1.6-2.4 ms at every
      // start. Where it is not (a package manager put yargs elsewhere), it is resolved.
      const builtPath = path.relative(outdir, args.path).split(path.sep).join('/');
      const ownUrl = [
        '(() => {',
        "  const { fileURLToPath: toPath, pathToFileURL } = __bundleRequire('node:url');",
        '  try {',
        `    const built = toPath(new URL(${JSON.stringify(builtPath)}, __bundleUrl));`,
        "    return pathToFileURL(__bundleRequire('node:fs').realpathSync(built)).href;",
        '  } catch {',
        "    const nodePath = __bundleRequire('node:path');",
        "    const yargsFolder = nodePath.dirname(__bundleRequire.resolve('yargs/package.json'));",
        "    return pathToFileURL(nodePath.join(yargsFolder, 'lib', 'platform-shims', 'esm.mjs')).href;",
        '  }',
        '})()',
      ].join('\n');
      const contents = replaceEach(fs.readFileSync(args.path, 'utf8'), args.path, [
        [
          "import { notStrictEqual, strictEqual } from 'assert'",
          "const notStrictEqual = (...a) => { if (Object.is(a[0], a[1])) __bundleRequire('node:assert').notStrictEqual(...a); };\n" +
            "const strictEqual = (...a) => { if (!Object.is(a[0], a[1])) __bundleRequire('node:assert').strictEqual(...a); };",
        ],
        ["import cliui from 'cliui'", "const cliui = (...a) => require('cliui').default(...a)"],
        [
          "import stringWidth from 'string-width';",
          "const stringWidth = (...a) => require('string-width').default(...a);",
        ],
        [
          'const __dirname = fileURLToPath(import.meta.url);',
          `const ownUrl = ${ownUrl};\nconst __dirname = fileURLToPath(ownUrl);`,
        ],
        [
          'const require = createRequire(import.meta.url);',
          'const shimRequire = createRequire(ownUrl);',
        ],
        ['  require,\n', '  require: shimRequire,\n'],
      ]);
      return { contents, loader: 'js' };
    });
    build.onLoad(
      {
        filter:
          /[\\/]yargs-parser[\\/]build[\\/]lib[\\/]index\.js$|[\\/]yargs[\\/]build[\\/]lib[\\/]utils[\\/]apply-extends\.js$/,
      },
      (args) => ({
        contents: fs.readFileSync(args.path, 'utf8').replaceAll('import.meta.url', '__bundleUrl'),
        loader: 'js',
      }),
    );
  },
};

/**
 * simple-statistics from its source modules (index.js, its package's `source`), each marked
 * free of side effects, so that the script holds only the functions the sources import. Its
 * built file, dist/simple-statistics.mjs, is every module in one with top-level statements
 * esbuild must keep: a table of the normal distribution computed at load (310 values, 30 terms
 * each) and two classifiers' prototypes, 2-3 ms of CPU at every start for nothing we call.
 */
const simpleStatisticsFromSource = {
  name: 'simple-statistics-from-source',
  setup(build) {
    const packageRoot = path.dirname(
      createRequire(import.meta.url).resolve('simple-statistics/package.json'),
    );
    build.onResolve({ filter: /^simple-statistics$/ }, () => ({
      path: path.join(packageRoot, 'index.js'),
      sideEffects: false,
    }));
    build.onResolve({ filter: /^\./ }, (args) =>
      args.importer.startsWith(`${packageRoot}${path.sep}`)
        ? { path: path.join(args.resolveDir, args.path), sideEffects: false }
        : undefined,
    );
  },
};

/** `text` with each [from, to] replaced once; a `from` not found fails the build (yargs changed). */
function replaceEach(text, file, replacements) {
  let result = text;
  for (const [from, to] of replacements) {
    if (!result.includes(from))
      throw new Error(`${file}: expected to find ${JSON.stringify(from)}`);
    result = result.replace(from, to);
  }
  if (result.includes('import.meta')) throw new Error(`${file}: import.meta left in it`);
  return result;
}

/**
 * The text of the script made of `entry` (a source file) and all it loads, with packages as
 * BUNDLED_PACKAGES says.
 */
async function scriptOf(entry, outfile) {
  const script = await esbuild.build({
    entryPoints: [path.join(source, entry)],
    outfile: path.join(outdir, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // No keepNames: it wraps every function made at run time (the closures of hot code too) in
    // a call that names it, which cost about 1 us a seed of a check. Messages name no function
    // (errors set their own names); only a stack trace may show one renamed, e.g. seed2.
    write: false,
    logLevel: 'warning',
    plugins: [
      ownImportMetaUrl('__bundleUrl', true),
      simpleStatisticsFromSource,
      bundledPackagesOnly,
      yargsInScript,
    ],
  });
  // import() inside a vm.Script needs --experimental-vm-modules in Node 20: the script's (only
  // of packages) go through the function main.js hands it.
  const code = script.outputFiles[0].text.replace(DYNAMIC_IMPORT, '__bundleImport(');
  if (OTHER_IMPORT.test(code))
    throw new Error(
      `${outfile} has an import() of a computed name: ${code.match(/.{0,80}(?<![\w$.{])import\(.{0,80}/)?.[0]}`,
    );
  return code;
}
/**
 * `code` when it is all ASCII. esbuild escapes other characters everywhere but in regular
 * expressions, and one such character makes Node decode the whole script (1.5 MB) as UTF-8
 * into a two-byte string: about 6 ms of CPU at every start instead of 1.5. Escape it in the
 * source (\u00b5) instead.
 */
function asciiOnly(code, outfile) {
  const found = /[^\x00-\x7f]/.exec(code);
  if (found)
    throw new Error(
      `${outfile}: a non-ASCII character: ${JSON.stringify(code.slice(Math.max(0, found.index - 60), found.index + 20))}`,
    );
  return code;
}
const DYNAMIC_IMPORT = /\bimport\((?="[^"]+"\))/g;
// `{import(...)}` is a type in a package's JSDoc comment, which esbuild keeps.
const OTHER_IMPORT = /(?<![\w$.{])import\(/;

const scriptCode = asciiOnly(
  await scriptOf(path.join('cli', 'launch.ts'), `${SCRIPT_NAME}.cjs`),
  `${SCRIPT_NAME}.cjs`,
);
// The worker threads' code: worker-main.js runs it as main.js runs the main script.
const workerScriptCode = asciiOnly(
  await scriptOf(path.join('runner', 'worker-thread.ts'), `${WORKER_SCRIPT_NAME}.cjs`),
  `${WORKER_SCRIPT_NAME}.cjs`,
);

/**
 * vega-canvas, which vega loads, tries the optional `canvas` package with a top-level await,
 * which a script cannot have; require() tries it the same way (it is not installed here, and
 * where it is, both give the package's Canvas).
 */
const canvasByRequire = {
  name: 'canvas-by-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]vega-canvas[\\/]build[\\/]vega-canvas\.node\.js$/ }, (args) => ({
      contents: replaceEach(fs.readFileSync(args.path, 'utf8'), args.path, [
        ["NodeCanvas = await import('canvas');", "NodeCanvas = require('canvas');"],
      ]),
      loader: 'js',
    }));
  },
};

const packageCodes = {};
for (const [name, packages] of Object.entries(PACKAGE_SCRIPTS)) {
  const requires = packages.map(
    (specifier) => `${JSON.stringify(specifier)}: require(${JSON.stringify(specifier)})`,
  );
  const built = await esbuild.build({
    stdin: {
      contents: `module.exports = { ${requires.join(', ')} };\n`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['canvas'],
    write: false,
    logLevel: 'warning',
    plugins: [canvasByRequire],
  });
  packageCodes[name] = built.outputFiles[0].text;
  if (OTHER_IMPORT.test(packageCodes[name]) || /import\.meta/.test(packageCodes[name]))
    throw new Error(`${packages.join(', ')}: ES modules the script cannot hold`);
}

const buildId = crypto
  .createHash('sha256')
  .update(scriptCode)
  .update(workerScriptCode)
  .update(JSON.stringify(packageCodes))
  .digest('hex')
  .slice(0, 32);
/** The function script-bundle.ts calls; strict, as the ES modules it is made of were. */
const asScript = (code) => `${SCRIPT_HEADER}${buildId}
(function (exports, require, module, __filename, __dirname, __bundleUrl, __bundleRequire, __bundleImport, __bundlePackage) {
"use strict";
${code}
})`;

const entry = await esbuild.build({
  entryPoints: [
    { in: path.join(source, 'cli', 'main.ts'), out: 'main' },
    { in: path.join(source, 'cli', 'worker-main.ts'), out: 'worker-main' },
  ],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  define: {
    TEKTON_SIM_SCRIPT_BUNDLE_ID: JSON.stringify(buildId),
    TEKTON_SIM_PACKAGE_SCRIPTS: JSON.stringify(SCRIPT_OF_PACKAGE),
  },
  write: false,
  logLevel: 'warning',
  plugins: [
    {
      name: 'code-from-tsc-output',
      setup(build) {
        // What each entry runs when its script is missing: tsc's modules, not bundled.
        build.onResolve({ filter: /^(\.\/launch|\.\.\/runner\/worker-thread)\.js$/ }, (args) => ({
          path: args.path,
          external: true,
        }));
      },
    },
    ownImportMetaUrl('import.meta.url'),
  ],
});

for (const name of fs.readdirSync(outdir))
  if (OUTDATED.test(name)) fs.rmSync(path.join(outdir, name));
fs.writeFileSync(path.join(outdir, `${SCRIPT_NAME}.cjs`), asScript(scriptCode));
fs.writeFileSync(path.join(outdir, `${WORKER_SCRIPT_NAME}.cjs`), asScript(workerScriptCode));
for (const [name, code] of Object.entries(packageCodes))
  fs.writeFileSync(path.join(outdir, `${name}.cjs`), asScript(code));
for (const file of entry.outputFiles) fs.writeFileSync(file.path, file.contents);
// The shebang line of src/cli/main.ts is kept by esbuild; the file stays executable.
const executable = path.join(outdir, 'main.js');
fs.chmodSync(executable, 0o755);

// One run under each set of V8 flags writes its code cache, and a report the charts'; output is
// not wanted, failure is.
const reportFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-build-'));
try {
  for (const args of [
    // Two workers: the worker thread writes the worker script's cache.
    ['check', 'scenarios/tep-0046-hello-world.scenario.yaml', '--seeds', '200', '--workers', '2'],
    ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml', '-o', 'yaml'],
    [
      'report',
      'scenarios/tep-0046-hello-world.scenario.yaml',
      '--seeds',
      '20',
      '--workers',
      '2',
      '--format',
      'html',
      '--out',
      path.join(reportFolder, 'report'),
    ],
  ]) {
    const run = spawnSync(process.execPath, [executable, ...args], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1)
      throw new Error(`tekton-sim ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  }
} finally {
  fs.rmSync(reportFolder, { recursive: true, force: true });
}
