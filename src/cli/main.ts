#!/usr/bin/env node
// The `tekton-sim` executable. Its code runs from the script bundle with V8's code cache when
// the build made one (script-bundle.ts), else from the ES modules; either way launch.ts does the
// work, and the output is the same.
// First of all: the V8 flags are set before any other module runs.
import { V8_FLAGS_SET } from './v8-tiering.js';
import { fileURLToPath } from 'node:url';
import { cacheFileName, loadScriptBundle } from './script-bundle.js';
import type * as Launch from './launch.js';

/** The build's id, set by scripts/bundle-cli.mjs in the executable it bundles; tsc's has none. */
declare const TEKTON_SIM_SCRIPT_BUNDLE_ID: string | undefined;

const args = process.argv.slice(2);
const buildId =
  typeof TEKTON_SIM_SCRIPT_BUNDLE_ID === 'string' ? TEKTON_SIM_SCRIPT_BUNDLE_ID : undefined;
const scriptPath = fileURLToPath(new URL('./main-script.cjs', import.meta.url));
const bundled =
  buildId === undefined
    ? undefined
    : loadScriptBundle<typeof Launch>(scriptPath, cacheFileName(scriptPath, V8_FLAGS_SET), buildId);
const { launch } = bundled?.exports ?? (await import('./launch.js'));
await launch(args);
// After the command, so that the cache holds the functions it ran, compiled.
bundled?.saveCache();
