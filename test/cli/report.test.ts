import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from './run-cli.js';

const FIXTURE = 'test/fixtures/report/report.scenario.yaml';
const FILES = ['report-attempts.csv', 'report-runs.csv', 'report.html', 'report.json', 'report.md'];

const freshDirectory = () => fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
const read = (directory: string) =>
  Object.fromEntries(
    FILES.map((file) => [file, fs.readFileSync(path.join(directory, file), 'utf8')]),
  );

test('cli: report --out writes every format, byte-identical with 1 and 3 workers', async () => {
  const one = freshDirectory();
  const three = freshDirectory();
  const first = await cli('report', FIXTURE, '--seeds', '12', '--out', one);
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stderr, /^engine: 12 runs, \d+ events in /m);
  const second = await cli('report', FIXTURE, '--seeds', '12', '--out', three, '--workers', '3');
  assert.is(second.code, 0, second.stderr);
  assert.equal(read(three), read(one));
  assert.match(
    read(one)['report.md'],
    /\| report \| `test\/fixtures\/report\/report\.scenario\.yaml` \| v1\.15 \| 1\.\.12 \| 12 \|/,
  );
  assert.not.match(read(one)['report.md'], /Engine speed/);
});

test('cli: report --format picks the files; without --out the Markdown goes to stdout', async () => {
  const directory = freshDirectory();
  const { code, stderr } = await cli(
    'report',
    FIXTURE,
    '--seeds',
    '3',
    '--out',
    directory,
    '--format',
    'json,md',
  );
  assert.is(code, 0, stderr);
  assert.equal(fs.readdirSync(directory).sort(), [
    '.tekton-sim-report',
    'report.json',
    'report.md',
  ]);
  const printed = await cli('report', FIXTURE, '--seeds', '3', '--engine-speed');
  assert.is(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /^# tekton-sim report/);
  assert.match(printed.stdout, /## Engine speed \(this machine; not comparable across machines\)/);
});

test('cli: report: an unknown format is one clear line and exit 2', async () => {
  const { code, stderr } = await cli('report', FIXTURE, '--seeds', '2', '--format', 'md,pdf');
  assert.is(code, 2);
  assert.match(
    stderr,
    /--format: "pdf" is not a report format; use a comma-separated list of md, csv, json, html/,
  );
});

test('cli: report, compare and merge refuse file formats asked for without --out, rather than print only the Markdown', async () => {
  const report = await cli('report', FIXTURE, '--seeds', '2', '--format', 'md,json');
  assert.is(report.code, 2);
  assert.is(report.stdout, '');
  assert.is(
    report.stderr,
    "tekton-sim: --format json: these are written as files; name their directory with --out (without --out, report prints the Markdown)\nRun 'tekton-sim report --help' for usage.\n",
  );
  const compare = await cli('compare', FIXTURE, '--profiles', 'v1.12,v1.15', '--format', 'html');
  assert.is(compare.code, 2);
  assert.match(compare.stderr, '--format html: these are written as files; name their directory');
  const merge = await cli('merge', 'part-1-of-1.json', '--format', 'csv,html');
  assert.is(merge.code, 2);
  assert.match(merge.stderr, '--format csv,html: these are written as files; name their directory');
  // The Markdown alone, or the default list, still prints the Markdown.
  const markdown = await cli('report', FIXTURE, '--seeds', '2', '--format', 'md');
  assert.is(markdown.code, 0, markdown.stderr);
  assert.match(markdown.stdout, /^# tekton-sim report/);
});

test('cli: report never overwrites a file it did not write, but rewrites its own', async () => {
  const directory = freshDirectory();
  fs.writeFileSync(path.join(directory, 'report.md'), 'mine\n');
  const refused = await cli('report', FIXTURE, '--seeds', '2', '--out', directory);
  assert.is(refused.code, 2);
  assert.match(
    refused.stderr,
    /report\.md was not written by tekton-sim \(it is not listed in \.tekton-sim-report\).*move it or choose another directory/,
  );
  assert.is(fs.readFileSync(path.join(directory, 'report.md'), 'utf8'), 'mine\n');
  assert.equal(fs.readdirSync(directory), ['report.md']);
  const other = freshDirectory();
  assert.is((await cli('report', FIXTURE, '--seeds', '2', '--out', other)).code, 0);
  assert.is((await cli('report', FIXTURE, '--seeds', '3', '--out', other)).code, 0);
  assert.match(fs.readFileSync(path.join(other, 'report.md'), 'utf8'), /1\.\.3 \| 3 \|/);
});

test.run();
