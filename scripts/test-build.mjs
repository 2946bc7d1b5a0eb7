// Compiles the TypeScript the tests run (src/, bench/, test/) to plain JavaScript once, before
// the test processes start, instead of loading it under tsx in each of them. tsx transpiles
// every module again in each process, answers every import through its loader thread and
// wraps each function it defines in a naming call (keepNames), which inside the simulator's
// loops cost more than a second of the suite; the compiled files load as the built package
// does. The files are compiled file by file (no bundling) with esbuild (the compiler tsx runs
// on), in one call for all of them, so esbuild's threads share the work and nothing crosses
// between Node and esbuild per file (a call per file cost about 0.4 s more CPU from scratch).
// Each compiled file keeps its source's own import.meta.url, so fixtures and files found
// beside a module are read from the sources, and has an inline source map, so a failure
// points at the .ts line.
//
// Files are compiled again only when their source is newer; the folder is wiped when the
// compiler, its options, this script or the project's folder change. It lives under
// node_modules, so the compiled files import the project's packages as the sources do.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folders whose .ts files the tests import, relative to the project. */
export const COMPILED_FOLDERS = ['src', 'bench', 'test'];
/** Plain modules the tests import from here; copied beside the compiled files. */
const COPIED_FOLDER = 'scripts';

/**
 * Where the compiled tree of the project at `root` lives: a folder of its own under the real
 * node_modules, named after the project's folder. Checkouts that share one node_modules (git
 * worktrees with a link to it) then never compile into each other's folder while the other's
 * tests run, and each compiled file's own URL (Node gives the real path) starts with it.
 */
export function buildRootOf(root) {
  const modules = path.join(root, 'node_modules');
  const realModules = fs.existsSync(modules) ? fs.realpathSync(modules) : modules;
  const key = crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 12);
  return path.join(realModules, '.cache', 'tekton-sim', `tests-${key}`);
}

/** In each compiled folder: the checkout it was compiled from. */
const CHECKOUT_FILE = '.checkout';

/**
 * Removes the compiled folders, beside this checkout's, of checkouts that no longer exist (a
 * git worktree removed after its tests ran), and the folder of the layout before there was
 * one per checkout: they would otherwise stay under node_modules for good.
 */
function removeFoldersOfGoneCheckouts(cacheFolder) {
  for (const entry of fs.readdirSync(cacheFolder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(cacheFolder, entry.name);
    if (entry.name === 'tests') {
      fs.rmSync(folder, { recursive: true, force: true });
      continue;
    }
    if (!entry.name.startsWith('tests-')) continue;
    let checkout;
    try {
      checkout = fs.readFileSync(path.join(folder, CHECKOUT_FILE), 'utf8').trim();
    } catch {
      continue; // being written by a run that has not recorded its checkout yet
    }
    if (!fs.existsSync(path.join(checkout, 'package.json')))
      fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The compiled file for a source file of the project (a .ts file becomes .js). */
export function compiledPath(root, sourceFile, buildRoot = buildRootOf(root)) {
  const relative = path.relative(root, sourceFile).replace(/\.ts$/, '.js');
  return path.join(buildRoot, relative);
}

function listFiles(directory, keep) {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return listFiles(full, keep);
    return keep(entry.name) ? [full] : [];
  });
}

/** Writes through a file of its own and a rename, so two runs at once never read half a file. */
function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

function isFresh(target, source) {
  try {
    return fs.statSync(target).mtimeMs >= fs.statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

/** The name a compiled file reads its source's URL from (see sourceUrlBanner). */
const SOURCE_URL = '__testSourceUrl';

/**
 * The first line of every compiled file: its source's URL, worked out from its own (less any
 * query a test imported it with), since a compiled file sits at the same path under
 * `buildRoot` as its source under `root`, with .js for .ts. One line for all files lets one
 * esbuild call compile them all.
 */
function sourceUrlBanner(root, buildRoot) {
  const rootUrl = pathToFileURL(root + path.sep).href;
  // Node loads a module by its real path: under a node_modules that is a link to another
  // checkout's, import.meta.url names that checkout's folder, whose length is not ours.
  const buildUrl = pathToFileURL(fs.realpathSync(buildRoot) + path.sep).href;
  return `const ${SOURCE_URL} = ${JSON.stringify(rootUrl)} + import.meta.url.slice(${buildUrl.length}).replace(/\\.js([?#].*)?$/, ".ts");`;
}

/**
 * The compiled text of one file, alone; used only when compiling them all at once fails. A
 * file that does not compile becomes a module that throws esbuild's message when loaded, so
 * the test files that import it fail with that message and every other file still runs, as
 * under tsx.
 */
async function compileOne(esbuild, options, file) {
  try {
    const { code } = await esbuild.transform(fs.readFileSync(file, 'utf8'), {
      ...options,
      loader: 'ts',
      sourcefile: file,
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(file).href) },
    });
    return code;
  } catch (error) {
    const messages = (error.errors ?? []).map(({ text, location }) =>
      location ? `${file}:${location.line}:${location.column + 1}: ${text}` : `${file}: ${text}`,
    );
    const message = messages.length ? messages.join('\n') : `${file}: ${error.message}`;
    return `throw new SyntaxError(${JSON.stringify(message)});\n`;
  }
}

/** Compiles `files` in one esbuild call into their places under `buildRoot`. */
async function compileAll(esbuild, options, root, buildRoot, files) {
  const { outputFiles } = await esbuild.build({
    ...options,
    entryPoints: files,
    outbase: root,
    outdir: buildRoot,
    platform: 'node',
    bundle: false,
    loader: { '.ts': 'ts' },
    write: false,
    logLevel: 'silent',
    define: { 'import.meta.url': SOURCE_URL },
    banner: { js: sourceUrlBanner(root, buildRoot) },
  });
  for (const output of outputFiles) writeAtomically(output.path, output.contents);
}

/**
 * Brings the compiled tree of the project at `root` up to date (in `buildRoot`, by default the
 * folder above) and returns how many files were compiled.
 */
export async function buildTests(root, buildRoot = buildRootOf(root)) {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild');
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const options = {
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    // The maps give positions only; a stack trace's line is read from the source beside it.
    // Without the sources' text in them the compiled files are 40% smaller, and Node, which
    // decodes and parses every map as the module loads (--enable-source-maps), spent about
    // 14% fewer instructions importing src/index.js (1.57 -> 1.35 billion; 1.25 without maps).
    sourcesContent: false,
    tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
  };
  const stamp = crypto
    .createHash('sha256')
    // The project's folder too (buildRootOf names the folder after it; a moved checkout must
    // not take compiled files newer than its sources for its own). And this script's own text, which says how files are compiled (the banner, the calls).
    .update(JSON.stringify({ esbuild: esbuild.version, options, node: process.version, root }))
    .update(fs.readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');
  const stampFile = path.join(buildRoot, '.options');
  if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
    fs.rmSync(buildRoot, { recursive: true, force: true });
    writeAtomically(stampFile, stamp);
  }
  writeAtomically(path.join(buildRoot, CHECKOUT_FILE), `${path.resolve(root)}\n`);
  removeFoldersOfGoneCheckouts(path.dirname(buildRoot));
  // Under node_modules the project's own package.json is not looked at: without this one
  // Node would take the compiled files for CommonJS.
  const packageFile = path.join(buildRoot, 'package.json');
  if (!fs.existsSync(packageFile)) writeAtomically(packageFile, '{ "type": "module" }\n');
  // From the sources the package's own name resolves to the project (through its exports map);
  // from here it resolves through this link to the same place.
  const ownName = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name;
  const link = path.join(buildRoot, 'node_modules', ownName);
  if (!fs.existsSync(link)) {
    fs.mkdirSync(path.dirname(link), { recursive: true });
    try {
      fs.symlinkSync(root, link, 'junction');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
  }

  const sources = COMPILED_FOLDERS.flatMap((folder) =>
    listFiles(path.join(root, folder), (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')),
  );
  const copied = listFiles(path.join(root, COPIED_FOLDER), (name) => name.endsWith('.mjs'));
  const wanted = new Set(
    [...sources, ...copied].map((file) => compiledPath(root, file, buildRoot)),
  );
  // A compiled file whose source is gone must not answer an import the source no longer has.
  for (const file of listFiles(buildRoot, (name) => /\.m?js$/.test(name)))
    if (!wanted.has(file)) fs.rmSync(file, { force: true });

  for (const file of copied) {
    const target = compiledPath(root, file, buildRoot);
    if (!isFresh(target, file)) writeAtomically(target, fs.readFileSync(file));
  }
  const stale = sources.filter((file) => !isFresh(compiledPath(root, file, buildRoot), file));
  if (stale.length === 0) return 0;
  try {
    await compileAll(esbuild, options, root, buildRoot, stale);
  } catch {
    // A file that does not compile fails the call for all; each is then compiled alone, so
    // that file alone throws its message.
    await Promise.all(
      stale.map(async (file) => {
        writeAtomically(
          compiledPath(root, file, buildRoot),
          await compileOne(esbuild, options, file),
        );
      }),
    );
  }
  return stale.length;
}
