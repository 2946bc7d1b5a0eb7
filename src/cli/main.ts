#!/usr/bin/env node
// The `tekton-sim` executable. Its code runs from the script bundle with V8's code cache when
// the build made one (script-bundle.ts), else from the ES modules; either way launch.ts does the
// work, and the output is the same.
// First of all: the V8 flags are set before any other module runs.
import { V8_FLAGS_SET } from './v8-tiering.js';
import { fileURLToPath } from 'node:url';
import { cacheFileName, type LoadedScript, loadScriptBundle } from './script-bundle.js';
import type * as Launch from './launch.js';

/** The build's id, set by scripts/bundle-cli.mjs in the executable it bundles; tsc's has none. */
declare const TEKTON_SIM_SCRIPT_BUNDLE_ID: string | undefined;

const args = process.argv.slice(2);
const buildId =
  typeof TEKTON_SIM_SCRIPT_BUNDLE_ID === 'string' ? TEKTON_SIM_SCRIPT_BUNDLE_ID : undefined;

/** A script beside this file, of this build, with its cache for this process's V8 flags. */
function loadScript<Exports>(name: string): LoadedScript<Exports> | undefined {
  if (buildId === undefined) return undefined;
  const scriptPath = fileURLToPath(new URL(name, import.meta.url));
  return loadScriptBundle<Exports>(
    scriptPath,
    cacheFileName(scriptPath, V8_FLAGS_SET),
    buildId,
    importPackage,
  );
}

/** The chart packages' script, loaded when the first chart is drawn (null: there is none). */
let charts: LoadedScript<{ vega: unknown; vegaLite: unknown }> | null | undefined;

/** The script's import() calls: vega and vega-lite from their own script when there is one. */
async function importPackage(specifier: string): Promise<unknown> {
  if (specifier === 'vega' || specifier === 'vega-lite') {
    charts ??= loadScript<{ vega: unknown; vegaLite: unknown }>('./chart-packages.cjs') ?? null;
    if (charts !== null)
      return specifier === 'vega' ? charts.exports.vega : charts.exports.vegaLite;
  }
  return import(specifier);
}

const bundled = loadScript<typeof Launch>('./main-script.cjs');
const { launch } = bundled?.exports ?? (await import('./launch.js'));
await launch(args);
// After the command, so that the caches hold the functions it ran, compiled.
bundled?.saveCache();
charts?.saveCache();
