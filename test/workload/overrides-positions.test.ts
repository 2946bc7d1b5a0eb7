// An error in a field a Scenario's overrides wrote points at the override's own line and
// column; an error in a field the overrides left alone still points at the PipelineRun or
// Pipeline. Before, every such error pointed at the resource (its task's or its own first line).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/tekton/diagnostics.js';
import { loadScenarios } from '../../src/workload/index.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'overrides-positions-'));
let count = 0;

/** `file:line:col message` of every error loading `text` gives. */
function errors(text: string): string[] {
  const file = path.join(directory, `overrides-${++count}.yaml`);
  fs.writeFileSync(file, text);
  try {
    loadScenarios([file]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`);
  }
  return [];
}

/** 1-based line of the first line of `text` containing `needle`, and its column. */
function at(text: string, needle: string): string {
  const lines = text.split('\n');
  const line = lines.findIndex((each) => each.includes(needle));
  return `${line + 1}:${lines[line].indexOf(needle) + 1}`;
}

const EMBEDDED = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: run
spec:
  pipelineSpec:
    tasks:
      - name: build
        taskSpec:
          steps:
            - name: s
              image: alpine
              script: sleep 1
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: overridden
spec:
  overrides:
`;

test('workload: overrides: a task override error points at the override', () => {
  const text = `${EMBEDDED}    tasks:\n      build:\n        timeout: bogus\n`;
  const [only, ...more] = errors(text);
  assert.equal(more, []);
  assert.ok(only.startsWith(`${at(text, 'timeout: bogus')} invalid duration "bogus"`), only);
});

test('workload: overrides: a pipelineRun override error points at the override', () => {
  const text = `${EMBEDDED}    pipelineRun:\n      spec:\n        timeouts:\n          pipeline: 1h\n          tasks: 2h\n`;
  const [only, ...more] = errors(text);
  assert.equal(more, []);
  assert.ok(only.startsWith(`${at(text, 'tasks: 2h')} invalid value: 2h0m0s should be <=`), only);
});

test('workload: overrides: a pipeline override error points at the override', () => {
  // A finally task whose step has no image: the step is the override's.
  const text = `${EMBEDDED}    pipeline:\n      finally:\n        - name: report\n          taskSpec: {steps: [{name: post}]}\n`;
  const [only] = errors(text);
  assert.ok(only.startsWith(`${at(text, '{name: post}')} missing field(s)`), only);
});

test('workload: overrides: a field the override left alone keeps its own position', () => {
  // The override adds a retry; the step's missing image is the PipelineRun's own mistake.
  const text =
    EMBEDDED.replace('              image: alpine\n', '') +
    '    tasks:\n      build:\n        retries: 2\n';
  const [only] = errors(text);
  assert.ok(only.startsWith(`${at(text, 'name: s')} `), only);
});

test('workload: overrides: an override of a referenced Pipeline points at the override', () => {
  const text = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: shared
spec:
  tasks:
    - name: build
      taskSpec:
        steps:
          - name: s
            image: alpine
            script: sleep 1
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: run
spec:
  pipelineRef: {name: shared}
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: overridden
spec:
  overrides:
    tasks:
      build:
        runAfter: [missing]
`;
  const [only] = errors(text);
  assert.ok(only.startsWith(`${at(text, 'missing]')} `), only);
});

test('workload: overrides: a value of the wrong type is a decode error at the override, not a crash', () => {
  // Before, these were internal errors: the merged PipelineRun was never decoded again.
  const cases: [override: string, needle: string, message: string][] = [
    [
      '    pipeline:\n      tasks: bogus\n',
      'tasks: bogus',
      'expected a list, got a string "bogus"',
    ],
    [
      '    tasks:\n      build:\n        params: 3\n',
      'params: 3',
      'expected a list, got the number 3',
    ],
    ['    tasks:\n      build:\n        when: 7\n', 'when: 7', 'expected a list, got the number 7'],
    [
      '    pipelineRun:\n      metadata:\n        name: 5\n',
      'name: 5',
      'expected a string, got the number 5',
    ],
    [
      '    pipelineRun:\n      spec:\n        taskRunSpecs: x\n',
      'taskRunSpecs: x',
      'expected a list',
    ],
  ];
  for (const [override, needle, message] of cases) {
    const text = EMBEDDED + override;
    const [only, ...more] = errors(text);
    assert.equal(more, [], override);
    assert.ok(only.startsWith(`${at(text, needle)} ${message}`), only);
  }
});

test.after(() => fs.rmSync(directory, { recursive: true, force: true }));

test.run();
