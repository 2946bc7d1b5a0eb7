#!/usr/bin/env node
// The `tekton-sim` executable. Its code runs from the script bundle with V8's code cache when
// the build made one (script-bundle.ts, script-loader.ts), else from the ES modules; either way
// launch.ts does the work, and the output is the same. Its worker threads start from
// worker-main.js beside it, which loads their code the same way.
// First of all: the V8 flags are set before any other module runs.
import { V8_FLAGS_SET } from './v8-tiering.js';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Launch from './launch.js';
import { scriptLoader } from './script-loader.js';
import type { ExecutableWorkerData } from './worker-main.js';

/** Set by scripts/bundle-cli.mjs in the executable it bundles; tsc's has neither. */
declare const TEKTON_SIM_SCRIPT_BUNDLE_ID: string | undefined;
/** The script of each package loaded on first use (vega, yaml, ...), by its specifier. */
declare const TEKTON_SIM_PACKAGE_SCRIPTS: Record<string, string> | undefined;

const args = process.argv.slice(2);
const buildId =
  typeof TEKTON_SIM_SCRIPT_BUNDLE_ID === 'string' ? TEKTON_SIM_SCRIPT_BUNDLE_ID : undefined;
const scripts = scriptLoader({
  buildId,
  scriptOfPackage: typeof TEKTON_SIM_PACKAGE_SCRIPTS === 'object' ? TEKTON_SIM_PACKAGE_SCRIPTS : {},
  v8Flags: V8_FLAGS_SET,
  entryUrl: import.meta.url,
});

const bundled = scripts.load<typeof Launch>('./main-script.cjs');
const { launch } = bundled?.exports ?? (await import('./launch.js'));
// A bundled build's threads start from its own worker entry (tsc's have none: the runner's).
const workerMain = new URL('./worker-main.js', import.meta.url);
const workerData: ExecutableWorkerData = { v8Flags: V8_FLAGS_SET };
await launch(
  args,
  buildId !== undefined && fs.existsSync(fileURLToPath(workerMain))
    ? { url: workerMain, data: workerData }
    : undefined,
);
// After the command, so that the caches hold the functions it ran, compiled.
scripts.saveCaches();
