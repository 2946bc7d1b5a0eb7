// Tekton v1.15.0's unit tests of how a TaskRun's status is made from its pod and steps
// (pkg/pod/status_test.go, pkg/entrypoint, pkg/reconciler/taskrun/taskrun_test.go), retold as
// PipelineRuns whose steps' scripts do what each row's pod did. Each test names the Go test
// and row it retells and asserts the TaskRun's status as `tekton-sim run -o json` prints it.
// Cases: test/conformance/cases/TestMakeTaskRunStatus-*.yaml and TestReconcile_*.yaml.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIMULATOR_TEKTON_CONFIG } from '../../src/model/tekton-config.js';
import { runCli } from '../cli/run-cli.js';
import { runCaseFile } from './harness.js';

interface StepState {
  terminated?: { exitCode: number; reason: string; message?: string };
  name: string;
  container: string;
  terminationReason?: string;
}

interface TaskRunStatus {
  conditions: { status: string; reason: string; message: string }[];
  results?: { name: string; type: string; value: unknown }[];
  steps?: StepState[];
  retriesStatus?: TaskRunStatus[];
  sidecars?: { name: string; container: string; running?: unknown }[];
}

interface Item {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  status: TaskRunStatus;
}

/** The status of each TaskRun by pipeline task, from the run's kubectl JSON. */
function statuses(
  caseFile: string,
  options: Parameters<typeof runCaseFile>[1] = {},
): Record<string, TaskRunStatus> {
  const items = (JSON.parse(runCaseFile(caseFile, options).json) as { items: Item[] }).items;
  return Object.fromEntries(
    items
      .filter((item) => item.kind === 'TaskRun')
      .map((item) => [item.metadata.labels?.['tekton.dev/pipelineTask'] ?? '', item.status]),
  );
}

function condition(status: TaskRunStatus): string {
  const [first] = status.conditions;
  return `${first.status}/${first.reason}: ${first.message}`;
}

/** Each step as [name, exitCode, kubelet reason, message, terminationReason]. */
function steps(status: TaskRunStatus): unknown[] {
  return (status.steps ?? []).map((step) => [
    step.name,
    step.terminated?.exitCode,
    step.terminated?.reason,
    step.terminated?.message,
    step.terminationReason,
  ]);
}

// --- Results read from termination messages --------------------------------------------

const RESULTS = 'TestMakeTaskRunStatus-results.yaml';

test('TestMakeTaskRunStatus "two test results": each message as written, status.results with the last value', () => {
  const status = statuses(RESULTS)['two-test-results'];
  assert.is(condition(status), 'True/Succeeded: All Steps have completed executing');
  assert.equal(steps(status), [
    [
      'one',
      0,
      'Completed',
      '[{"key":"resultNameOne","value":"resultValueOne","type":1},{"key":"resultNameTwo","value":"resultValueTwo","type":1}]',
      'Completed',
    ],
    [
      'two',
      0,
      'Completed',
      '[{"key":"resultNameOne","value":"resultValueThree","type":1},{"key":"resultNameTwo","value":"resultValueTwo","type":1}]',
      'Completed',
    ],
  ]);
  assert.equal(status.results, [
    { name: 'resultNameOne', type: 'string', value: 'resultValueThree' },
    { name: 'resultNameTwo', type: 'string', value: 'resultValueTwo' },
  ]);
});

test('TestMakeTaskRunStatus "test result with pipeline result": the message and status.results sorted by key (ParseMessage)', () => {
  const status = statuses(RESULTS)['pipeline-result'];
  // The step wrote resultName, then digest.
  assert.is(
    status.steps?.[0].terminated?.message,
    '[{"key":"digest","value":"sha256:1234","type":1},{"key":"resultName","value":"resultValue","type":1}]',
  );
  assert.equal(
    status.results?.map((result) => result.name),
    ['digest', 'resultName'],
  );
});

test('TestMakeTaskRunStatusAlpha: empty, array, object and JSON text in string results', () => {
  const status = statuses(RESULTS).alpha;
  assert.equal(status.results, [
    { name: 'array', type: 'array', value: ['hello', 'world'] },
    // "test empty result": an empty file is an empty string result.
    { name: 'empty', type: 'string', value: '' },
    // "test string result with json emitted results": declared string, kept as text.
    { name: 'jsonString', type: 'string', value: '{"hello":"world"}' },
    { name: 'jsonString2', type: 'string', value: '["hello","world"]' },
    { name: 'object', type: 'object', value: { hello: 'world' } },
  ]);
  assert.is(
    status.steps?.[0].terminated?.message,
    '[{"key":"array","value":"[\\"hello\\",\\"world\\"]","type":1},{"key":"empty","value":"","type":1},' +
      '{"key":"jsonString","value":"{\\"hello\\":\\"world\\"}","type":1},' +
      '{"key":"jsonString2","value":"[\\"hello\\",\\"world\\"]","type":1},' +
      '{"key":"object","value":"{\\"hello\\":\\"world\\"}","type":1}]',
  );
});

test('TestMakeTaskRunStatus "the failed task show task results": a failed step\'s results are kept', () => {
  const status = statuses(RESULTS)['failed-task-results'];
  // The row's pod has no kubelet reason; a real kubelet's "Error" ends the message.
  assert.is(condition(status), 'False/StepFailed: "step-task-result" exited with code 1: Error');
  assert.equal(status.results, [{ name: 'resultName', type: 'string', value: 'resultValue' }]);
  assert.equal(steps(status), [
    ['task-result', 1, 'Error', '[{"key":"resultName","value":"resultValue","type":1}]', 'Error'],
  ]);
});

test('TestMakeTaskRunStatus_StepResults "filter task results from step results": a Task result made from a step result is not in the message, and follows its step', () => {
  const status = statuses('C73-step-results.yaml').build;
  // image-digest is `value: $(steps.produce.results.digest)`: not a file the entrypoint reads
  // (collectResultsName leaves it out); MakeTaskRunStatus makes it from the step result.
  assert.is(
    status.steps?.[0].terminated?.message,
    '[{"key":"digest","value":"sha256:abc","type":4}]',
  );
  assert.equal(
    status.results?.map((result) => result.name),
    ['image-digest', 'seen', 'seen-in-sh', 'unfilled'],
  );
});

// --- validateTaskRunResults ---------------------------------------------------------------

const VALIDATE = 'TestReconcile_validateTaskRunResults.yaml';

test('TestReconcile_validateTaskRunResults_invalid "taskrun results type mismatched": TaskRunValidationFailed, mismatched results dropped', () => {
  const status = statuses(VALIDATE)['type-mismatched'];
  assert.is(
    condition(status),
    'False/TaskRunValidationFailed: [User error] Provided results don\'t match declared results; may be invalid JSON or missing result declaration:  "aResult": task result is expected to be "array" type but was initialized to a different type "string", "objectResult": task result is expected to be "object" type but was initialized to a different type "string"',
  );
  assert.is(status.results, undefined);
  // The pod itself succeeded: its step is Completed.
  assert.is(status.steps?.[0].terminationReason, 'Completed');
});

test('TestReconcile_validateTaskRunResults_invalid "taskrun results object miss key": TaskRunValidationFailed, results kept', () => {
  const status = statuses(VALIDATE)['object-miss-key'];
  assert.is(
    condition(status),
    "False/TaskRunValidationFailed: [User error] missing keys for these results which are required in TaskResult's properties map[objectResult:[commit]]",
  );
  assert.equal(status.results, [
    { name: 'aResult', type: 'array', value: ['1', '2'] },
    { name: 'objectResult', type: 'object', value: { url: 'abc' } },
  ]);
});

test('TestReconcile_validateTaskRunResults_valid: results of the declared types pass', () => {
  const status = statuses(VALIDATE)['type-valid'];
  assert.is(condition(status), 'True/Succeeded: All Steps have completed executing');
  assert.equal(status.results, [
    { name: 'aResult', type: 'array', value: ['aResultValue'] },
    { name: 'objectResult', type: 'object', value: { commit: 'xyz', url: 'abc' } },
  ]);
});

// --- Steps: order, exit codes, terminationReason ---------------------------------------------

const STEPS = 'TestMakeTaskRunStatus-steps.yaml';

/** Each step as [name, container, exitCode, kubelet reason, terminationReason]. */
function stepOutcomes(status: TaskRunStatus): unknown[] {
  return (status.steps ?? []).map((step) => [
    step.name,
    step.container,
    step.terminated?.exitCode,
    step.terminated?.reason,
    step.terminationReason,
  ]);
}

test('TestMakeTaskRunStatus "success": True/Succeeded, the step Completed', () => {
  const status = statuses(STEPS).success;
  assert.is(condition(status), 'True/Succeeded: All Steps have completed executing');
  assert.equal(stepOutcomes(status), [
    ['step-push', 'step-step-push', 0, 'Completed', 'Completed'],
  ]);
});

test('TestMakeTaskRunStatus "failure-terminated": StepFailed naming the container and its exit code', () => {
  const status = statuses(STEPS)['failure-terminated'];
  // The row's container has no kubelet reason; a real kubelet's "Error" ends the message.
  assert.is(condition(status), 'False/StepFailed: "step-failure" exited with code 123: Error');
  assert.equal(stepOutcomes(status), [['failure', 'step-failure', 123, 'Error', 'Error']]);
});

test('TestMakeTaskRunStatus "include non zero exit code ... set to ignore the error": Continued keeps exit code 11', () => {
  const status = statuses(STEPS).continued;
  assert.is(condition(status), 'True/Succeeded: All Steps have completed executing');
  assert.equal(stepOutcomes(status), [
    ['first', 'step-first', 11, 'Completed', 'Continued'],
    ['second', 'step-second', 0, 'Completed', 'Completed'],
  ]);
});

test('TestMakeTaskRunStatus "correct TaskRun status step order regardless of pod container status order"', () => {
  const status = statuses(STEPS)['step-order'];
  assert.equal(
    (status.steps ?? []).map((step) => [step.name, step.container]),
    [
      ['first', 'step-first'],
      ['second', 'step-second'],
      ['third', 'step-third'],
      ['unnamed-3', 'step-unnamed-3'],
      ['fourth', 'step-fourth'],
    ],
  );
});

test('TestTerminationReason "reason timedout" and "reason skipped due to previous step error"', () => {
  const status = statuses(STEPS)['timed-out-then-skipped'];
  assert.is(
    condition(status),
    'False/StepFailed: "step-slow" exited because the step exceeded the specified timeout limit',
  );
  assert.equal(stepOutcomes(status), [
    ['slow', 'step-slow', 1, 'Error', 'TimeoutExceeded'],
    ['after', 'step-after', 1, 'Error', 'Skipped'],
  ]);
});

test('TestTerminationReason "reason skipped due to when expressions evaluation": exit 0, Skipped, the next steps run', () => {
  const status = statuses(STEPS)['step-when'];
  assert.is(condition(status), 'True/Succeeded: All Steps have completed executing');
  assert.equal(stepOutcomes(status), [
    ['slow-path', 'step-slow-path', 0, 'Completed', 'Skipped'],
    ['cel-false', 'step-cel-false', 0, 'Completed', 'Skipped'],
    ['fast-path', 'step-fast-path', 0, 'Completed', 'Completed'],
  ]);
  // The skipped steps took no time: fast-path ran from 0s to 1s.
  const fast = (status.steps ?? [])[2].terminated as unknown as Record<string, string>;
  assert.equal([fast.startedAt, fast.finishedAt], ['2000-01-01T00:00:00Z', '2000-01-01T00:00:01Z']);
});

test('TestMakeRunStatus_OnError "onError: continue": FailureIgnored with the failure message', () => {
  const status = statuses(STEPS)['on-error-continue'];
  assert.is(condition(status), 'False/FailureIgnored: "step-boom" exited with code 1: Error');
});

test('TestMakeTaskRunStatus "with-sidecar-running" and TestReconcile_Single_SidecarState: the sidecar by its trimmed name', () => {
  const status = statuses(STEPS)['with-sidecar'];
  assert.equal(status.sidecars, [
    {
      running: { startedAt: '2000-01-01T00:00:00Z' },
      name: 'sidecar',
      container: 'sidecar-sidecar',
    },
  ]);
});

// --- Pod failures the cluster's faults model ------------------------------------------------

const POD_FAILURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'cases',
  'TestReconcilePodFailures.yaml',
);

/** `run FILE --pipelinerun NAME --cluster (slots: 2, settings) --seed 1 -o json`: the TaskRun's status. */
async function statusOnCluster(
  pipelineRun: string,
  settings: string,
  ...extra: string[]
): Promise<TaskRunStatus> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'taskrun-status-audit-'));
  const cluster = path.join(directory, 'cluster.yaml');
  fs.writeFileSync(cluster, `slots: 2\n${settings}\n`);
  try {
    const run = await runCli(
      'run',
      POD_FAILURES,
      '--pipelinerun',
      pipelineRun,
      '--cluster',
      cluster,
      '--seed',
      '1',
      ...extra,
      '-o',
      'json',
    );
    assert.is(run.code, 0, run.stderr);
    const items = (JSON.parse(run.stdout) as { items: Item[] }).items;
    return items[1].status;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

test('TestReconcilePodFailures "image pull failed step": TaskRunImagePullFailed naming the step and its empty imageID', async () => {
  const status = await statusOnCluster('imagepull', 'faults: {imagePullFailure: 1}');
  // The row seeds imageID "whatever"; a kubelet leaves it empty for an image never pulled.
  assert.is(
    condition(status),
    'False/TaskRunImagePullFailed: the step "unnamed-0" in TaskRun "imagepull-fail" failed to pull the image "". The pod errored with the message: "Back-off pulling image "whatever"."',
  );
});

test('TestMakeTaskRunStatus "report pod evicted err message ...": PodEvicted with the pod\'s status message', async () => {
  const status = await statusOnCluster('evicted', 'faults: {podEviction: 1}');
  assert.is(condition(status), 'False/PodEvicted: The node was low on resource: memory. ');
});

test('TestMakeTaskRunStatus "pending-no-message": a pod starting up leaves the TaskRun Unknown/Pending, no steps', async () => {
  const status = await statusOnCluster('evicted', 'podStartup: 30s', '--at', '10s');
  assert.is(condition(status), 'Unknown/Pending: Pending');
  assert.is(status.steps, undefined);
  assert.is(status.sidecars, undefined);
});

// --- The termination message's 4096 bytes --------------------------------------------------

const MAX_SIZE = 'TestMaxSizeFile.yaml';

/** Each step as [name, exitCode, kubelet reason, message length, terminationReason]. */
function stepMessages(status: TaskRunStatus): unknown[] {
  return (status.steps ?? []).map((step) => [
    step.name,
    step.terminated?.exitCode,
    step.terminated?.reason,
    step.terminated?.message?.length ?? 0,
    step.terminationReason,
  ]);
}

test('TestMaxSizeFile: task results past 4096 bytes exit the step 1; the steps after it run, and read the same files', () => {
  const status = statuses(MAX_SIZE)['too-large'];
  assert.is(condition(status), 'False/StepFailed: "step-write-large" exited with code 1: Error');
  // Only the first step's message carried results: small as it was then.
  assert.equal(status.results, [{ name: 'small', type: 'string', value: 'one' }]);
  assert.equal(stepMessages(status), [
    ['first', 0, 'Completed', 40, 'Completed'],
    ['write-large', 1, 'Error', 0, 'Error'],
    ['after', 1, 'Error', 0, 'Error'],
  ]);
  // after ran its second: the TaskRun ended when it did.
  const after = (status.steps ?? [])[2].terminated as unknown as Record<string, string>;
  assert.is(after.finishedAt, '2000-01-01T00:00:01Z');
});

test('TestMaxSizeFile: results that fit until StartedAt is appended stay in the message; the step exits 1', () => {
  const status = statuses(MAX_SIZE)['started-at-too-large'];
  assert.is(condition(status), 'False/StepFailed: "step-write-large" exited with code 1: Error');
  assert.equal(
    status.results?.map((result) => [result.name, String(result.value).length]),
    [['large', 4000]],
  );
  assert.equal(stepMessages(status), [['write-large', 1, 'Error', 4037, 'Error']]);
  assert.equal(stepMessages(statuses(MAX_SIZE).fits), [
    ['write-large', 0, 'Completed', 3937, 'Completed'],
  ]);
});

test('TestMaxSizeFile: a failed step whose results do not fit exits 1, and the next steps are skipped', () => {
  const status = statuses(MAX_SIZE)['too-large-and-failed'];
  assert.is(condition(status), 'False/StepFailed: "step-write-large" exited with code 1: Error');
  assert.is(status.results, undefined);
  assert.equal(stepMessages(status), [
    ['write-large', 1, 'Error', 0, 'Error'],
    ['after', 1, 'Error', 0, 'Skipped'],
  ]);
});

test('TestMaxSizeFile: results-from sidecar-logs has no 4096-byte termination message', () => {
  const tektonConfig = {
    ...SIMULATOR_TEKTON_CONFIG,
    featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, resultsFrom: 'sidecar-logs' as const },
  };
  const status = statuses(MAX_SIZE, { tektonConfig })['too-large'];
  assert.is(condition(status), 'True/Succeeded: All Steps have completed executing');
});

test.run();
