#!/usr/bin/env node
// Runs every test/**/*.test.ts file with uvu under tsx, streams uvu's output, then prints
// the one closing line CI reads: "N passed, N failed". uvu prints its totals per process in
// its own format, so the counts are taken from that output and restated here.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const uvuBin = path.join(root, 'node_modules', 'uvu', 'bin.js');
const pattern = process.argv[2] ?? '\\.test\\.ts$';
const child = spawn(process.execPath, ['--import', 'tsx', uvuBin, 'test', pattern], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(output)?.[1] ?? 0);
  // uvu stops counting a file at its first crash; a non-zero exit with no failures counted
  // still has to show up as a failure.
  // uvu's Total counts the tests that ran; skipped ones are counted apart.
  let failed = Math.max(0, total - passed);
  if (code !== 0 && failed === 0) failed = 1;
  const line = `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
  process.stdout.write('\n' + line + '\n');
  process.exit(code !== 0 || failed > 0 || total === 0 ? 1 : 0);
});
