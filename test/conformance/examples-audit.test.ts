// Rules Tekton's own PipelineRun examples (examples/v1/pipelineruns/ at v1.15.0, as its CI
// runs them) needed and the simulator lacked, each retold as a PipelineRun of our own writing
// and asserted exactly. Cases: test/conformance/cases/examples-audit-*.yaml (with-flags/ for one
// refused without its feature flag); entries 80 to 83
// of docs/semantics-disagreements.md.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIMULATOR_TEKTON_CONFIG } from '../../src/model/tekton-config.js';
import { type CaseRun, outcome, runCaseFile } from './harness.js';

function results(run: CaseRun, task: string): Record<string, unknown> {
  return Object.fromEntries(run.taskRun(task).results.map((result) => [result.name, result.value]));
}

// --- entry 80: `$(inputs.params.x)` and bash's quotes in arithmetic ------------------------

test('examples audit: the TaskRun reconciler replaces $(inputs.params.x) and bash drops the quotes in $(( "3" + "4" ))', () => {
  const run = runCaseFile('examples-audit-inputs-params-and-bash-arithmetic.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(results(run, 'add'), {
    sum: '7',
    // `[1]` is replaced, `[*]` expands into two args.
    spelled: 'two 2 two',
    // Object keys are replaced only in the `params.obj.key` spelling.
    'object-key': '$(inputs.params.obj.key) value',
  });
});

// --- entry 81: a ConfigMap's or Secret's `items`, and projected volumes ----------------------

test('examples audit: ConfigMap and Secret workspaces show only their listed items at their paths; a projected one shows all its sources', () => {
  const run = runCaseFile('examples-audit-configmap-items-and-projected.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(results(run, 'read'), {
    listed: 'cake unlisted:no',
    'secret-listed': '1234',
    both: '1234 tomato cake spare:absent',
  });
});

// --- entry 82: $(step.artifacts.path) and $(artifacts.path) ----------------------------------

test('examples audit: $(step.artifacts.path) and $(artifacts.path) are filled in and the pod keeps both files', () => {
  const run = runCaseFile('with-flags/examples-audit-artifacts-paths.yaml', {
    tektonConfig: {
      ...SIMULATOR_TEKTON_CONFIG,
      featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, enableArtifacts: true },
    },
  });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(results(run, 'provenance'), {
    own: '{"outputs":[{"name":"image","values":[{"uri":"pkg:oci/app"}]}]}',
    shared: '{"inputs":[]}',
    'later-path': '/tekton/steps/step-read/artifacts/provenance.json',
  });
});
// --- entry 83: `head -c`, `tail -c` and /dev/urandom -----------------------------------------

test('examples audit: head -c and tail -c count bytes, and /dev/urandom gives other bytes on each read', () => {
  const run = runCaseFile('examples-audit-head-bytes-and-urandom.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const values = results(run, 'payloads');
  assert.match(String(values.first), /^[a-z]{40}$/);
  assert.match(String(values.second), /^[a-z]{40}$/);
  assert.is.not(values.first, values.second);
  assert.is(values.cut, 'line o|two|cdef');
  assert.is(values.checked, '40');
});

test.run();
