import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatConditionStatus, formatRunTable } from '../../src/report/table.js';
import {
  cancelledRun,
  condition,
  retriedRun,
  succeededRun,
  taskRun,
  taskTimeoutRun,
} from './fixtures.js';

test('report: table: a succeeded run with two TaskRuns', () => {
  assert.fixture(
    formatRunTable(succeededRun().view),
    `Name:           build-run
Namespace:      ci
Pipeline Ref:   build
Status:         Succeeded
Started:        +0s
Duration:       1m15s
Finished:       +1m15s

TaskRuns

 NAME                TASK NAME   STARTED   DURATION   STATUS
 ∙ build-run-fetch   fetch       +0s       10s        Succeeded
 ∙ build-run-test    test        +10s      1m5s       Succeeded

Succeeded: True  Reason: Succeeded  Message: Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0
`,
  );
});

test('report: table: a TaskRun timeout, a skipped task and a finally task', () => {
  assert.fixture(
    formatRunTable(taskTimeoutRun().view),
    `Name:        release-run
Namespace:   default
Status:      Failed
Started:     +0s
Duration:    35.5s
Finished:    +35.5s

TaskRuns

 NAME                   TASK NAME   STARTED   DURATION   STATUS
 ∙ release-run-build    build       +0s       30s        Failed(TaskRunTimeout)
 ∙ release-run-notify   notify      +30.5s    5s         Succeeded

Skipped Tasks

 NAME        REASON
 ∙ publish   PipelineRun was stopping

Succeeded: False  Reason: Failed  Message: Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1
`,
  );
});

test('report: table: a cancelled run', () => {
  assert.fixture(
    formatRunTable(cancelledRun().view),
    `Name:           nightly-run
Namespace:      default
Pipeline Ref:   nightly
Status:         Cancelled(Cancelled)
Started:        +0s
Duration:       20s
Finished:       +20s

TaskRuns

 NAME                 TASK NAME   STARTED   DURATION   STATUS
 ∙ nightly-run-lint   lint        +0s       5s         Succeeded
 ∙ nightly-run-unit   unit        +5s       15s        Cancelled(TaskRunCancelled)

Succeeded: False  Reason: Cancelled  Message: PipelineRun "nightly-run" was cancelled
`,
  );
});

test('report: table: a retried TaskRun shows its attempts', () => {
  assert.fixture(
    formatRunTable(retriedRun().view),
    `Name:           flaky-run
Namespace:      default
Pipeline Ref:   flaky
Status:         Succeeded
Started:        +0s
Duration:       31s
Finished:       +31s

TaskRuns

 NAME              TASK NAME   STARTED   DURATION   STATUS
 ∙ flaky-run-e2e   e2e         +21s      10s        Succeeded (attempts: 3)

Succeeded: True  Reason: Succeeded  Message: Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0
`,
  );
});

test('report: table: a running run with an unfinished and an unstarted TaskRun', () => {
  const fixture = succeededRun();
  fixture.view.pipelineRun.condition = condition(
    'Unknown',
    'Running',
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
    10_000,
  );
  delete fixture.view.pipelineRun.completionTimeMs;
  fixture.view.taskRuns[1] = taskRun('build-run', 'test', {
    createdAtMs: 10_000,
    condition: condition('Unknown', 'Pending', 'Pending', 10_000),
  });
  assert.fixture(
    formatRunTable(fixture.view),
    `Name:           build-run
Namespace:      ci
Pipeline Ref:   build
Status:         Running
Started:        +0s
Duration:       ---
Finished:       ---

TaskRuns

 NAME                TASK NAME   STARTED   DURATION   STATUS
 ∙ build-run-fetch   fetch       +0s       10s        Succeeded
 ∙ build-run-test    test        ---       ---        Running(Pending)

Succeeded: Unknown  Reason: Running  Message: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0
`,
  );
});

test('report: table: status words follow tkn, reason in parentheses when it differs', () => {
  const cases: [Parameters<typeof condition>[0], string, string][] = [
    ['True', 'Succeeded', 'Succeeded'],
    ['True', 'Completed', 'Succeeded(Completed)'],
    ['False', 'Failed', 'Failed'],
    ['False', 'PipelineRunTimeout', 'Failed(PipelineRunTimeout)'],
    ['False', 'StepFailed', 'Failed(StepFailed)'],
    ['False', 'TaskRunCancelled', 'Cancelled(TaskRunCancelled)'],
    ['Unknown', 'Running', 'Running'],
    ['Unknown', 'PipelineRunStopping', 'Failed(PipelineRunStopping)'],
    ['Unknown', 'ExceededResourceQuota', 'Pending(ExceededResourceQuota)'],
    ['Unknown', 'ToBeRetried', 'Running(ToBeRetried)'],
    ['Unknown', '', 'Running'],
  ];
  for (const [status, reason, text] of cases) {
    assert.is(
      formatConditionStatus(condition(status, reason, '', 0), false),
      text,
      `${status}/${reason}`,
    );
  }
});

test('report: table: colour paints only the status word and keeps columns aligned', () => {
  const text = formatRunTable(taskTimeoutRun().view, { color: true });
  assert.ok(text.includes('Status:      \u001b[91mFailed\u001b[0m\n'));
  assert.ok(
    text.includes(
      ' ∙ release-run-build    build       +0s       30s        \u001b[91mFailed\u001b[0m(TaskRunTimeout)\n',
    ),
  );
  assert.ok(
    text.includes(
      ' ∙ release-run-notify   notify      +30.5s    5s         \u001b[92mSucceeded\u001b[0m\n',
    ),
  );
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  assert.is(plain, formatRunTable(taskTimeoutRun().view));
});

test('report: table: no lines end in spaces', () => {
  for (const fixture of [succeededRun(), taskTimeoutRun(), cancelledRun(), retriedRun()]) {
    assert.not.match(formatRunTable(fixture.view), / \n/);
  }
});

test.run();
