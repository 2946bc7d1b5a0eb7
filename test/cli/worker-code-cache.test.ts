// A worker thread's code cache (src/cli/script-loader.ts, as src/cli/worker-main.ts uses it):
// in a thread, whatever state the cache file is in, the script runs with the same result; a
// cache that was not used is written anew, whole, even by two threads of one process at once;
// and a cache another thread wrote is used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SCRIPT_HEADER } from '../../src/cli/script-bundle.js';
import type { ScriptBuild } from '../../src/cli/script-loader.js';
import { bundledWorkerUrl } from '../../src/runner/source-worker.js';

const BUILD = 'build-1';

/** A folder holding a worker script as scripts/bundle-cli.mjs writes one. */
function writeScript(body = 'exports.answer = () => 6 * 7;'): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-code-cache-'));
  fs.writeFileSync(
    path.join(folder, 'worker-script.cjs'),
    `${SCRIPT_HEADER}${BUILD}
(function (exports, require, module, __filename, __dirname, __bundleUrl, __bundleRequire, __bundleImport, __bundlePackage) {
"use strict";
${body}
})`,
  );
  return folder;
}

interface Outcome {
  state?: string;
  answer?: number;
}

/** Starts the fixture thread on `folder`'s script; resolves with what it loaded. */
async function startThread(folder: string, v8Flags = '') {
  const build: ScriptBuild = {
    buildId: BUILD,
    scriptOfPackage: {},
    v8Flags,
    entryUrl: pathToFileURL(path.join(folder, 'worker-main.js')).href,
  };
  const url = await bundledWorkerUrl(
    new URL('../fixtures/script-loader/cache-worker.ts', import.meta.url),
  );
  const thread = new Worker(url, { workerData: build });
  const outcome = await new Promise<Outcome>((resolve, reject) => {
    thread.once('message', resolve);
    thread.on('error', reject);
  });
  /** Has the thread write its cache (when it did not use it), then ends it. */
  const save = async () => {
    const saved = new Promise((resolve) => thread.once('message', resolve));
    thread.postMessage('save');
    await saved;
    await thread.terminate();
  };
  return { outcome, save };
}

/** Runs the fixture thread on `folder`'s script to its end; what it loaded. */
async function runThread(folder: string, v8Flags = ''): Promise<Outcome> {
  const { outcome, save } = await startThread(folder, v8Flags);
  await save();
  return outcome;
}

const cachesIn = (folder: string) =>
  fs.readdirSync(folder).filter((name) => name !== 'worker-script.cjs');

test('cli: worker code cache: two threads without one both run and write one whole cache, which the next thread uses', async () => {
  const folder = writeScript();
  const both = await Promise.all([startThread(folder), startThread(folder)]);
  assert.equal(
    both.map(({ outcome }) => outcome),
    [
      { state: 'missing', answer: 42 },
      { state: 'missing', answer: 42 },
    ],
  );
  await Promise.all(both.map(({ save }) => save()));
  assert.is(cachesIn(folder).length, 1, 'one cache file, no temporary file left behind');
  assert.equal(await runThread(folder), { state: 'accepted', answer: 42 });
});

test('cli: worker code cache: a damaged cache, or one V8 refuses, is compiled past and written anew', async () => {
  const folder = writeScript();
  await runThread(folder);
  const [name] = cachesIn(folder);
  const cachePath = path.join(folder, name);
  const good = fs.readFileSync(cachePath);
  const damaged = Buffer.from(good);
  for (let at = Math.floor(damaged.length / 2); at < damaged.length; at++) damaged[at] ^= 0x5a;
  fs.writeFileSync(cachePath, damaged);
  assert.equal(await runThread(folder), { state: 'stale', answer: 42 });
  assert.equal(await runThread(folder), { state: 'accepted', answer: 42 });

  // A whole cache of this build made for another source: V8 itself refuses it.
  const other = writeScript('exports.answer = () => 6 * 7 + 0;');
  await runThread(other);
  fs.copyFileSync(path.join(other, cachesIn(other)[0]), cachePath);
  assert.equal(await runThread(folder), { state: 'rejected', answer: 42 });
  assert.equal(await runThread(folder), { state: 'accepted', answer: 42 });
});

test("cli: worker code cache: a thread uses the cache of the main thread's V8 flags, not another set's", async () => {
  const folder = writeScript();
  await runThread(folder, '');
  assert.equal(await runThread(folder, '--interrupt-budget=524288'), {
    state: 'missing',
    answer: 42,
  });
  assert.is(cachesIn(folder).length, 2);
  assert.equal(await runThread(folder, ''), { state: 'accepted', answer: 42 });
});

test.run();
