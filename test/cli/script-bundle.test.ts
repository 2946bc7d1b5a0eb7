// The executable's script bundle and its code cache (src/cli/script-bundle.ts), on a small
// script made here: whatever state the cache file is in, the script runs with the same result,
// and a cache that was not used is written anew for the next run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cacheData,
  cacheFileBytes,
  cacheFileName,
  loadScriptBundle,
  MAX_CACHE_FILES,
  SCRIPT_HEADER,
} from '../../src/cli/script-bundle.js';

interface Exports {
  answer(): number;
  bundleUrl: string;
  load(specifier: string): Promise<unknown>;
}

const BUILD = 'build-1';

/** A script bundle as scripts/bundle-cli.mjs writes one, and the cache path beside it. */
function writeScript(build = BUILD, body = 'exports.answer = () => 6 * 7;'): [string, string] {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'script-bundle-'));
  const scriptPath = path.join(folder, 'main-script.cjs');
  fs.writeFileSync(
    scriptPath,
    `${SCRIPT_HEADER}${build}
(function (exports, require, module, __filename, __dirname, __bundleUrl, __bundleRequire, __bundleImport) {
"use strict";
${body}
exports.bundleUrl = __bundleUrl;
exports.load = (specifier) => __bundleImport(specifier);
})`,
  );
  return [scriptPath, cacheFileName(scriptPath, '')];
}

function load(scriptPath: string, cachePath: string, build = BUILD) {
  const loaded = loadScriptBundle<Exports>(scriptPath, cachePath, build);
  if (loaded === undefined) throw new Error('the script was not loaded');
  return loaded;
}

test('cli: script bundle: no cache runs the script and writes one, which the next run uses', () => {
  const [scriptPath, cachePath] = writeScript();
  const first = load(scriptPath, cachePath);
  assert.is(first.cacheState, 'missing');
  assert.is(first.exports.answer(), 42);
  assert.is(first.exports.bundleUrl, `file://${scriptPath}`);
  first.saveCache();
  assert.ok(fs.existsSync(cachePath));
  const second = load(scriptPath, cachePath);
  assert.is(second.cacheState, 'accepted');
  assert.is(second.exports.answer(), 42);
  // A cache that was used is left as it is.
  const before = fs.readFileSync(cachePath);
  second.saveCache();
  assert.equal(fs.readFileSync(cachePath), before);
});

test("cli: script bundle: another build's cache, a damaged or cut one, is not given to V8", () => {
  const [scriptPath, cachePath] = writeScript();
  const made = load(scriptPath, cachePath);
  made.saveCache();
  const good = fs.readFileSync(cachePath);
  const flipped = Buffer.from(good);
  // V8 checks no checksum of its own: these bytes would crash the process if it read them.
  for (let at = Math.floor(flipped.length / 2); at < flipped.length; at++) flipped[at] ^= 0x5a;
  const otherBuild = cacheFileBytes(cacheData(good, BUILD) as Buffer, 'build-0');
  for (const bytes of [flipped, good.subarray(0, good.length - 10), otherBuild, Buffer.alloc(0)]) {
    fs.writeFileSync(cachePath, bytes);
    const loaded = load(scriptPath, cachePath);
    assert.is(loaded.cacheState, 'stale');
    assert.is(loaded.exports.answer(), 42);
    loaded.saveCache();
    assert.is(load(scriptPath, cachePath).cacheState, 'accepted');
  }
});

test('cli: script bundle: a whole cache V8 refuses (made for another source) is compiled past', () => {
  const [otherScript, otherCache] = writeScript(BUILD, 'exports.answer = () => 6 * 7 + 0;');
  load(otherScript, otherCache).saveCache();
  const [scriptPath, cachePath] = writeScript();
  fs.copyFileSync(otherCache, cachePath);
  const loaded = load(scriptPath, cachePath);
  assert.is(loaded.cacheState, 'rejected');
  assert.is(loaded.exports.answer(), 42);
  loaded.saveCache();
  assert.is(load(scriptPath, cachePath).cacheState, 'accepted');
});

test('cli: script bundle: a script missing or of another build is not run', () => {
  const [scriptPath, cachePath] = writeScript('build-2');
  assert.is(loadScriptBundle(scriptPath, cachePath, BUILD), undefined);
  assert.is(loadScriptBundle(`${scriptPath}.missing`, cachePath, BUILD), undefined);
});

test("cli: script bundle: the script's import() loads a package, or asks the caller's function", async () => {
  const [scriptPath, cachePath] = writeScript();
  const loaded = load(scriptPath, cachePath);
  const imported = (await loaded.exports.load('node:path')) as { join?: unknown };
  assert.type(imported.join, 'function');
  const asked: string[] = [];
  const importPackage = async (specifier: string) => {
    asked.push(specifier);
    return { specifier };
  };
  const routed = loadScriptBundle<Exports>(scriptPath, cachePath, BUILD, importPackage);
  assert.equal(await routed?.exports.load('vega'), { specifier: 'vega' });
  assert.equal(asked, ['vega']);
});

test('cli: script bundle: each set of V8 flags has its own cache file', () => {
  const scriptPath = path.join(os.tmpdir(), 'main-script.cjs');
  const plain = cacheFileName(scriptPath, '');
  const budget = cacheFileName(scriptPath, '--interrupt-budget=524288');
  assert.is.not(plain, budget);
  assert.is(path.dirname(plain), os.tmpdir());
  assert.match(path.basename(plain), /^main-script\.[0-9a-f]{16}\.cache$/);
  assert.is(cacheFileName(scriptPath, ''), plain);
});

test('cli: script bundle: writing a cache leaves the newest few beside the script, not one per run', () => {
  const [scriptPath, cachePath] = writeScript();
  const folder = path.dirname(scriptPath);
  const older = Array.from({ length: MAX_CACHE_FILES + 1 }, (_, index) => {
    const name = `main-script.old${index}.cache`;
    fs.writeFileSync(path.join(folder, name), 'x');
    fs.utimesSync(path.join(folder, name), 1_000_000 + index, 1_000_000 + index);
    return name;
  });
  load(scriptPath, cachePath).saveCache();
  const kept = fs.readdirSync(folder).filter((name) => name.endsWith('.cache'));
  assert.equal(kept.sort(), [path.basename(cachePath), ...older.slice(2)].sort());
});

test.run();
