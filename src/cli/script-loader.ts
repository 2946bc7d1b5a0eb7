// The scripts of one build of the executable, loaded beside its entry file (main.js on the main
// thread, worker-main.js on a worker thread) with the code cache of this process's V8 flags
// (script-bundle.ts), and the packages those scripts load on first use, each from a script of
// its own when the build made one. Both entries load their scripts through this, so a worker
// thread checks and writes its caches exactly as the main thread does.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cacheFileName, type LoadedScript, loadScriptBundle } from './script-bundle.js';

export interface ScriptBuild {
  /** The build's id (scripts/bundle-cli.mjs); undefined for tsc's output, which has no scripts. */
  buildId: string | undefined;
  /** The script holding each package loaded on first use (vega, yaml, ...), by its specifier. */
  scriptOfPackage: Record<string, string>;
  /** The V8 flags the process set (cli/v8-tiering.ts): each set has its own cache files. */
  v8Flags: string;
  /** The entry file's URL: the scripts are its neighbours, and packages resolve from it. */
  entryUrl: string;
}

export interface ScriptLoader {
  /** The script `name` beside the entry, of this build; undefined when missing or of another. */
  load<Exports>(name: string): LoadedScript<Exports> | undefined;
  /** Writes the caches of the scripts loaded so far that were not used (saveCache of each). */
  saveCaches(): void;
}

type PackageScript = LoadedScript<Record<string, unknown>>;

export function scriptLoader(build: ScriptBuild): ScriptLoader {
  const loaded: LoadedScript<unknown>[] = [];
  /** The package scripts loaded so far (null: missing, or of another build). */
  const packageScripts = new Map<string, PackageScript | null>();

  function load<Exports>(name: string): LoadedScript<Exports> | undefined {
    if (build.buildId === undefined) return undefined;
    const scriptPath = fileURLToPath(new URL(name, build.entryUrl));
    const script = loadScriptBundle<Exports>(
      scriptPath,
      cacheFileName(scriptPath, build.v8Flags),
      build.buildId,
      { importPackage, requirePackage },
    );
    if (script !== undefined) loaded.push(script);
    return script;
  }

  /** The script holding `specifier`, loaded on first use; undefined when there is none. */
  function packageScriptOf(specifier: string): PackageScript | undefined {
    const name = build.scriptOfPackage[specifier];
    if (name === undefined) return undefined;
    if (!packageScripts.has(name))
      packageScripts.set(name, load<Record<string, unknown>>(`./${name}`) ?? null);
    return packageScripts.get(name) ?? undefined;
  }

  async function importPackage(specifier: string): Promise<unknown> {
    const script = packageScriptOf(specifier);
    return script === undefined ? import(specifier) : script.exports[specifier];
  }

  function requirePackage(specifier: string): unknown {
    const script = packageScriptOf(specifier);
    return script === undefined
      ? createRequire(build.entryUrl)(specifier)
      : script.exports[specifier];
  }

  return {
    load,
    saveCaches: () => {
      for (const script of loaded) script.saveCache();
    },
  };
}
