// The executable's code as one CommonJS script (scripts/bundle-cli.mjs writes it beside
// main.js) compiled with V8's code cache. Node 20 compiles every ES module from its text at each
// start and has no cache for them: loading `check` as modules cost about 0.1 s of CPU in the
// module loader and V8's compiler. A vm.Script can be given the bytecode of an earlier run
// (cachedData), which V8 takes instead of compiling, after checking that its own version, its
// flags and the source's length are those of the run that made it.
//
// The cache is only ever a shortcut: one missing, made for another build, or refused by V8 means
// the script is compiled from its text as before, and the same output follows. Since V8 does
// not check the cache's bytes (a damaged one crashes the process), each file carries a SHA-256
// of its bytes and the build it belongs to, and is used only when both match.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** The first line of a script bundle is this, then the build's id. */
export const SCRIPT_HEADER = '// tekton-sim script bundle ';
/** The first line of a cache file is this, then the build's id, the SHA-256 and the byte count. */
const CACHE_HEADER = 'tekton-sim code cache 1 ';
/** The longest first line a cache file may have. */
const MAX_CACHE_HEADER_BYTES = 256;

/** What became of the code cache: used, none there, another build's or damaged, refused by V8. */
export type CacheState = 'accepted' | 'missing' | 'stale' | 'rejected';

export interface LoadedScript<Exports> {
  exports: Exports;
  cacheState: CacheState;
  /**
   * Writes the code cache of what has run so far, when the one read was not used and the
   * folder is writable. Never throws: a cache that cannot be written is simply not there.
   */
  saveCache(): void;
}

/** What a script's import() calls give: an ES module's namespace, or what stands for one. */
export type ImportPackage = (specifier: string) => Promise<unknown>;

/** Where a script's packages come from; by default Node's import() and require(). */
export interface PackageLoaders {
  /** The script's import() calls (of packages only). */
  importPackage?: ImportPackage;
  /** The packages the sources load on first use through createRequire (scripts/bundle-cli.mjs). */
  requirePackage?: (specifier: string) => unknown;
}

/**
 * Runs the script bundle at `scriptPath` (its exports are returned) with the code cache at
 * `cachePath` when that belongs to it. undefined when the script is missing or of another build
 * than `buildId`: the caller then loads the ES modules. The script's import() calls go to
 * `loaders.importPackage`: in Node 20 a vm.Script's own import() needs --experimental-vm-modules.
 */
export function loadScriptBundle<Exports>(
  scriptPath: string,
  cachePath: string,
  buildId: string,
  loaders: PackageLoaders = {},
): LoadedScript<Exports> | undefined {
  let source: string;
  try {
    source = fs.readFileSync(scriptPath, 'utf8');
  } catch {
    return undefined;
  }
  if (!source.startsWith(`${SCRIPT_HEADER}${buildId}\n`)) return undefined;
  const cached = readCache(cachePath, buildId);
  let script: vm.Script;
  try {
    script = new vm.Script(source, { filename: scriptPath, cachedData: cached.data });
  } catch {
    return undefined;
  }
  const cacheState: CacheState =
    cached.data === undefined ? cached.state : script.cachedDataRejected ? 'rejected' : 'accepted';
  const wrapper = script.runInThisContext() as ScriptWrapper;
  const module = { exports: {} as Exports };
  const require = createRequire(scriptPath);
  wrapper(
    module.exports,
    require,
    module,
    scriptPath,
    path.dirname(scriptPath),
    pathToFileURL(scriptPath).href,
    require,
    loaders.importPackage ?? ((specifier) => import(specifier)),
    loaders.requirePackage ?? require,
  );
  return {
    exports: module.exports,
    cacheState,
    saveCache: () => {
      if (cacheState !== 'accepted') writeCache(cachePath, buildId, script);
    },
  };
}

/**
 * The function a script bundle's text is: CommonJS's wrapper, the bundle's own URL, its
 * require again under a name the bundler leaves alone, import(), and the loader of the
 * packages the sources load on first use.
 */
type ScriptWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  bundleUrl: string,
  bundleRequire: NodeJS.Require,
  bundleImport: ImportPackage,
  bundlePackage: (specifier: string) => unknown,
) => void;

interface CacheRead {
  data?: Buffer;
  state: CacheState;
}

function readCache(cachePath: string, buildId: string): CacheRead {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(cachePath);
  } catch {
    return { state: 'missing' };
  }
  const data = cacheData(bytes, buildId);
  return data === undefined ? { state: 'stale' } : { data, state: 'missing' };
}

/** The V8 cache inside a cache file's bytes, if the file is whole and of this build. */
export function cacheData(bytes: Buffer, buildId: string): Buffer | undefined {
  const end = bytes.subarray(0, MAX_CACHE_HEADER_BYTES).indexOf(10);
  if (end < 0) return undefined;
  const header = bytes.subarray(0, end).toString('latin1');
  if (!header.startsWith(CACHE_HEADER)) return undefined;
  const [id, digest, length] = header.slice(CACHE_HEADER.length).split(' ');
  const data = bytes.subarray(end + 1);
  if (id !== buildId || String(data.length) !== length) return undefined;
  return sha256(data) === digest ? data : undefined;
}

/** A cache file's bytes: its header line, then V8's cache. */
export function cacheFileBytes(data: Buffer, buildId: string): Buffer {
  const header = `${CACHE_HEADER}${buildId} ${sha256(data)} ${data.length}\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), data]);
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Written under a name of its own, then renamed: several processes started at once, or the
 * worker threads of one, may each write one, and a reader sees one whole file or none.
 */
function writeCache(cachePath: string, buildId: string, script: vm.Script): void {
  const folder = path.dirname(cachePath);
  const temporary = path.join(
    folder,
    `.${path.basename(cachePath)}.${process.pid}-${threadId}.tmp`,
  );
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    fs.writeFileSync(temporary, cacheFileBytes(script.createCachedData(), buildId));
    fs.renameSync(temporary, cachePath);
    removeOldestCaches(cachePath);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {}
  }
}

/** How many cache files a script keeps (Node.js versions times sets of flags); the oldest go. */
export const MAX_CACHE_FILES = 8;

/**
 * Runs with flags that change from run to run (a profiler's output folder, say) would
 * otherwise leave a cache file each, for good.
 */
function removeOldestCaches(cachePath: string): void {
  const folder = path.dirname(cachePath);
  const prefix = `${path.basename(cachePath).split('.')[0]}.`;
  const caches = fs
    .readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.cache'))
    .map((name) => ({ name, modifiedMs: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.modifiedMs - a.modifiedMs || a.name.localeCompare(b.name));
  for (const { name } of caches.slice(MAX_CACHE_FILES))
    fs.rmSync(path.join(folder, name), { force: true });
}

/**
 * The cache file's name for this process: V8 refuses a cache made under another Node.js or
 * other V8 flags (the executable's own, v8-tiering.ts, or the user's), so each such set keeps
 * its own file instead of taking turns overwriting one.
 */
export function cacheFileName(scriptPath: string, v8Flags: string): string {
  const key = [
    process.version,
    process.arch,
    v8Flags,
    process.execArgv.join(' '),
    process.env.NODE_OPTIONS ?? '',
  ].join('\n');
  const hash = crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
  return path.join(path.dirname(scriptPath), `${path.basename(scriptPath, '.cjs')}.${hash}.cache`);
}
