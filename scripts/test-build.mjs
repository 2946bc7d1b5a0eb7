// Compiles the TypeScript the tests run (src/, bench/, test/) to plain JavaScript once, before
// the test processes start, instead of loading it under tsx in each of them. tsx transpiles
// every module again in each process, answers every import through its loader thread and
// wraps each function it defines in a naming call (keepNames), which inside the simulator's
// loops cost more than a second of the suite; the compiled files load as the built package
// does. Each file is compiled by itself with esbuild (the compiler tsx runs on), keeping its
// source's own import.meta.url, so fixtures and files found beside a module are read from the
// sources, and with an inline source map, so a failure points at the .ts line.
//
// Files are compiled again only when their source is newer; the folder is wiped when the
// compiler, its options or the project's folder change. It lives under node_modules, so the compiled files import
// the project's packages as the sources do.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folders whose .ts files the tests import, relative to the project. */
export const COMPILED_FOLDERS = ['src', 'bench', 'test'];
/** Plain modules the tests import from here; copied beside the compiled files. */
const COPIED_FOLDER = 'scripts';

/** Where the compiled tree of the project at `root` lives. */
export function buildRootOf(root) {
  return path.join(root, 'node_modules', '.cache', 'tekton-sim', 'tests');
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

/**
 * The compiled text of one file. A file that does not compile becomes a module that throws
 * esbuild's message when loaded, so the test files that import it fail with that message and
 * every other file still runs, as under tsx.
 */
async function compileOne(esbuild, options, file) {
  try {
    const { code } = await esbuild.transform(fs.readFileSync(file, 'utf8'), {
      ...options,
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

/**
 * Brings the compiled tree of the project at `root` up to date (in `buildRoot`, by default the
 * folder above) and returns how many files were compiled.
 */
export async function buildTests(root, buildRoot = buildRootOf(root)) {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild');
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const options = {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
  };
  const stamp = crypto
    .createHash('sha256')
    // The project's folder too: a checkout whose node_modules is a link to another's shares
    // this folder, and must not take the other's compiled files (newer than its own sources)
    // for its own. Each checkout then compiles afresh when it runs after the other.
    .update(JSON.stringify({ esbuild: esbuild.version, options, node: process.version, root }))
    .digest('hex');
  const stampFile = path.join(buildRoot, '.options');
  if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
    fs.rmSync(buildRoot, { recursive: true, force: true });
    writeAtomically(stampFile, stamp);
  }
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
  await Promise.all(
    stale.map(async (file) => {
      writeAtomically(
        compiledPath(root, file, buildRoot),
        await compileOne(esbuild, options, file),
      );
    }),
  );
  return stale.length;
}
