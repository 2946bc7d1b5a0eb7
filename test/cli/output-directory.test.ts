// Report directories: every unusable target is one line and exit 2 before any seed runs (so
// stdout, where check prints its summary, stays empty), a symlink is never written through,
// and files are replaced as a set or not at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OutputError } from '../../src/cli/errors.js';
import { writeOutputFiles, writeOwnedFile } from '../../src/cli/output-files.js';
import { runCli } from './run-cli.js';

const PLANTED = fileURLToPath(
  new URL('../fixtures/planted-faults/planted.scenario.yaml', import.meta.url),
);

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'output-directory-'));

async function refusedBeforeRunning(target: string, pattern: RegExp): Promise<void> {
  const { code, stdout, stderr } = await runCli(
    'check',
    PLANTED,
    '--seeds',
    '2',
    '--report',
    target,
  );
  assert.is(code, 2, stderr);
  assert.is(stdout, '', 'no seed ran, so no summary was printed');
  assert.is(stderr.trimEnd().split('\n').length, 1, stderr);
  assert.match(stderr, pattern);
}

test('cli: output directory: an existing file, or a path under one, is refused before any seed runs', async () => {
  const file = path.join(fresh(), 'file');
  fs.writeFileSync(file, 'mine\n');
  await refusedBeforeRunning(
    file,
    /--report: .*file exists and is not a directory; name a directory/,
  );
  await refusedBeforeRunning(
    path.join(file, 'sub'),
    /--report: .*file\/sub cannot be created: .*file is a file, not a directory/,
  );
  assert.is(fs.readFileSync(file, 'utf8'), 'mine\n');
});

test('cli: output directory: /proc and /sys are refused, also through a symlink', async () => {
  await refusedBeforeRunning('/proc/self/report', /--report: \/proc\/self\/report is under \/proc/);
  await refusedBeforeRunning('/sys/report', /is under \/sys, a kernel file system/);
  const link = path.join(fresh(), 'link');
  fs.symlinkSync('/proc', link);
  await refusedBeforeRunning(path.join(link, 'report'), /is under \/proc/);
});

test('cli: output directory: a marker-listed name that is now a symlink is refused and its target untouched', async () => {
  const directory = fresh();
  const victim = path.join(fresh(), 'victim.txt');
  fs.writeFileSync(victim, 'precious\n');
  assert.is((await runCli('check', PLANTED, '--seeds', '2', '--report', directory)).code, 0);
  fs.rmSync(path.join(directory, 'summary.md'));
  fs.symlinkSync(victim, path.join(directory, 'summary.md'));
  await refusedBeforeRunning(directory, /summary\.md is a symlink, which tekton-sim never creates/);
  assert.is(fs.readFileSync(victim, 'utf8'), 'precious\n');
});

test('cli: output directory: a file or symlink we did not write is refused', async () => {
  const directory = fresh();
  fs.writeFileSync(path.join(directory, 'notes.txt'), 'mine\n');
  await refusedBeforeRunning(directory, /notes\.txt was not written by tekton-sim/);
  const linked = fresh();
  fs.symlinkSync(path.join(directory, 'notes.txt'), path.join(linked, 'runs.csv'));
  await refusedBeforeRunning(linked, /runs\.csv was not written by tekton-sim/);
  assert.is(fs.readFileSync(path.join(directory, 'notes.txt'), 'utf8'), 'mine\n');
});

test('cli: output directory: a marker that is not a small regular file is refused', async () => {
  const directory = fresh();
  fs.symlinkSync('/dev/zero', path.join(directory, '.tekton-sim-report'));
  await refusedBeforeRunning(directory, /\.tekton-sim-report is not a marker tekton-sim wrote/);
});

test('cli: output directory: an unwritable directory is refused before any seed runs', async () => {
  if (process.getuid?.() === 0) {
    console.log('  (skipped: running as root, every directory is writable)');
    return;
  }
  const directory = fresh();
  fs.chmodSync(directory, 0o555);
  await refusedBeforeRunning(directory, /--report: cannot write .*: permission denied \(EACCES\)/);
});

test('output files: a failure while writing leaves the previous files as they were, with no temporary file', () => {
  const directory = fresh();
  writeOutputFiles(
    directory,
    [
      { name: 'a.md', text: 'old a\n' },
      { name: 'b.md', text: 'old b\n' },
    ],
    '--out',
  );
  const before = fs.readdirSync(directory).sort();
  assert.throws(
    () =>
      writeOutputFiles(
        directory,
        [
          { name: 'a.md', text: 'new a\n' },
          // A name the directory cannot hold makes the second temporary write fail.
          { name: 'missing/b.md', text: 'new b\n' },
        ],
        '--out',
      ),
    (error: unknown) => error instanceof OutputError && /^--out: cannot write /.test(error.message),
  );
  assert.equal(fs.readdirSync(directory).sort(), before);
  assert.is(fs.readFileSync(path.join(directory, 'a.md'), 'utf8'), 'old a\n');
});

test('output files: a failure inside a file being written removes its temporary file too; a bug stays a bug', () => {
  const directory = fresh();
  writeOutputFiles(directory, [{ name: 'a.md', text: 'old a\n' }], '--out');
  const before = fs.readdirSync(directory).sort();
  function* brokenRows(): Generator<string> {
    yield 'header\n';
    throw new Error('renderer bug');
  }
  assert.throws(
    () =>
      writeOutputFiles(
        directory,
        [
          { name: 'a.md', text: 'new a\n' },
          { name: 'runs.csv', text: brokenRows() },
        ],
        '--out',
      ),
    (error: unknown) => !(error instanceof OutputError) && /renderer bug/.test(String(error)),
  );
  assert.equal(fs.readdirSync(directory).sort(), before);
  assert.is(fs.readFileSync(path.join(directory, 'a.md'), 'utf8'), 'old a\n');
});

test('output files: a temporary file left by a process that is gone is removed on the next write', () => {
  const directory = fresh();
  writeOutputFiles(directory, [{ name: 'a.md', text: 'a\n' }], '--out');
  // Process ids stop well below 2^22 on Linux, so this one belongs to no live process.
  const leftover = path.join(directory, '.tekton-sim-tmp-4194999-1-a.md');
  fs.writeFileSync(leftover, 'half');
  writeOutputFiles(directory, [{ name: 'a.md', text: 'a again\n' }], '--out');
  assert.equal(fs.readdirSync(directory).sort(), ['.tekton-sim-report', 'a.md']);
});

test('output files: a named file is never written through a symlink', () => {
  const directory = fresh();
  const victim = path.join(directory, 'victim.svg');
  fs.writeFileSync(victim, '<svg generated/>');
  const link = path.join(directory, 'gantt.svg');
  fs.symlinkSync(victim, link);
  assert.throws(
    () => writeOwnedFile(link, '<svg new/>', () => true, '--gantt'),
    /--gantt: .*gantt\.svg exists and was not written by tekton-sim/,
  );
  assert.is(fs.readFileSync(victim, 'utf8'), '<svg generated/>');
  writeOwnedFile(path.join(directory, 'fresh.svg'), '<svg/>', () => true, '--gantt');
  assert.is(fs.readFileSync(path.join(directory, 'fresh.svg'), 'utf8'), '<svg/>');
});

test.run();
