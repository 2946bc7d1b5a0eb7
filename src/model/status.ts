// The outcome of one simulated PipelineRun, in the shapes Tekton writes to status (v1).
// Times are virtual milliseconds since the run's epoch (spec creation); formatters turn them
// into RFC 3339 timestamps against a chosen start time.
import type { SUCCEEDED_CONDITION, TaskRunSpecStatus } from './reasons.js';
import type { ObjectRef, Param, ParamValue, WhenExpression } from './tekton-types.js';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface SucceededCondition {
  type: typeof SUCCEEDED_CONDITION;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTimeMs: number;
}

export interface SkippedTask {
  name: string;
  reason: string;
  whenExpressions?: WhenExpression[];
}

export interface ChildReference {
  apiVersion: 'tekton.dev/v1';
  kind: 'TaskRun' | 'CustomRun';
  name: string;
  pipelineTaskName: string;
  displayName?: string;
  whenExpressions?: WhenExpression[];
}

export interface RunResultValue {
  name: string;
  value: ParamValue;
}

export interface PipelineRunStatusView {
  condition: SucceededCondition;
  startTimeMs?: number;
  completionTimeMs?: number;
  finallyStartTimeMs?: number;
  skippedTasks: SkippedTask[];
  childReferences: ChildReference[];
  results: RunResultValue[];
}

/** One archived attempt, as Tekton keeps it in `status.retriesStatus`. */
export interface TaskRunAttemptView {
  condition: SucceededCondition;
  startTimeMs?: number;
  completionTimeMs?: number;
  results: RunResultValue[];
}

export interface TaskRunView {
  /** `<pipelinerun>-<pipelinetask>`, with `-<i>` for matrix fan-out. */
  name: string;
  pipelineTaskName: string;
  isFinally: boolean;
  createdAtMs: number;
  /** spec.params after substitution. */
  params: Param[];
  /** spec.taskRef as Tekton copies it from the pipeline task; undefined for an embedded spec. */
  taskRef?: ObjectRef;
  /** spec.timeout in Go format; undefined when the PipelineRun left it to TaskRun defaulting. */
  timeout?: string;
  retries: number;
  /** spec.status / spec.statusMessage, set when the PipelineRun cancelled this TaskRun. */
  specStatus?: typeof TaskRunSpecStatus.TaskRunCancelled;
  specStatusMessage?: string;
  condition: SucceededCondition;
  startTimeMs?: number;
  /** The current attempt never had a pod (the quota refused it until a cancel): no podName. */
  withoutPod?: boolean;
  completionTimeMs?: number;
  results: RunResultValue[];
  retriesStatus: TaskRunAttemptView[];
}

export interface RunView {
  pipelineRunName: string;
  namespace: string;
  pipelineName?: string;
  /** config-defaults' default timeout, which the webhook writes into unset timeouts; 60m when absent. */
  defaultTimeoutMs?: number;
  pipelineRun: PipelineRunStatusView;
  /** In creation order. */
  taskRuns: TaskRunView[];
}
