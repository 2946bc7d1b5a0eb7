#!/usr/bin/env node
// The `tekton-sim` executable. Its code runs from the script bundle with V8's code cache when
// the build made one (script-bundle.ts), else from the ES modules; either way launch.ts does the
// work, and the output is the same.
// First of all: the V8 flags are set before any other module runs.
import { V8_FLAGS_SET } from './v8-tiering.js';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cacheFileName, type LoadedScript, loadScriptBundle } from './script-bundle.js';
import type * as Launch from './launch.js';

/** Set by scripts/bundle-cli.mjs in the executable it bundles; tsc's has neither. */
declare const TEKTON_SIM_SCRIPT_BUNDLE_ID: string | undefined;
/** The script of each package loaded on first use (vega, yaml, ...), by its specifier. */
declare const TEKTON_SIM_PACKAGE_SCRIPTS: Record<string, string> | undefined;

const args = process.argv.slice(2);
const buildId =
  typeof TEKTON_SIM_SCRIPT_BUNDLE_ID === 'string' ? TEKTON_SIM_SCRIPT_BUNDLE_ID : undefined;
const scriptOfPackage =
  typeof TEKTON_SIM_PACKAGE_SCRIPTS === 'object' ? TEKTON_SIM_PACKAGE_SCRIPTS : {};
type PackageScript = LoadedScript<Record<string, unknown>>;
/** The package scripts loaded so far (null: missing, or of another build). */
const packageScripts = new Map<string, PackageScript | null>();

/** A script beside this file, of this build, with its cache for this process's V8 flags. */
function loadScript<Exports>(name: string): LoadedScript<Exports> | undefined {
  if (buildId === undefined) return undefined;
  const scriptPath = fileURLToPath(new URL(name, import.meta.url));
  return loadScriptBundle<Exports>(scriptPath, cacheFileName(scriptPath, V8_FLAGS_SET), buildId, {
    importPackage,
    requirePackage,
  });
}

/** The script holding `specifier`, loaded on first use; undefined when there is none. */
function packageScriptOf(specifier: string): PackageScript | undefined {
  const name = scriptOfPackage[specifier];
  if (name === undefined) return undefined;
  if (!packageScripts.has(name))
    packageScripts.set(name, loadScript<Record<string, unknown>>(`./${name}`) ?? null);
  return packageScripts.get(name) ?? undefined;
}

async function importPackage(specifier: string): Promise<unknown> {
  const script = packageScriptOf(specifier);
  return script === undefined ? import(specifier) : script.exports[specifier];
}

function requirePackage(specifier: string): unknown {
  const script = packageScriptOf(specifier);
  return script === undefined
    ? createRequire(import.meta.url)(specifier)
    : script.exports[specifier];
}

const bundled = loadScript<typeof Launch>('./main-script.cjs');
const { launch } = bundled?.exports ?? (await import('./launch.js'));
await launch(args);
// After the command, so that the caches hold the functions it ran, compiled.
bundled?.saveCache();
for (const script of packageScripts.values()) script?.saveCache();
