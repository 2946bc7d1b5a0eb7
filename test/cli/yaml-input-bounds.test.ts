// What the commands say about YAML input past the document limit or with nothing in it: one
// line naming file:line:col, exit 2, the same empty-file error whoever reads the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_DOCUMENTS_PER_FILE } from '../../src/tekton/yaml-limits.js';
import { runCli, runCliWithStdin } from './run-cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-yaml-bounds-'));
const EMPTY = 'empty file: no YAML content (only comments, blank lines or ---)';

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

const TASK =
  'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  steps: [{name: s, image: alpine}]\n';

const RUN = write(
  'one.yaml',
  'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: {name: one}\nspec:\n  pipelineSpec:\n    tasks:\n      - name: a\n        taskSpec:\n          steps: [{name: run, image: alpine, script: sleep 1}]\n',
);

test('cli: validate: a file one document over the limit is one error line at that document, exit 2', async () => {
  const file = write('many.yaml', `---\n${TASK}`.repeat(MAX_DOCUMENTS_PER_FILE + 1));
  const result = await runCli('validate', file);
  assert.is(result.code, 2);
  assert.is(
    result.stderr,
    `${file}:${6 * MAX_DOCUMENTS_PER_FILE + 1}:1: error: more than ${MAX_DOCUMENTS_PER_FILE} YAML documents in one file (the limit); split the file\n`,
  );
  const atLimit = await runCli(
    'validate',
    write('limit.yaml', `---\n${TASK}`.repeat(MAX_DOCUMENTS_PER_FILE)),
  );
  assert.is(atLimit.code, 0, atLimit.stderr);
});

test('cli: empty input, an empty file and a file of --- lines give the same error', async () => {
  const files = ['', '---\n---\n', '# a comment\n---\n'].map((text, index) =>
    write(`empty-${index}.yaml`, text),
  );
  for (const file of files) {
    const result = await runCli('validate', file);
    assert.is(result.code, 2);
    assert.is(result.stderr, `${file}:1:1: error: ${EMPTY}\n`);
  }
  for (const stdin of ['', '---\n']) {
    const result = await runCliWithStdin(stdin, 'run', '-');
    assert.is(result.code, 2);
    assert.is(result.stderr, `<stdin>:1:1: error: ${EMPTY}\n`);
  }
});

test('cli: run --cluster: an empty cluster file gives the empty-file error, not a shape error', async () => {
  for (const [index, text] of ['', '---\n', '# nothing\n'].entries()) {
    const file = write(`cluster-${index}.yaml`, text);
    const result = await runCli('run', RUN, '--cluster', file);
    assert.is(result.code, 2);
    assert.match(result.stderr, `${file}:1:1: error: ${EMPTY}\n`);
    assert.not.match(result.stderr, /\n\s+at /, 'no stack trace');
  }
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test.run();
