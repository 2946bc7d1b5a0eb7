// Tekton v1.15.0's v1beta1 -> v1 conversion (pkg/apis/pipeline/v1beta1/*_conversion.go and
// their tests), retold as v1beta1 runs: what Tekton stores (v1, what `kubectl get` shows)
// and how it then runs. Each test names the Go function or test row it retells. Where the
// simulator differed: docs/semantics-disagreements.md 95.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { caseText, outcome, runCase, runCaseFile } from './harness.js';
import { runTaskRunCaseFile } from './taskrun-harness.js';

const MANAGED_BY = 'v1beta1-audit-managed-by.yaml';

test('entry 95 (TaskRunSpec.ConvertTo copies no ManagedBy): a v1beta1 TaskRun managed elsewhere is reconciled by Tekton', () => {
  const run = runTaskRunCaseFile(MANAGED_BY, { taskRun: 'tr-managed-elsewhere' });
  assert.is(run.taskRun.condition.reason, 'Succeeded');
  assert.is((run.object.spec as Record<string, unknown>).managedBy, undefined);
  assert.not.match(run.json, /managedBy/);
});

test('entry 95 (PipelineRunSpec.ConvertTo copies no ManagedBy): the stored v1 PipelineRun has no spec.managedBy', () => {
  const run = runCaseFile(MANAGED_BY, { pipelineRun: 'pr-managed-elsewhere' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.not.match(run.json, /managedBy/);
});

test('pipelinerun_conversion_test.go TestPipelineRunConversionFromDeprecated "timeout to timeouts": spec.timeout is timeouts.pipeline', () => {
  const run = runCaseFile(MANAGED_BY, { pipelineRun: 'pr-managed-elsewhere' });
  const spec = JSON.parse(run.json).items[0].spec;
  assert.equal(spec.timeouts, { pipeline: '5m0s' });
  assert.is(spec.timeout, undefined);
});

const DEPRECATIONS = 'v1beta1-audit-task-deprecations.yaml';
const ANNOTATION = 'tekton.dev/v1beta1.task-deprecations';

test('pipelinerun_conversion_test.go TestPipelineRunConversion "pipelinerun with deprecated fields in step and stepTemplate": the v1 spec drops them, the annotation keeps them', () => {
  const run = runCaseFile(DEPRECATIONS, { pipelineRun: 'deprecated-step-fields' });
  assert.is(outcome(run.view), 'True/Succeeded');
  const [pipelineRun, taskRun1] = JSON.parse(run.json).items;
  // retrieveTaskDeprecation: one Step per step (name "", resources {} as the struct always
  // marshals), the template's name kept; task-2 has none; task-3's template liveness probe is
  // not among HasDeprecatedFields' template fields, so it is dropped with no entry.
  assert.is(
    pipelineRun.metadata.annotations[ANNOTATION],
    '{"task-1":{"deprecatedSteps":[{"name":"","resources":{}},{"name":"","ports":[{"name":"http","containerPort":8080}],"resources":{},"livenessProbe":{"initialDelaySeconds":1},"terminationMessagePath":"/tmp/msg","stdin":true}],"deprecatedStepTemplate":{"name":"template-name","resources":{},"tty":true}}}',
  );
  const tasks = pipelineRun.spec.pipelineSpec.tasks;
  assert.equal(tasks[0].taskSpec.steps[1], {
    name: 'probed',
    image: 'busybox',
    script: 'echo probed',
  });
  assert.equal(tasks[0].taskSpec.stepTemplate, {});
  assert.equal(tasks[2].taskSpec.stepTemplate, {});
  // getTaskrunAnnotations: a TaskRun takes its PipelineRun's annotations.
  assert.is(
    taskRun1.metadata.annotations[ANNOTATION],
    pipelineRun.metadata.annotations[ANNOTATION],
  );
});

test('entry 96 (validation): v1beta1 knows the deprecated fields, so no unknown-field warning', () => {
  const run = runCaseFile(DEPRECATIONS, { pipelineRun: 'deprecated-step-fields' });
  assert.equal(
    run.prepared.diagnostics.filter((diagnostic) => diagnostic.message.includes('unknown field')),
    [],
  );
});

test("entry 96 (TaskRunSpec.ConvertTo passes the TaskRun's name): a TaskRun's own taskSpec is keyed by its name", () => {
  const run = runTaskRunCaseFile(DEPRECATIONS, { taskRun: 'deprecated-taskrun' });
  const metadata = run.object.metadata as { annotations: Record<string, string> };
  assert.is(
    metadata.annotations[ANNOTATION],
    '{"deprecated-taskrun":{"deprecatedSteps":[{"name":"","resources":{},"tty":true}]}}',
  );
  assert.not.match(run.json, /"tty": true/);
});

const DROPPED = 'v1beta1-audit-dropped-fields.yaml';

test('entry 97 (Pipeline.ConvertTo, serializePipelineResources): an empty resources list leaves the spec for tekton.dev/v1beta1Resources', () => {
  const run = runCaseFile(DROPPED, { pipelineRun: 'by-ref' });
  assert.is(outcome(run.view), 'True/Succeeded');
  const [pipelineRun, taskRun] = JSON.parse(run.json).items;
  // storePipelineSpecAndMergeMeta: the run takes its Pipeline's annotations, its TaskRuns the run's.
  assert.is(pipelineRun.metadata.annotations['tekton.dev/v1beta1Resources'], '[]');
  assert.is(taskRun.metadata.annotations['tekton.dev/v1beta1Resources'], '[]');
  assert.is(pipelineRun.status.pipelineSpec.resources, undefined);
  assert.is(pipelineRun.status.pipelineSpec.tasks[0].matrix, undefined);
  assert.is(run.taskRunNames().length, 1);
});

test('entry 97 (PipelineRunSpec.ConvertTo, PipelineTask.convertTo IsMatrixed): an embedded spec drops both, with no annotation', () => {
  const run = runCaseFile(DROPPED, { pipelineRun: 'embedded' });
  assert.is(outcome(run.view), 'True/Succeeded');
  const [pipelineRun] = JSON.parse(run.json).items;
  assert.is(pipelineRun.metadata.annotations, undefined);
  assert.equal(Object.keys(pipelineRun.spec.pipelineSpec), ['tasks']);
  assert.is(pipelineRun.spec.pipelineSpec.tasks[0].matrix, undefined);
});

test('v1beta1 TestPipelineSpec_Validate_Failure "uses resources": a non-empty resources list is still refused', () => {
  const text = caseText(DROPPED).replace(
    '  resources: []\n  tasks:',
    '  resources: [{name: src, type: git}]\n  tasks:',
  );
  assert.throws(() => runCase(text, { pipelineRun: 'by-ref' }), /must not set the field\(s\)/);
});

const TIMEOUT = 'v1beta1-audit-timeout.yaml';
const REFUSED = readFileSync(
  fileURLToPath(new URL('invalid-cases/v1beta1-audit-timeout-refused.yaml', import.meta.url)),
  'utf8',
);

test('entry 98 (v1beta1 validateTaskRunSpecTimeout, nil TimeoutFields): a taskRunSpecs timeout over spec.timeout but within the default is accepted', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'trs-within-default' });
  // The pipeline deadline (spec.timeout, now timeouts.pipeline) still cancels the TaskRun,
  // whose own timeout is the taskRunSpecs one (createTaskRun: taskRunSpec.Timeout).
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(run.taskRun('t').condition.reason, 'TaskRunCancelled');
  const taskRun = JSON.parse(run.json).items[1];
  assert.is(taskRun.spec.timeout, '45m0s');
});

test('entry 98 (v1beta1 validateTaskRunSpecTimeout "default pipeline duration"): over the default is refused even within spec.timeout', () => {
  assert.throws(
    () => runCase(REFUSED, { pipelineRun: 'trs-over-default' }),
    (error: Error) =>
      error.message.includes(
        'invalid value: 1h30m0s should be <= default pipeline duration 1h0m0s (spec.taskRunSpecs[0].timeout)',
      ),
  );
});

test('entry 98 (v1beta1 PipelineRunSpec.Validate): a negative spec.timeout is reported at spec.timeout', () => {
  assert.throws(
    () => runCase(REFUSED, { pipelineRun: 'negative-timeout' }),
    (error: Error) => error.message.includes('invalid value: -1s should be >= 0 (spec.timeout)'),
  );
});

test('taskrun_conversion_test.go TestTaskRunConvertTo "empty param string": param specs and values with no type are strings', () => {
  const run = runTaskRunCaseFile('v1beta1-audit-params.yaml', { taskRun: 'foo' });
  assert.is(run.taskRun.condition.reason, 'Succeeded');
  const spec = run.object.spec as { retries: number; taskSpec: { params: unknown[] } };
  assert.is(spec.retries, 1);
  assert.equal(spec.taskSpec.params, [
    { name: 'param-name', type: 'string' },
    { name: 'param-array', type: 'array' },
  ]);
  const status = run.object.status as { taskSpec: { steps: { args: string[] }[] } };
  assert.equal(status.taskSpec.steps[0].args, ['param-value-string', 'param-value-string']);
});

test('entry 99 (webhook DisallowUnknownFields): v1 names in a v1beta1 run are unknown fields with no effect', () => {
  const run = runCaseFile('v1beta1-audit-v1-names.yaml', { pipelineRun: 'v1-names' });
  assert.equal(
    run.prepared.diagnostics
      .filter((diagnostic) => diagnostic.message.startsWith('unknown field'))
      .map((diagnostic) => `${diagnostic.message} (${diagnostic.fieldPath})`),
    [
      'unknown field "taskRunTemplate" (spec.taskRunTemplate)',
      'unknown field "serviceAccountName" (spec.taskRunSpecs[0].serviceAccountName)',
      'unknown field "computeResources" (spec.pipelineSpec.tasks[0].taskSpec.steps[0].computeResources)',
    ],
  );
  const [pipelineRun, taskRun] = JSON.parse(run.json).items;
  // PipelineRunSpec.ConvertTo: the v1beta1 serviceAccountName is the template's.
  assert.equal(pipelineRun.spec.taskRunTemplate, { serviceAccountName: 'written-v1beta1' });
  assert.is(taskRun.spec.serviceAccountName, 'written-v1beta1');
  assert.is(pipelineRun.spec.pipelineSpec.tasks[0].taskSpec.steps[0].computeResources, undefined);
});

test.run();
