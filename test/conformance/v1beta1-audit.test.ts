// Tekton v1.15.0's v1beta1 -> v1 conversion (pkg/apis/pipeline/v1beta1/*_conversion.go and
// their tests), retold as v1beta1 runs: what Tekton stores (v1, what `kubectl get` shows)
// and how it then runs. Each test names the Go function or test row it retells. Where the
// simulator differed: docs/semantics-disagreements.md 95.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';
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

test.run();
