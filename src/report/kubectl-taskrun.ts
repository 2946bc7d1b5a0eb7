// A standalone TaskRun as `kubectl get taskrun NAME -o yaml|json` shows it: a v1 List of
// that one TaskRun. Its status is built as a PipelineRun's TaskRuns' are (kubectl.ts); its
// metadata and spec are its own: no ownerReferences, no PipelineRun labels, and the spec as
// the user wrote it after TaskRunSpec.SetDefaults (serviceAccountName, timeout, the taskRef's
// kind, an embedded taskSpec's types), in TaskRunSpec's json order (taskrun_types.go).
import type { RunView, TaskRunView } from '../model/status.js';
import type { ObjectMeta, TaskRunSpec } from '../tekton/types.js';
import {
  clockAt,
  type KubectlList,
  type KubectlListOptions,
  paramObject,
  taskRunStatusObject,
} from './kubectl.js';
import { fields, type JsonObject, omitEmpty, sortedRecord } from './kubectl-fields.js';
import { standaloneTaskRunMetadata } from './kubectl-metadata.js';
import {
  DEFAULT_SERVICE_ACCOUNT,
  defaultedTaskRef,
  defaultedTaskSpec,
  normalizeDuration,
} from './kubectl-spec-defaults.js';
import { formatGoDuration } from '../tekton/duration.js';

export interface TaskRunInput {
  metadata: ObjectMeta;
  spec: TaskRunSpec;
}

export function toKubectlTaskRunList(
  view: RunView,
  run: TaskRunInput,
  options: KubectlListOptions,
): KubectlList {
  const clock = clockAt(options.startTimeEpochMs);
  const account = options.defaultServiceAccount ?? DEFAULT_SERVICE_ACCOUNT;
  const items = view.taskRuns.map((taskRun) => taskRunObject(taskRun, view, run, clock, account));
  return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
}

function taskRunObject(
  taskRun: TaskRunView,
  view: RunView,
  run: TaskRunInput,
  clock: (virtualMs: number) => string,
  defaultAccount: string,
): JsonObject {
  // A TaskRun cancelled or pending from its creation never reaches prepare, which fetches
  // the Task (ReconcileKind returns before it): no status.taskSpec and no Task metadata.
  const fetchedTask = !taskRun.beforePrepare;
  const meta = standaloneTaskRunMetadata(taskRun, view, run.metadata, fetchedTask);
  const metadata = fields([
    ['name', taskRun.name],
    ['generateName', omitEmpty(run.metadata.generateName)],
    ['namespace', view.namespace],
    ['uid', omitEmpty(run.metadata.uid)],
    ['creationTimestamp', clock(taskRun.createdAtMs)],
    ['labels', sortedRecord(meta.labels)],
    ['annotations', omitEmpty(sortedRecord(meta.annotations))],
  ]);
  const spec = run.spec;
  const written = spec as Record<string, unknown>;
  const timeout =
    spec.timeout === undefined
      ? formatGoDuration(view.defaultTimeoutMs ?? 60 * 60 * 1000)
      : normalizeDuration(spec.timeout);
  const specObject = fields([
    ['debug', written.debug],
    ['params', omitEmpty((spec.params ?? []).map(paramObject))],
    ['serviceAccountName', spec.serviceAccountName || defaultAccount],
    ['taskRef', spec.taskRef ? defaultedTaskRef(spec.taskRef) : undefined],
    [
      'taskSpec',
      spec.taskSpec ? defaultedTaskSpec(spec.taskSpec as Record<string, unknown>) : undefined,
    ],
    // A --cancel patch replaces spec.status; statusMessage stays as written.
    ['status', omitEmpty(taskRun.specStatus ?? spec.status)],
    ['statusMessage', omitEmpty(spec.statusMessage)],
    ['retries', omitEmpty(spec.retries)],
    ['timeout', timeout],
    ['podTemplate', written.podTemplate],
    ['workspaces', omitEmpty(spec.workspaces)],
    ['stepSpecs', omitEmpty(spec.stepSpecs)],
    ['sidecarSpecs', omitEmpty(spec.sidecarSpecs)],
    ['computeResources', written.computeResources],
    ['managedBy', omitEmpty(spec.managedBy)],
  ]);
  return fields([
    ['apiVersion', 'tekton.dev/v1'],
    ['kind', 'TaskRun'],
    ['metadata', metadata],
    ['spec', specObject],
    ['status', taskRunStatusObject(taskRun, view, clock)],
  ]);
}
