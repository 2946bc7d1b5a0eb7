// shrink writes a reproducer only if `run` can read it back: one over run's file size bound is
// refused (exit 2) before anything is written, to stdout or to --out, naming its size, the
// bound and what to do. The bound is lowered here so the case is a few bytes, not 8 MiB.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportError } from '../../src/cli/errors.js';
import { writeReproducer } from '../../src/cli/reproducer-output.js';
import { MAX_FILE_SIZE_BYTES } from '../../src/tekton/files.js';
import { runCli } from './run-cli.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'shrink-size-'));
const REPORT = 'shrink: 1 step(s) kept of 2 tried; still violates deadlines\n';

function capture() {
  const io = {
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
    env: {},
    nowMs: () => 0,
    out: '',
    err: '',
  };
  return io;
}

/** The exit code and error line the CLI would give for what `write` throws. */
function refusal(write: () => void): { code: number; line: string } {
  let line = '';
  try {
    write();
  } catch (error) {
    const code = reportError(error, { write: (text: string) => (line += text) }, {});
    return { code, line };
  }
  assert.unreachable('the reproducer should have been refused');
  return { code: 0, line };
}

test('shrink: the bound is the one run reads files with', () => {
  // The default is what `run` refuses past; a reproducer at it is written.
  const io = capture();
  writeReproducer({ text: 'kind: PipelineRun\n', report: REPORT }, io);
  assert.is(io.out, 'kind: PipelineRun\n');
  assert.is(MAX_FILE_SIZE_BYTES, 8 * 1024 * 1024);
});

test('shrink: a reproducer past the bound is refused on stdout before anything is printed', () => {
  const io = capture();
  const { code, line } = refusal(() =>
    writeReproducer({ text: 'x'.repeat(101), report: REPORT }, io, 100),
  );
  assert.is(code, 2);
  assert.ok(line.includes('the reproducer is 101 bytes'), line);
  assert.ok(line.includes('more than the 100 bytes'), line);
  assert.ok(line.includes('tekton-sim replay'), line);
  assert.is(io.out, '');
  assert.is(io.err, '', 'not even the shrink report');
});

test('shrink: bytes are counted as run counts them, not characters', () => {
  const io = capture();
  // 50 characters, 100 bytes of UTF-8.
  const { code } = refusal(() => writeReproducer({ text: 'é'.repeat(50), report: REPORT }, io, 99));
  assert.is(code, 2);
  writeReproducer({ text: 'é'.repeat(50), report: REPORT }, io, 100);
  assert.is(io.out, 'é'.repeat(50));
});

test('shrink --out: past the bound, neither a new file nor one --force would replace is written', () => {
  const fresh = path.join(directory, 'fresh.yaml');
  const earlier = path.join(directory, 'earlier.yaml');
  fs.writeFileSync(earlier, 'an earlier reproducer\n');
  for (const out of [fresh, earlier]) {
    const io = capture();
    assert.is(
      refusal(() => writeReproducer({ text: 'x'.repeat(101), report: REPORT, out }, io, 100)).code,
      2,
    );
    assert.is(io.out + io.err, '');
  }
  assert.not.ok(fs.existsSync(fresh));
  assert.is(fs.readFileSync(earlier, 'utf8'), 'an earlier reproducer\n');
  // At the bound it is written, and the report says where.
  const io = capture();
  writeReproducer({ text: 'x'.repeat(100), report: REPORT, out: fresh }, io, 100);
  assert.is(fs.readFileSync(fresh, 'utf8'), 'x'.repeat(100));
  assert.is(io.out, `${REPORT}written: ${fresh}\n`);
});

test('shrink --out: an existing file is still refused without --force, and left as it was', async () => {
  const mine = path.join(directory, 'mine.yaml');
  fs.writeFileSync(mine, 'my notes\n');
  const result = await runCli(
    'shrink',
    'test/fixtures/planted-faults/planted.scenario.yaml',
    '--seed',
    '1',
    '--invariant',
    'deadlines',
    '--out',
    mine,
  );
  assert.is(result.code, 2);
  assert.ok(result.stderr.includes('exists; pass --force to overwrite it'), result.stderr);
  assert.is(result.stdout, '');
  assert.is(fs.readFileSync(mine, 'utf8'), 'my notes\n');
});

test.run();
