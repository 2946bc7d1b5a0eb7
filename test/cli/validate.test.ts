// The `tekton-sim` command as a user runs it, through main(argv, io) in this process: exit
// codes, exactly what reaches stdout and stderr, and never a stack trace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  EXIT_INPUT_ERROR,
  EXIT_INTERNAL_ERROR,
  reportError,
  UsageError,
} from '../../src/cli/errors.js';
import { buildValidationReport } from '../../src/index.js';
import { renderText, summaryLine } from '../../src/cli/validate.js';
import { InputError } from '../../src/tekton/diagnostics.js';
import { loadFiles } from '../../src/tekton/load.js';
import { runCli } from './run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'load');
const STACK_FRAME = /at .*\(.*:\d+:\d+\)/;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function tekton(...args: string[]): Promise<Run> {
  const result = await runCli(...args);
  assert.not.match(result.stdout + result.stderr, STACK_FRAME, 'no stack trace');
  return { status: result.code, stdout: result.stdout, stderr: result.stderr };
}

/** One clear line on stderr naming the file, exit 2, nothing on stdout. */
function assertInputError(result: Run, expectedLine: string): void {
  assert.is(result.status, EXIT_INPUT_ERROR, result.stderr);
  assert.is(result.stdout, '');
  assert.is(result.stderr, expectedLine + '\n');
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-cli-'));
const scratchFile = (name: string, content: string | Buffer) => {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
};

test('cli: validate: valid files print a summary and exit 0', async () => {
  const result = await tekton('validate', path.join(fixtures, 'build-and-test.yaml'));
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr, '');
  assert.is(
    result.stdout,
    '1 file, 1 Pipeline, 1 PipelineRun, 1 Task: 0 errors, 0 warnings; 1 of 2 steps not fully simulated (run prints what is assumed)\n',
  );
});

test('cli: validate: --output json gives the same as data', async () => {
  const result = await tekton('validate', '-o', 'json', path.join(fixtures, 'v1beta1-run.yaml'));
  // The fixture's `kind: ClusterTask` ref is refused: v1.15 knows no ClusterTask, so
  // PipelineTask.Validate takes it for a custom task without apiVersion (validateCustomTask);
  // and so is its v1beta1 `bundle`, at creation (TaskRef.Validate).
  assert.is(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as {
    files: string[];
    counts: Record<string, number>;
    diagnostics: Record<string, unknown>[];
  };
  assert.equal(report.files, [path.join(fixtures, 'v1beta1-run.yaml')]);
  assert.is(report.counts.pipelineRuns, 1);
  assert.is(report.counts.errors, 2);
  assert.equal(Object.keys(report.diagnostics[0]), [
    'severity',
    'message',
    'fieldPath',
    'file',
    'line',
    'column',
    'resource',
  ]);
  assert.equal(report.diagnostics[0], {
    severity: 'note',
    message: 'no metadata.name; using generateName "legacy-" without its trailing "-" as the name',
    fieldPath: 'metadata.generateName',
    file: path.join(fixtures, 'v1beta1-run.yaml'),
    line: 5,
    column: 3,
    resource: 'PipelineRun/legacy',
  });
});

test('cli: validate: an invalid resource exits 1 with file:line:col lines; --quiet hides notes', async () => {
  const file = scratchFile(
    'invalid.yaml',
    'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\nspec:\n  tasks:\n    - name: a\n      retries: many\n',
  );
  const result = await tekton('validate', '--quiet', file);
  assert.is(result.status, 1, result.stderr);
  assert.is(result.stderr, '');
  const lines = result.stdout.trimEnd().split('\n');
  assert.ok(
    lines.includes(
      `${file}:7:7: error: expected an integer, got a string "many" (spec.tasks[0].retries)`,
    ),
    result.stdout,
  );
  assert.not.match(result.stdout, /: note: /);
  assert.match(
    lines[lines.length - 1],
    /^1 file, 0 Pipelines, 0 PipelineRuns, 0 Tasks: [1-9]\d* errors?, \d+ warnings?$/,
  );
});

test('cli: bad input: malformed YAML', async () => {
  const file = scratchFile(
    'malformed.yaml',
    'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: [p}\n',
  );
  const result = await tekton('validate', file);
  assert.is(result.status, EXIT_INPUT_ERROR);
  assert.is(result.stdout, '');
  assert.match(
    result.stderr,
    new RegExp(`^${escapeRegExp(file)}:3:\\d+: error: YAML syntax error: `),
  );
});

test('cli: bad input: a YAML file that is not Tekton', async () => {
  const file = scratchFile(
    'deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n',
  );
  assertInputError(
    await tekton('validate', file),
    `${file}:1:1: error: not a Tekton file: no Pipeline, PipelineRun, Task or TaskRun of tekton.dev/v1 or tekton.dev/v1beta1 (found Deployment (apps/v1))`,
  );
});

test('cli: bad input: an empty file', async () => {
  const file = scratchFile('empty.yaml', '# only a comment\n');
  assertInputError(
    await tekton('validate', file),
    `${file}:1:1: error: empty file: no YAML content (only comments, blank lines or ---)`,
  );
});

test('cli: bad input: a directory with no YAML', async () => {
  const directory = path.join(scratch, 'no-yaml');
  fs.mkdirSync(directory);
  fs.writeFileSync(path.join(directory, 'notes.txt'), 'kind: Pipeline\n');
  assertInputError(
    await tekton('validate', directory),
    `error: ${directory}: no .yaml or .yml files in this directory`,
  );
});

test('cli: bad input: a 10 MB file', async () => {
  const file = scratchFile('huge.yaml', Buffer.alloc(10 * 1024 * 1024, '# padding\n'));
  assertInputError(
    await tekton('validate', file),
    `error: ${file}: file is 10.0 MiB; files over 8.0 MiB are refused ` +
      '(a Kubernetes object cannot exceed about 1.5 MiB, so this is not a Tekton file)',
  );
});

test('cli: bad input: a binary file', async () => {
  const file = scratchFile(
    'binary.yaml',
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  );
  assertInputError(
    await tekton('validate', file),
    `error: ${file}: binary file (contains NUL bytes), not YAML text`,
  );
});

test('cli: bad input: a missing path', async () => {
  const file = path.join(scratch, 'does-not-exist.yaml');
  assertInputError(await tekton('validate', file), `error: ${file}: no such file or directory`);
});

test('cli: usage: an unknown option exits 2 with a hint, no help dump', async () => {
  const result = await tekton(
    'validate',
    '--output',
    'xml',
    path.join(fixtures, 'build-and-test.yaml'),
  );
  assert.is(result.status, EXIT_INPUT_ERROR);
  assert.is(result.stdout, '');
  assert.match(result.stderr, /^tekton-sim: Invalid values:\n/);
  assert.match(result.stderr, /\nRun 'tekton-sim validate --help' for usage\.\n$/);
});

test('cli: usage: --help, after a command or alone, prints the help and exits 0', async () => {
  // program.ts stops yargs from rendering the help after every command; asked for, it still is.
  const command = await tekton('check', '--help');
  assert.is(command.status, 0, command.stderr);
  assert.match(command.stdout, /^tekton-sim check \[scenarios\.\.\]\n/);
  assert.match(command.stdout, /--seed-range +Run seeds A\.\.B/);
  const all = await tekton('--help');
  assert.is(all.status, 0, all.stderr);
  assert.match(all.stdout, /tekton-sim report +/);
});

test('cli: errors: input errors, usage errors and internal errors print one way each', () => {
  const lines: string[] = [];
  const output = { write: (text: string) => void lines.push(text) };
  const input = new InputError({
    severity: 'error',
    message: 'm',
    location: { file: 'f.yaml', line: 2, column: 3 },
  });
  assert.is(reportError(input, output, {}), EXIT_INPUT_ERROR);
  assert.is(
    reportError(new UsageError('Unknown argument: x', 'Run it with --help.'), output, {}),
    EXIT_INPUT_ERROR,
  );
  assert.is(reportError(new TypeError('boom\nsecond line'), output, {}), EXIT_INTERNAL_ERROR);
  assert.equal(lines, [
    'f.yaml:2:3: error: m\n',
    'tekton-sim: Unknown argument: x\nRun it with --help.\n',
    'tekton-sim: internal error: boom\n',
    'This is a bug in tekton-sim; please report it with the command and the input files. Set TEKTON_SIM_DEBUG=1 to print the stack trace.\n',
  ]);
  const debug: string[] = [];
  reportError(
    new Error('boom'),
    { write: (text) => void debug.push(text) },
    { TEKTON_SIM_DEBUG: '1' },
  );
  assert.match(debug[1], STACK_FRAME);
});

test('cli: validate: diagnostics sorted by file, line, column; summary pluralised', () => {
  const report = buildValidationReport(loadFiles([fixtures]));
  const text = renderText(report, false);
  const located = report.diagnostics.map(
    (d) => [d.location?.file ?? '', d.location?.line ?? 0, d.location?.column ?? 0] as const,
  );
  const sorted = [...located].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2],
  );
  assert.equal(located, sorted);
  assert.ok(
    text.endsWith(
      '2 files, 1 Pipeline, 2 PipelineRuns, 1 Task: 2 errors, 0 warnings; 1 of 2 steps not fully simulated (run prints what is assumed)\n',
    ),
    text,
  );
  assert.is(
    summaryLine({
      files: 3,
      pipelines: 2,
      pipelineRuns: 1,
      tasks: 4,
      opaqueTasks: 0,
      errors: 1,
      warnings: 2,
      notes: 0,
      steps: 5,
      stepsNotFullySimulated: 0,
    }),
    '3 files, 2 Pipelines, 1 PipelineRun, 4 Tasks: 1 error, 2 warnings',
  );
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.run();
