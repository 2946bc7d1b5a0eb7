// The test runner's compile step (scripts/test-build.mjs): the tests run what the sources say
// now. A changed source is compiled again, a removed one leaves no compiled file behind, a
// file keeps its own import.meta.url, and a file that does not compile fails with its position.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRootOf, buildTests, compiledPath } from '../../scripts/test-build.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A project of its own in a temporary folder, borrowing this one's packages (esbuild). */
function scratchProject() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'test-build-'));
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "scratch", "type": "module" }\n');
  fs.copyFileSync(path.join(projectRoot, 'tsconfig.json'), path.join(root, 'tsconfig.json'));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  fs.mkdirSync(path.join(root, 'src'));
  return { root, buildRoot: path.join(root, 'build') };
}

/** Writes a source with a modification time `ageMs` in the past (0: now). */
function writeSource(file: string, text: string, ageMs = 0) {
  fs.writeFileSync(file, text);
  const time = new Date(Date.now() - ageMs);
  fs.utimesSync(file, time, time);
}

test('test build: a changed source is compiled again, a removed one is removed', async () => {
  const { root, buildRoot } = scratchProject();
  const source = path.join(root, 'src', 'value.ts');
  const compiled = compiledPath(root, source, buildRoot);
  writeSource(
    source,
    'export const value: number = 1;\nexport const url: string = import.meta.url;\n',
    60_000,
  );
  assert.is(await buildTests(root, buildRoot), 1);
  const first = await import(`${pathToFileURL(compiled).href}?1`);
  assert.is(first.value, 1);
  assert.is(first.url, pathToFileURL(source).href, "compiled with others: the source's URL");
  assert.is(await buildTests(root, buildRoot), 0, 'nothing changed, nothing compiled');
  writeSource(source, 'export const value: number = 2;\n');
  assert.is(await buildTests(root, buildRoot), 1);
  assert.is((await import(`${pathToFileURL(compiled).href}?2`)).value, 2);
  fs.rmSync(source);
  await buildTests(root, buildRoot);
  assert.not.ok(fs.existsSync(compiled));
  fs.rmSync(root, { recursive: true, force: true });
});

test("test build: a file keeps its source's import.meta.url; one that does not compile throws its position", async () => {
  const { root, buildRoot } = scratchProject();
  const here = path.join(root, 'src', 'here.ts');
  writeSource(here, 'export const url: string = import.meta.url;\n');
  const broken = path.join(root, 'src', 'broken.ts');
  writeSource(broken, 'export const x = ;\n');
  await buildTests(root, buildRoot);
  const { url } = await import(pathToFileURL(compiledPath(root, here, buildRoot)).href);
  assert.is(url, pathToFileURL(here).href);
  try {
    await import(pathToFileURL(compiledPath(root, broken, buildRoot)).href);
    assert.unreachable('a file that does not compile must not load');
  } catch (error) {
    assert.instance(error, SyntaxError);
    assert.match((error as Error).message, `${broken}:1:18: Unexpected ";"`);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

test("test build: a compiled folder reached through a link still gives each file its source's URL", async () => {
  const { root } = scratchProject();
  // A checkout whose node_modules links to another's: the real folder's path is longer.
  const real = path.join(root, 'another-checkout-with-a-longer-name');
  fs.mkdirSync(real);
  fs.symlinkSync(real, path.join(root, 'linked'));
  const buildRoot = path.join(root, 'linked', 'build');
  const source = path.join(root, 'src', 'linked.ts');
  writeSource(source, 'export const url: string = import.meta.url;\n');
  await buildTests(root, buildRoot);
  const compiled = compiledPath(root, source, buildRoot);
  assert.is((await import(pathToFileURL(compiled).href)).url, pathToFileURL(source).href);
  fs.rmSync(root, { recursive: true, force: true });
});

test("test build: two checkouts sharing one compiled folder never run each other's files", async () => {
  // Two checkouts whose node_modules is one folder (a link) share the compiled tree. The same
  // source path holds different code in each; the second checkout's source is older than the
  // file the first one compiled, so by modification time alone it would look up to date.
  const first = scratchProject();
  const second = scratchProject();
  const sharedBuildRoot = first.buildRoot;
  const firstSource = path.join(first.root, 'src', 'value.ts');
  const secondSource = path.join(second.root, 'src', 'value.ts');
  writeSource(secondSource, "export const value: string = 'second';\n", 60_000);
  writeSource(firstSource, "export const value: string = 'first';\n");
  assert.is(await buildTests(first.root, sharedBuildRoot), 1);
  assert.is(await buildTests(second.root, sharedBuildRoot), 1, 'the second checkout compiles');
  const compiled = compiledPath(second.root, secondSource, sharedBuildRoot);
  assert.is((await import(`${pathToFileURL(compiled).href}?second`)).value, 'second');
  assert.is(await buildTests(first.root, sharedBuildRoot), 1, 'and the first one again');
  assert.is((await import(`${pathToFileURL(compiled).href}?first`)).value, 'first');
  for (const { root } of [first, second]) fs.rmSync(root, { recursive: true, force: true });
});

test('test build: checkouts linking one node_modules compile into folders of their own', async () => {
  // Two test runs at once in two such checkouts (git worktrees) once compiled into one folder,
  // each wiping the other's files mid-run; and Node gives a compiled file's real path, which a
  // build folder named through the link did not start with, so its source's URL was wrong.
  const first = scratchProject();
  const second = scratchProject();
  const realModules = fs.realpathSync(path.join(projectRoot, 'node_modules'));
  const firstBuildRoot = buildRootOf(first.root);
  const secondBuildRoot = buildRootOf(second.root);
  assert.ok(firstBuildRoot.startsWith(`${realModules}${path.sep}`), firstBuildRoot);
  assert.is.not(firstBuildRoot, secondBuildRoot);
  assert.is(buildRootOf(first.root), firstBuildRoot, 'the same checkout, the same folder');
  const source = path.join(second.root, 'src', 'here.ts');
  writeSource(source, 'export const url: string = import.meta.url;\n');
  try {
    await buildTests(second.root);
    const { url } = await import(pathToFileURL(compiledPath(second.root, source)).href);
    assert.is(url, pathToFileURL(source).href);
  } finally {
    for (const { root } of [first, second]) fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(secondBuildRoot, { recursive: true, force: true });
  }
});

test('test build: the compiled folders of checkouts that are gone are removed, others kept', async () => {
  const { root } = scratchProject();
  const other = scratchProject();
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'test-build-cache-'));
  const folder = (name: string, checkout?: string) => {
    fs.mkdirSync(path.join(cache, name));
    if (checkout) fs.writeFileSync(path.join(cache, name, '.checkout'), `${checkout}\n`);
    return path.join(cache, name);
  };
  try {
    const gone = folder('tests-gone', path.join(cache, 'removed-worktree'));
    const kept = folder('tests-kept', other.root);
    const unrecorded = folder('tests-unrecorded');
    const legacy = folder('tests');
    writeSource(path.join(root, 'src', 'value.ts'), 'export const value = 1;\n');
    await buildTests(root, path.join(cache, 'tests-mine'));
    assert.not.ok(fs.existsSync(gone), "a removed checkout's folder");
    assert.not.ok(fs.existsSync(legacy), 'the folder of the old layout');
    assert.ok(fs.existsSync(kept), 'a checkout that still exists');
    assert.ok(fs.existsSync(unrecorded), 'a folder whose run has not recorded its checkout');
    assert.is(
      fs.readFileSync(path.join(cache, 'tests-mine', '.checkout'), 'utf8'),
      `${path.resolve(root)}\n`,
    );
  } finally {
    for (const folder of [root, other.root, cache])
      fs.rmSync(folder, { recursive: true, force: true });
  }
});

test.run();
