// Tekton's exact condition texts (v1.15.0 pipelinerun.go, apply.go, validate_dependencies.go,
// pipelinerunstate.go, pkg/pod/status.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

const FILE = 'R08-texts.yaml';

function condition(pipelineRun: string): string {
  const { view } = runCaseFile(FILE, { pipelineRun });
  return `${outcome(view)}: ${view.pipelineRun.condition.message}`;
}

test('texts: ParameterMissing carries [User error] and names the Pipeline', () => {
  assert.is(
    condition('param-missing'),
    'False/ParameterMissing: [User error] PipelineRun default/param-missing is missing some parameters required by Pipeline default/needs-params: pipelineRun missing parameters: [a b]',
  );
});

test('texts: InvalidTaskRunSpecs carries [User error] and the taskRunSpecs sentence', () => {
  assert.is(
    condition('wrong-taskrunspecs'),
    `False/InvalidTaskRunSpecs: [User error] PipelineRun default/wrong-taskrunspecs doesn't define taskRunSpecs correctly: pipelineRun's taskrunSpecs defined wrong taskName: "nope", does not exist in Pipeline`,
  );
});

test('texts: InvalidPipelineResultReference starts "Failed to resolve pipeline result reference"', () => {
  assert.is(
    condition('undeclared-pipeline-result'),
    'False/InvalidPipelineResultReference: Failed to resolve pipeline result reference for "undeclared-pipeline-result" with error invalid pipeline result "out": "nope" is not a named result returned by pipeline task "a"',
  );
});

test('texts: CouldntGetPipelineResult starts "Failed to get PipelineResult" and lists a result once per bad reference', () => {
  assert.is(
    condition('missing-pipeline-results'),
    "False/CouldntGetPipelineResult: Failed to get PipelineResult from TaskRun Results for PipelineRun missing-pipeline-results: invalid pipelineresults [both both one], the referenced results don't exist",
  );
});

test('texts: the running message counts an ignored failure as completed, not as failed, and never says (Ignored: N)', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'ignored-while-running' });
  assert.ok(
    run
      .conditions()
      .includes(
        '1000 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
      ),
    run.conditions().join('\n'),
  );
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0',
  );
});

test('texts: a failed step ends with the termination reason the kubelet sets ("Error")', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'ignored-while-running' });
  assert.is(run.taskRun('ignored').condition.reason, 'FailureIgnored');
  assert.is(run.taskRun('ignored').condition.message, '"step-fail" exited with code 1: Error');
});

test.run();
