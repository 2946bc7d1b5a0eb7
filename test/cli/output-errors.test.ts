import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FULL_DEVICE = '/dev/full';

/** Runs the CLI with standard output going to `stdoutPath`. */
function cliWritingTo(stdoutPath: string, ...args: string[]) {
  const stdout = fs.openSync(stdoutPath, 'w');
  try {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', stdout, 'pipe'],
    });
    return { code: child.status, stderr: child.stderr };
  } finally {
    fs.closeSync(stdout);
  }
}

test('cli: output: a full device is one clear line and exit 2, not a stack trace', () => {
  if (!fs.existsSync(FULL_DEVICE)) {
    console.log(`  (skipped: no ${FULL_DEVICE} on this system)`);
    return;
  }
  for (const args of [
    ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml'],
    ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml', '-o', 'yaml'],
    ['validate', 'scenarios'],
  ]) {
    const { code, stderr } = cliWritingTo(FULL_DEVICE, ...args);
    assert.is(code, 2, stderr);
    assert.is(
      stderr,
      'tekton-sim: cannot write standard output: no space left on the device (ENOSPC)\n',
    );
  }
});

test.run();
