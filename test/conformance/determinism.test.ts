// Every PipelineRun and TaskRun of every conformance case, simulated twice: the kubectl JSON must be the
// same bytes (the simulator is deterministic; no clock or unseeded randomness leaks in).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadText } from '../../src/tekton/load.js';
import { caseText, runCase } from './harness.js';
import { runTaskRunCase } from './taskrun-harness.js';

const casesDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(casesDirectory)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

test('conformance: determinism: the case files are there', () => {
  assert.ok(files.length >= 30, `only ${files.length} case files`);
});

for (const file of files) {
  test(`conformance: determinism: ${file} twice gives the same kubectl JSON bytes`, () => {
    const text = caseText(file);
    const loaded = loadText(text, file).resources;
    const runs = loaded.filter((resource) => resource.kind === 'PipelineRun');
    const taskRuns = loaded.filter((resource) => resource.kind === 'TaskRun');
    assert.ok(runs.length + taskRuns.length > 0);
    for (const resource of taskRuns) {
      const name = resource.metadata.name;
      for (const patches of [[], [{ atMs: 1500, status: 'TaskRunCancelled' as const }]]) {
        const first = runTaskRunCase(text, { taskRun: name, patches }).json;
        assert.ok(first.length > 0);
        assert.is(runTaskRunCase(text, { taskRun: name, patches }).json, first, `${file} ${name}`);
      }
    }
    for (const resource of runs) {
      const options = {
        pipelineRun: resource.metadata.name,
        patches: [{ atMs: 1500, status: 'StoppedRunFinally' as const }],
      };
      for (const variant of [{ pipelineRun: resource.metadata.name }, options]) {
        const first = runCase(text, variant).json;
        const second = runCase(text, variant).json;
        assert.ok(first.length > 0);
        assert.is(second, first, `${file} ${resource.metadata.name}`);
      }
    }
  });
}

test.run();
