// The worker bundle built from the sources (tests, development) is kept between processes: a
// process whose sources are unchanged loads the bundle an earlier one built, and a changed
// source makes the next process build it again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keptOrBuiltBundle } from '../../src/runner/source-worker.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Writes a source with a modification time `ageMs` in the past. */
function writeSource(file: string, text: string, ageMs: number) {
  fs.writeFileSync(file, text);
  const time = new Date(Date.now() - ageMs);
  fs.utimesSync(file, time, time);
}

test('runner: source worker: an unchanged bundle is loaded again, a changed source builds it again', async () => {
  // A project of its own in a temporary folder, borrowing this one's packages (esbuild).
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'source-worker-'));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  const entry = path.join(root, 'entry.ts');
  const part = path.join(root, 'part.ts');
  writeSource(entry, "export { value } from './part.js';\n", 60_000);
  writeSource(part, 'export const value: number = 1;\n', 60_000);
  const first = await keptOrBuiltBundle(pathToFileURL(entry));
  const builtMs = fs.statSync(first).mtimeMs;
  assert.is((await import(`${first.href}?1`)).value, 1);

  const again = await keptOrBuiltBundle(pathToFileURL(entry));
  assert.is(again.href, first.href);
  assert.is(fs.statSync(again).mtimeMs, builtMs, 'kept, not built again');

  // A file the entry imports (not the entry itself) changes.
  writeSource(part, 'export const value: number = 2;\n', 0);
  const rebuilt = await keptOrBuiltBundle(pathToFileURL(entry));
  assert.ok(fs.statSync(rebuilt).mtimeMs > builtMs, 'built again');
  assert.is((await import(`${rebuilt.href}?2`)).value, 2);

  fs.rmSync(rebuilt, { force: true });
  fs.rmSync(root, { recursive: true, force: true });
});

test.run();
