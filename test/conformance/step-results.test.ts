// Step results (case C73): written by a StepAction's step, shown in status.steps once the
// TaskRun is done, filled into later steps' args by the entrypoint (left as written when the
// result was never written), and surfaced as a Task result that the next pipeline task reads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCaseFile } from './harness.js';

interface Item {
  kind: string;
  metadata: { name: string };
  status: {
    conditions: { reason: string }[];
    results?: { name: string; type?: string; value: string }[];
    steps?: { name: string; results?: unknown }[];
  };
}

test('conformance: C73 step results reach status.steps, later steps and a Task result', () => {
  const run = runCaseFile('C73-step-results.yaml');
  const items = (JSON.parse(run.json) as { items: Item[] }).items;
  const build = items.find((item) => item.metadata.name === 'c73-build');
  assert.ok(build);
  const results = Object.fromEntries(
    (build.status.results ?? []).map((result) => [result.name, result.value]),
  );
  assert.equal(results, {
    // createTaskResultsFromStepResults: the Task result named after the step result.
    'image-digest': 'sha256:abc',
    // applyStepResultSubstitutions: a script step's args and a `sh -c` operand, filled.
    seen: 'sha256:abc',
    'seen-in-sh': 'sha256:abc',
    // A result nobody wrote: the args run as written.
    unfilled: '$(steps.produce.results.nothing)',
  });
  const steps = build.status.steps ?? [];
  assert.equal(
    steps.map((step) => [step.name, step.results]),
    [
      ['produce', [{ name: 'digest', type: 'string', value: 'sha256:abc' }]],
      ['report', undefined],
      ['report-in-sh', undefined],
      ['missing', undefined],
    ],
  );
  const pipelineRun = items.find((item) => item.kind === 'PipelineRun');
  assert.is(pipelineRun?.status.conditions[0].reason, 'Succeeded');
  assert.equal(pipelineRun?.status.results, [{ name: 'digest', value: 'sha256:abc' }]);
});

test.run();
