// Tekton v1.15.0's workspace rules, retold as PipelineRuns: pkg/workspace (ValidateBindings,
// ValidateOnlyOnePVCIsUsed, CreateVolumes, Apply), the TaskRun reconciler's ApplyWorkspaces,
// and the PipelineRun reconciler's getTaskrunWorkspaces, ApplyParametersToWorkspaceBindings,
// ApplyResultsToWorkspaceBindings and ApplyTaskResults. Each test names the Go test (and row)
// it retells and asserts what that row asserts: the TaskRuns' spec.workspaces as
// `kubectl get -o json` prints them, what a step sees (echoed into a result), whether one
// task's files reach another, and the exact reasons and messages of a refusal.
// Cases: test/conformance/cases/Test*.yaml named after the Go tests; entries 70 to 74 of
// docs/semantics-disagreements.md.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIMULATOR_TEKTON_CONFIG } from '../../src/model/tekton-config.js';
import {
  errorsOf,
  expectExactly,
  pipeline,
  pipelineRun,
  validate,
  yaml,
} from '../tekton/validate/helpers.js';
import { type CaseRun, outcome, runCaseFile } from './harness.js';

type Json = Record<string, unknown>;

/** spec.workspaces of each TaskRun, by pipeline task, from the kubectl JSON. */
function taskRunWorkspaces(run: CaseRun): Record<string, unknown> {
  const items = (JSON.parse(run.json) as { items: Json[] }).items;
  return Object.fromEntries(
    items
      .filter((item) => item.kind === 'TaskRun')
      .map((item) => [
        ((item.metadata as Json).labels as Record<string, string>)['tekton.dev/pipelineTask'],
        (item.spec as Json).workspaces,
      ]),
  );
}

function results(run: CaseRun, task: string): Record<string, unknown> {
  return Object.fromEntries(run.taskRun(task).results.map((result) => [result.name, result.value]));
}

function condition(run: CaseRun, task: string): string {
  const { reason, message } = run.taskRun(task).condition;
  return `${reason}: ${message}`;
}

// --- the claims and subPaths of getTaskrunWorkspaces -------------------------------------

test('TestReconcileWithVolumeClaimTemplateWorkspaceUsingSubPaths: claims named by GeneratePVCNameFromWorkspaceBinding, subPaths joined, context filled in', () => {
  const run = runCaseFile('TestReconcileWithVolumeClaimTemplateWorkspaceUsingSubPaths.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  // <template name or pvc>-<sha256(pipeline workspace + PipelineRun uid)[:10]>.
  const ws1 = { claimName: 'myclaim-e166153bfc' };
  const ws2 = { claimName: 'myclaim-ac8d16ae78' };
  const ws3 = { claimName: 'pvc-0ce77eada4' };
  const bound = (subPath: string | undefined, claim: Json) => [
    {
      name: 'taskWorkspaceName',
      ...(subPath === undefined ? {} : { subPath }),
      persistentVolumeClaim: claim,
    },
  ];
  assert.equal(taskRunWorkspaces(run), {
    'hello-world-1': bound('customdirectory', ws1),
    'hello-world-2': bound('otherdirecory', ws1),
    'hello-world-3': bound(undefined, ws1),
    'hello-world-4': bound('mypath', ws2),
    'hello-world-5': bound('mypath/customdirectory', ws2),
    'hello-world-6': bound('test-pipeline-run', ws3),
    'hello-world-7': bound('test-pipeline-run/customdirectory', ws3),
    'read-back': [
      { name: 'one', persistentVolumeClaim: ws1 },
      { name: 'one-again', subPath: 'customdirectory', persistentVolumeClaim: ws1 },
    ],
  });
  // `$(workspaces.W.claim)` is the TaskRun binding's claim, the one Tekton created.
  assert.equal(results(run, 'hello-world-6'), {
    claim: 'pvc-0ce77eada4',
    path: '/workspace/taskWorkspaceName',
  });
  // One claim per run workspace: each TaskRun's subPath is a folder of it.
  assert.equal(results(run, 'read-back'), {
    seen: 'test-pipeline-run-hello-world-1test-pipeline-run-hello-world-2test-pipeline-run-hello-world-3test-pipeline-run-hello-world-1',
  });
});

test('TestGetTaskrunWorkspaces_Success "propagating workspaces using scripts" and TestPipelineRun_Validate "propagating workspaces": a step names a workspace its spec never declares', () => {
  const run = runCaseFile('TestGetTaskrunWorkspaces_Success-propagated.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const claim = [{ name: 'ws', persistentVolumeClaim: { claimName: 'pvc-87d6b7cd18' } }];
  assert.equal(taskRunWorkspaces(run), { echoit: claim, echoitfinally: claim });
  assert.equal(results(run, 'echoit'), { path: '/workspace/ws', claim: 'pvc-87d6b7cd18' });
  assert.equal(results(run, 'echoitfinally'), { seen: 'written' });
});

test('TestGetTaskrunWorkspaces_Failure "failure declaring workspace with different name" and "failure propagating workspaces using scripts": no TaskRun, the run waits', () => {
  for (const name of ['declaring', 'scripts']) {
    const run = runCaseFile('TestGetTaskrunWorkspaces_Failure.yaml', { pipelineRun: name });
    // createTaskRun fails before creating anything, at every reconcile, marking nothing: the
    // next task of the same reconcile is not created either.
    assert.equal(run.taskRunNames(), [], name);
    assert.is(outcome(run.view), 'False/PipelineRunTimeout', name);
    assert.equal(run.prepared.plan.warnings, [
      'task "resolved-pipelinetask": expected workspace "not-source" to be provided by pipelinerun for pipeline task "resolved-pipelinetask"; Tekton creates no TaskRun for it and the PipelineRun waits',
    ]);
  }
  // A Task that declares the workspace optional is run without it.
  const optional = runCaseFile('TestGetTaskrunWorkspaces_Failure.yaml', {
    pipelineRun: 'optional',
  });
  assert.is(outcome(optional.view), 'True/Succeeded');
  assert.equal(taskRunWorkspaces(optional), { 'resolved-pipelinetask': undefined });
  assert.equal(results(optional, 'resolved-pipelinetask'), { bound: 'false' });
  // A Task not among the files is given the benefit of the doubt.
  const unseen = runCaseFile('TestGetTaskrunWorkspaces_Failure.yaml', {
    pipelineRun: 'unseen-task',
  });
  assert.equal(unseen.taskRunNames(), ['prefetch-dependencies']);
  assert.is(outcome(unseen.view), 'True/Succeeded');
});

test('TestReconcile_OptionalWorkspacesOmitted: an unbound optional workspace is left out of the TaskRun', () => {
  const run = runCaseFile('TestReconcile_OptionalWorkspacesOmitted.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(taskRunWorkspaces(run), { 'unit-test-1': undefined });
  assert.equal(results(run, 'unit-test-1'), { seen: 'false|' });
});

// --- the TaskRun reconciler's checks of the bindings -------------------------------------

test('TestValidateBindingsInvalid: a declared workspace left unbound, a binding nothing declares, fail the TaskRun TaskRunValidationFailed', () => {
  const failed = (pipelineRun: string) =>
    runCaseFile('TestValidateBindingsInvalid.yaml', { pipelineRun });
  const notNeeded = failed('binding-not-needed');
  assert.is(
    condition(notNeeded, 't'),
    'TaskRunValidationFailed: [User error] declared workspace "randall" is required but has not been bound',
  );
  assert.is(outcome(notNeeded.view), 'False/Failed');
  assert.is(
    notNeeded.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  assert.is(
    condition(failed('binding-not-declared'), 't'),
    'TaskRunValidationFailed: [User error] workspace binding "kate" does not match any declared workspace',
  );
  assert.is(
    condition(failed('mismatch'), 't'),
    'TaskRunValidationFailed: [User error] workspace binding "beth" does not match any declared workspace',
  );
  // An embedded spec: the TaskRun's bindings are declarations too (propagated workspaces).
  const embedded = failed('embedded');
  assert.is(embedded.taskRun('extra-binding').condition.reason, 'Succeeded');
  assert.is(
    condition(embedded, 'unbound-declaration'),
    'TaskRunValidationFailed: [User error] declared workspace "needed" is required but has not been bound',
  );
  // prepare fails each attempt the same way, before any pod.
  assert.equal(
    embedded
      .taskRun('unbound-declaration')
      .retriesStatus.map((attempt) => attempt.condition.reason),
    ['TaskRunValidationFailed'],
  );
});

test('prepare checks the params (ValidateResolvedTask) before the bindings (ValidateBindings): the first refusal is the reason', () => {
  const run = runCaseFile('TestValidateBindingsInvalid-after-params.yaml');
  const [amd64, s390x] = run.view.taskRuns;
  assert.is(
    `${amd64.condition.reason}: ${amd64.condition.message}`,
    'TaskRunValidationFailed: [User error] invalid input params for task both-refusals-build-0: missing values for these params which have no default values: [flags]',
  );
  assert.is(
    `${s390x.condition.reason}: ${s390x.condition.message}`,
    'TaskRunValidationFailed: [User error] declared workspace "source" is required but has not been bound',
  );
  assert.is(amd64.startTimeMs, amd64.completionTimeMs);
  assert.is(s390x.startTimeMs, s390x.completionTimeMs);
  assert.is(outcome(run.view), 'False/Failed');
});
test('TestValidateOnlyOnePVCIsUsed_Invalid "a PVC and volume claim template are mixed" and _Valid "one PV claim used in two bindings with different subpaths"', () => {
  const run = runCaseFile('TestValidateBindingsInvalid.yaml', { pipelineRun: 'claims' });
  assert.is(
    condition(run, 'mixed'),
    'TaskRunValidationFailed: [User error] more than one PersistentVolumeClaim is bound',
  );
  assert.is(run.taskRun('same-claim').condition.reason, 'Succeeded');
  // Only with coschedule `workspaces`, Tekton's default (GetAffinityAssistantBehavior).
  const disabled = runCaseFile('TestValidateBindingsInvalid.yaml', {
    pipelineRun: 'claims',
    tektonConfig: {
      ...SIMULATOR_TEKTON_CONFIG,
      featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, coschedule: 'disabled' },
    },
  });
  assert.is(outcome(disabled.view), 'True/Succeeded');
});

test('TestReconcileWithAffinityAssistantStatefulSet: a TaskRun bound to a claim names its affinity assistant', () => {
  const annotations = (run: CaseRun) =>
    Object.fromEntries(
      (JSON.parse(run.json) as { items: Json[] }).items
        .filter((item) => item.kind === 'TaskRun')
        .map((item) => [
          ((item.metadata as Json).labels as Record<string, string>)['tekton.dev/pipelineTask'],
          ((item.metadata as Json).annotations as Json | undefined)?.[
            'pipeline.tekton.dev/affinity-assistant'
          ],
        ]),
    );
  const file = 'TestReconcileWithAffinityAssistantStatefulSet.yaml';
  assert.equal(annotations(runCaseFile(file)), {
    'hello-world-1': 'affinity-assistant-cab465d09a',
    'hello-world-2': 'affinity-assistant-a5f58b4179',
    'hello-world-3': undefined,
  });
  // coschedule pipelineruns: one assistant for the run, on every TaskRun; disabled: none.
  const withCoschedule = (coschedule: 'pipelineruns' | 'disabled') =>
    runCaseFile(file, {
      tektonConfig: {
        ...SIMULATOR_TEKTON_CONFIG,
        featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, coschedule },
      },
    });
  const perRun = withCoschedule('pipelineruns');
  assert.equal(annotations(perRun), {
    'hello-world-1': 'affinity-assistant-d4a5a054f7',
    'hello-world-2': 'affinity-assistant-d4a5a054f7',
    'hello-world-3': 'affinity-assistant-d4a5a054f7',
  });
  assert.equal(taskRunWorkspaces(perRun)['hello-world-1'], [
    {
      name: 'taskWorkspaceName',
      persistentVolumeClaim: { claimName: 'myclaim-e166153bfc-affinity-assistant-d4a5a054f7-0' },
    },
  ]);
  assert.equal(annotations(withCoschedule('disabled')), {
    'hello-world-1': undefined,
    'hello-world-2': undefined,
    'hello-world-3': undefined,
  });
});

// --- params and results in the bindings ---------------------------------------------------

test('TestReconcileAndPopulateParamsToWorkspaceBindings: the run params fill the run bindings, defaults do not', () => {
  const run = runCaseFile('TestReconcileAndPopulateParamsToWorkspaceBindings.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(taskRunWorkspaces(run), {
    secret: [{ name: 's1', secret: { secretName: 'secret-1' } }],
    claim: [{ name: 's1', subPath: 'dir-1', persistentVolumeClaim: { claimName: 'claim-1' } }],
    projected: [
      {
        name: 's1',
        projected: { sources: [{ configMap: { name: 'cm-1' } }, { secret: { name: 'secret-1' } }] },
      },
    ],
    csi: [{ name: 's1', csi: { driver: 'driver-1' } }],
    defaulted: [{ name: 's1', persistentVolumeClaim: { claimName: '$(params.defaulted)' } }],
  });
  assert.equal(results(run, 'secret'), { token: 'hello' });
  assert.equal(results(run, 'claim'), { claim: 'claim-1' });
  // The PipelineRun as stored keeps what was written.
  const stored = (JSON.parse(run.json) as { items: Json[] }).items[0].spec as Json;
  assert.equal((stored.workspaces as Json[])[1], {
    name: 'claim',
    subPath: '$(params.dir)',
    persistentVolumeClaim: { claimName: '$(params.claim)' },
  });
});

test('TestReconcileAndPopulateTaskResultsToWorkspaceBindings: done tasks fill the run bindings; a subPath takes only results its task reads elsewhere', () => {
  const run = runCaseFile('TestReconcileAndPopulateTaskResultsToWorkspaceBindings.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const shared = { claimName: 'shared-claim' };
  assert.equal(taskRunWorkspaces(run), {
    'a-task': undefined,
    'b-task': [{ name: 's1', persistentVolumeClaim: { claimName: 'aResultValue' } }],
    write: [{ name: 'out', subPath: 'sub', persistentVolumeClaim: shared }],
    // ApplyTaskResults: the param reads the result, so the subPath gets it too.
    'read-own': [{ name: 'in', subPath: 'sub', persistentVolumeClaim: shared }],
    // Named only in the subPath, the result is never resolved for the task.
    'subpath-only': [
      { name: 'in', subPath: '$(tasks.a-task.results.dir)', persistentVolumeClaim: shared },
    ],
    // ApplyResultsToWorkspaceBindings: the run's binding takes every done task's results.
    'read-run-binding': [{ name: 'in', subPath: 'sub', persistentVolumeClaim: shared }],
  });
  assert.equal(results(run, 'b-task'), { claim: 'aResultValue' });
  assert.equal(results(run, 'read-own'), { got: 'hello' });
  assert.equal(results(run, 'read-run-binding'), { got: 'hello' });
});

// --- what a step sees ---------------------------------------------------------------------

test('TestCreateVolumes "consistent hashed name for different inputs", TestApply "non default mount path", "readOnly true marks volume mount readOnly", applyWorkspaceMountPath', () => {
  const run = runCaseFile('TestApply-workspace-variables.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(results(run, 'volumes'), { names: 'ws-f32ff ws-a0814 ws-b2d09 ws-60320' });
  assert.equal(results(run, 'paths'), {
    declared: '/my/custom/mount/path',
    locked: 'read-only',
    own: '/step/path',
  });
  assert.equal(results(run, 'reader'), { got: 'y' });
});

// --- the webhook --------------------------------------------------------------------------

test('TestPipeline_Validate_Failure "invalid pipeline - workspace bindings in final task relying on a non-existent pipeline workspace"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: non-final-task
          taskRef: {name: foo}
      finally:
        - name: final-task
          taskRef: {name: foo}
          workspaces:
            - {name: shared-workspace, workspace: pipeline-shared-workspace}
      workspaces:
        - name: foo
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'invalid value: pipeline task "final-task" expects workspace with name "pipeline-shared-workspace" but none exists in pipeline spec',
      fieldPath: 'spec.finally[0].workspaces[0]',
    },
  ]);
});

test('TestPipelineRun_Validate "propagating workspaces", "…partially defined", "…fully defined": accepted', () => {
  for (const declared of ['', 'workspaces: [{name: ws}]']) {
    const diagnostics = validate(
      pipelineRun(`
  workspaces: [{name: ws, emptyDir: {}}]
  pipelineSpec:
    ${declared}
    tasks:
      - name: echoit
        taskSpec:
          steps:
            - {name: echo, image: ubuntu, command: [echo], args: ["$(workspaces.ws.path)"]}
    finally:
      - name: echoitfinally
        workspaces: [{name: ws, subPath: /foo}]
        taskSpec:
          workspaces: [{name: ws}]
          steps:
            - {name: echo, image: ubuntu, command: [echo], args: ["$(workspaces.ws.path)"]}
`),
    );
    assert.equal(errorsOf(diagnostics), [], declared);
  }
});

test.run();
