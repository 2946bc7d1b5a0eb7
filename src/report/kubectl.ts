// A simulated PipelineRun and its TaskRuns as `kubectl get pipelinerun,taskrun -o json`
// shows them: a v1 List with the PipelineRun first, then each TaskRun in creation order.
//
// Objects are built with keys in the order of Tekton's Go structs (json tags in
// pipelinerun_types.go and taskrun_types.go, knative's Condition, metav1.ObjectMeta), which
// is what the API server returns. kubectl itself re-sorts every key; serialize.ts does that
// when asked (KUBECTL_JSON), so one builder serves both. Fields Go tags `omitempty` are left
// out when empty; the few without it (podName, serviceAccountName) are always written.
import { childName } from '../taskrun/naming.js';
import type {
  RunResultValue,
  RunView,
  SkippedTask,
  ChildReference,
  SucceededCondition,
  TaskRunAttemptView,
  TaskRunView,
} from '../model/status.js';
import type {
  ObjectMeta,
  Param,
  ParamValue,
  PipelineRunSpec,
  WhenExpression,
} from '../tekton/types.js';
import {
  DEFAULT_SERVICE_ACCOUNT,
  defaultedPipelineRunSpec,
  defaultedPipelineSpec,
  defaultedTaskRef,
  defaultedTaskSpec,
  normalizeDuration,
  taskRunSpecOverrides,
} from './kubectl-spec-defaults.js';
import { formatRfc3339Seconds } from './time.js';
import { fields, type JsonObject, omitEmpty, sortedRecord } from './kubectl-fields.js';
import { sidecarStates, stepStates } from './kubectl-steps.js';
import {
  type Metadata,
  pipelineRunMetadata,
  reconciledPipelineRunMetadata,
  taskRunMetadata,
} from './kubectl-metadata.js';

export type { JsonObject };

export interface KubectlList {
  apiVersion: 'v1';
  kind: 'List';
  items: JsonObject[];
  metadata: { resourceVersion: '' };
}

/** The PipelineRun as the user wrote it (v1 shape): what the formatter cannot learn from the view. */
export interface PipelineRunInput {
  spec: PipelineRunSpec;
  metadata: ObjectMeta;
}

export interface KubectlListOptions {
  /** Wall-clock instant of the run's epoch (virtual time 0, the PipelineRun's creation). */
  startTimeEpochMs: number;
  /** config-defaults default-service-account (Tekton's default: `default`). */
  defaultServiceAccount?: string;
}

const TEKTON_API_VERSION = 'tekton.dev/v1';

export type Clock = (virtualMs: number) => string;

export function toKubectlList(
  view: RunView,
  run: PipelineRunInput,
  options: KubectlListOptions,
): KubectlList {
  const clock = clockAt(options.startTimeEpochMs);
  const account = options.defaultServiceAccount ?? DEFAULT_SERVICE_ACCOUNT;
  const items = [pipelineRunObject(view, run, pipelineRunMetadata(view, run), clock, account)];
  // TaskRuns are made from the run as its reconciler holds it, written back or not.
  const reconciled = reconciledPipelineRunMetadata(view, run);
  for (const taskRun of view.taskRuns) {
    items.push(taskRunObject(taskRun, view, run, reconciled, clock, account));
  }
  return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
}

/**
 * Virtual time as RFC 3339 stamps from the run's start. Each instant is formatted once: a
 * TaskRun retried 10,000 times carries tens of thousands of stamps of a few instants.
 */
export function clockAt(startTimeEpochMs: number): Clock {
  const formatted = new Map<number, string>();
  return (virtualMs) => {
    let text = formatted.get(virtualMs);
    if (text === undefined) {
      text = formatRfc3339Seconds(startTimeEpochMs + virtualMs);
      formatted.set(virtualMs, text);
    }
    return text;
  };
}

function pipelineRunObject(
  view: RunView,
  run: PipelineRunInput,
  meta: Metadata,
  clock: Clock,
  defaultAccount: string,
): JsonObject {
  const status = view.pipelineRun;
  const metadata = fields([
    ['name', view.pipelineRunName],
    ['generateName', omitEmpty(run.metadata.generateName)],
    ['namespace', view.namespace],
    ['uid', omitEmpty(run.metadata.uid)],
    ['creationTimestamp', clock(0)],
    ['labels', omitEmpty(sortedRecord(meta.labels))],
    ['annotations', omitEmpty(sortedRecord(meta.annotations))],
  ]);
  return fields([
    ['apiVersion', TEKTON_API_VERSION],
    ['kind', 'PipelineRun'],
    ['metadata', metadata],
    ['spec', defaultedPipelineRunSpec(run.spec, view.defaultTimeoutMs, defaultAccount)],
    [
      'status',
      status.statusUnwritten
        ? undefined
        : fields([
            ['conditions', [conditionObject(status.condition, clock)]],
            ['startTime', optionalTime(status.startTimeMs, clock)],
            ['completionTime', optionalTime(status.completionTimeMs, clock)],
            ['results', omitEmpty(status.results.map(pipelineResultObject))],
            [
              'pipelineSpec',
              status.pipelineSpec ? defaultedPipelineSpec(status.pipelineSpec()) : undefined,
            ],
            ['skippedTasks', omitEmpty(status.skippedTasks.map(skippedTaskObject))],
            ['childReferences', omitEmpty(status.childReferences.map(childReferenceObject))],
            ['finallyStartTime', optionalTime(status.finallyStartTimeMs, clock)],
          ]),
    ],
  ]);
}

function taskRunObject(
  taskRun: TaskRunView,
  view: RunView,
  run: PipelineRunInput,
  pipelineRunMeta: Metadata,
  clock: Clock,
  defaultAccount: string,
): JsonObject {
  const meta = taskRunMetadata(taskRun, view, run, pipelineRunMeta);
  const metadata = fields([
    ['name', taskRun.name],
    ['namespace', view.namespace],
    ['creationTimestamp', clock(taskRun.createdAtMs)],
    ['labels', sortedRecord(meta.labels)],
    ['annotations', omitEmpty(sortedRecord(meta.annotations))],
    [
      'ownerReferences',
      [
        fields([
          ['apiVersion', TEKTON_API_VERSION],
          ['kind', 'PipelineRun'],
          ['name', view.pipelineRunName],
          // Always set on a real object; the simulator knows it only if the input gave one.
          ['uid', omitEmpty(run.metadata.uid)],
          ['controller', true],
          ['blockOwnerDeletion', true],
        ]),
      ],
    ],
  ]);
  const attemptIndex = taskRun.retriesStatus.length;
  const specs = taskRun.taskSpecs?.(attemptIndex);
  // createTaskRun's fields, then TaskRunSpec.SetDefaults' (TaskRunSpec's json order).
  const overrides = taskRunSpecOverrides(taskRun.pipelineTaskName, run.spec);
  const spec = fields([
    ['params', omitEmpty(taskRun.params.map(paramObject))],
    ['serviceAccountName', serviceAccountOf(taskRun.pipelineTaskName, run.spec, defaultAccount)],
    ['taskRef', taskRun.taskRef ? defaultedTaskRef(taskRun.taskRef) : undefined],
    ['taskSpec', specs?.spec ? defaultedTaskSpec(specs.spec) : undefined],
    ['status', omitEmpty(taskRun.specStatus)],
    ['statusMessage', omitEmpty(taskRun.specStatusMessage)],
    ['retries', omitEmpty(taskRun.retries)],
    ['timeout', taskRun.timeout === undefined ? undefined : normalizeDuration(taskRun.timeout)],
    ['podTemplate', overrides.podTemplate],
    ['workspaces', specs?.workspaces],
    ['stepSpecs', omitEmpty(overrides.stepSpecs)],
    ['sidecarSpecs', omitEmpty(overrides.sidecarSpecs)],
    ['computeResources', overrides.computeResources],
  ]);
  return fields([
    ['apiVersion', TEKTON_API_VERSION],
    ['kind', 'TaskRun'],
    ['metadata', metadata],
    ['spec', spec],
    ['status', taskRunStatusObject(taskRun, view, clock)],
  ]);
}

/**
 * A TaskRun's status as its reconciler writes it; undefined before its first reconcile (a
 * TaskRun is created without one). Shared by a PipelineRun's TaskRuns and a standalone one.
 */
export function taskRunStatusObject(
  taskRun: TaskRunView,
  view: RunView,
  clock: Clock,
): JsonObject | undefined {
  if (taskRun.statusUnwritten) return undefined;
  const attemptIndex = taskRun.retriesStatus.length;
  const specs = taskRun.taskSpecs?.(attemptIndex);
  const podName = podNameOf(
    taskRun.name,
    attemptIndex,
    taskRun.withoutPod ? undefined : taskRun.startTimeMs,
  );
  // retryTaskRun archives a copy of the whole status and clears neither steps nor
  // artifacts: an attempt whose steps never ran shows the previous attempt's, and
  // `artifacts: {}`, which a pod that completed leaves, stays once written.
  const archived: JsonObject[] = [];
  for (const [index, attempt] of taskRun.retriesStatus.entries())
    archived.push(attemptObject(attempt, index, taskRun, clock, archived[index - 1]));
  const ownSteps = stepStates(taskRun.steps, {
    containers: taskRun.stepContainers ?? [],
    resultNames: taskRun.resultNames ?? [],
    stepResults: taskRun.stepResultSpecs,
    podName,
    reason: taskRun.condition.reason,
    completionTimeMs: taskRun.completionTimeMs,
    asOfMs: view.asOfMs,
    clock,
  });
  const previous = archived.length > 0 ? archived[archived.length - 1] : undefined;
  return fields([
    ['conditions', [conditionObject(taskRun.condition, clock)]],
    ['podName', podName],
    ['startTime', optionalTime(taskRun.startTimeMs, clock)],
    ['completionTime', optionalTime(taskRun.completionTimeMs, clock)],
    ['steps', ownSteps ?? (taskRun.steps ? undefined : previous?.steps)],
    ['retriesStatus', omitEmpty(archived)],
    ['results', omitEmpty(taskRun.results.map(taskResultObject))],
    [
      'artifacts',
      taskRun.steps?.endedBy === 'steps' || previous?.artifacts !== undefined ? {} : undefined,
    ],
    [
      'sidecars',
      sidecarStates(taskRun.steps, taskRun.sidecarContainers ?? [], clock) ??
        (taskRun.steps ? undefined : previous?.sidecars),
    ],
    // GetTaskData defaults the spec (TaskSpec.SetDefaults) before the reconciler fills it in.
    ['taskSpec', specs && !taskRun.beforePrepare ? defaultedTaskSpec(specs.status) : undefined],
  ]);
}

/**
 * An archived attempt: Tekton copies the whole status, minus the nested retriesStatus, so
 * it keeps the steps and artifacts of the attempts before it when its own never ran.
 */
function attemptObject(
  attempt: TaskRunAttemptView,
  index: number,
  taskRun: TaskRunView,
  clock: Clock,
  before: JsonObject | undefined,
): JsonObject {
  const podName = podNameOf(taskRun.name, index, taskRun.noPods ? undefined : attempt.startTimeMs);
  const specs = taskRun.taskSpecs?.(index);
  const steps = stepStates(attempt.steps, {
    containers: taskRun.stepContainers ?? [],
    resultNames: taskRun.resultNames ?? [],
    stepResults: taskRun.stepResultSpecs,
    podName,
    reason: attempt.condition.reason,
    completionTimeMs: attempt.completionTimeMs,
    clock,
  });
  return fields([
    ['conditions', [conditionObject(attempt.condition, clock)]],
    ['podName', podName],
    ['startTime', optionalTime(attempt.startTimeMs, clock)],
    ['completionTime', optionalTime(attempt.completionTimeMs, clock)],
    ['steps', steps ?? (attempt.steps ? undefined : before?.steps)],
    ['results', omitEmpty(attempt.results.map(taskResultObject))],
    [
      'artifacts',
      attempt.steps?.endedBy === 'steps' || before?.artifacts !== undefined ? {} : undefined,
    ],
    [
      'sidecars',
      sidecarStates(attempt.steps, taskRun.sidecarContainers ?? [], clock) ??
        (attempt.steps ? undefined : before?.sidecars),
    ],
    ['taskSpec', specs && !taskRun.beforePrepare ? defaultedTaskSpec(specs.status) : undefined],
  ]);
}

/** taskRunSpecs[] wins over taskRunTemplate, and the defaulting webhook fills in the rest. */
function serviceAccountOf(
  pipelineTaskName: string,
  spec: PipelineRunSpec,
  defaultAccount: string,
): string {
  const override = spec.taskRunSpecs?.find((entry) => entry.pipelineTaskName === pipelineTaskName);
  return override?.serviceAccountName || spec.taskRunTemplate?.serviceAccountName || defaultAccount;
}

/**
 * Tekton names an attempt's pod `<taskrun>-pod`, then `<taskrun>-pod-retry<N>` for the N-th
 * retry. An attempt that never started has no pod; Go writes the empty podName anyway.
 */
function podNameOf(
  taskRunName: string,
  attemptIndex: number,
  startTimeMs: number | undefined,
): string {
  if (startTimeMs === undefined) return '';
  const suffix = attemptIndex === 0 ? '-pod' : `-pod-retry${attemptIndex}`;
  return childName(taskRunName, suffix);
}

export function conditionObject(condition: SucceededCondition, clock: Clock): JsonObject {
  return fields([
    ['type', condition.type],
    ['status', condition.status],
    ['lastTransitionTime', clock(condition.lastTransitionTimeMs)],
    ['reason', omitEmpty(condition.reason)],
    ['message', omitEmpty(condition.message)],
  ]);
}

function skippedTaskObject(skipped: SkippedTask): JsonObject {
  return fields([
    ['name', skipped.name],
    ['reason', skipped.reason],
    ['whenExpressions', omitEmpty((skipped.whenExpressions ?? []).map(whenExpressionObject))],
  ]);
}

function childReferenceObject(child: ChildReference): JsonObject {
  return fields([
    ['apiVersion', child.apiVersion],
    ['kind', child.kind],
    ['name', child.name],
    ['displayName', omitEmpty(child.displayName)],
    ['pipelineTaskName', child.pipelineTaskName],
    ['whenExpressions', omitEmpty((child.whenExpressions ?? []).map(whenExpressionObject))],
  ]);
}

function whenExpressionObject(expression: WhenExpression): JsonObject {
  return fields([
    ['input', omitEmpty(expression.input)],
    ['operator', omitEmpty(expression.operator)],
    ['values', omitEmpty(expression.values === undefined ? undefined : [...expression.values])],
    ['cel', omitEmpty(expression.cel)],
  ]);
}

export function paramObject(param: Param): JsonObject {
  return { name: param.name, value: copyValue(param.value) };
}

function pipelineResultObject(result: RunResultValue): JsonObject {
  return { name: result.name, value: copyValue(result.value) };
}

/** TaskRunResult carries its type; Tekton infers it from the value's shape. */
function taskResultObject(result: RunResultValue): JsonObject {
  return { name: result.name, type: typeOfValue(result.value), value: copyValue(result.value) };
}

function typeOfValue(value: ParamValue): 'string' | 'array' | 'object' {
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'array' : 'object';
}

/** Copies, so the returned tree shares nothing with the view and YAML never sees a repeat. */
function copyValue(value: ParamValue): ParamValue {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? [...value] : { ...value };
}

function optionalTime(virtualMs: number | undefined, clock: Clock): string | undefined {
  return virtualMs === undefined ? undefined : clock(virtualMs);
}
