// The outcome of one simulated PipelineRun, in the shapes Tekton writes to status (v1).
// Times are virtual milliseconds since the run's epoch (spec creation); formatters turn them
// into RFC 3339 timestamps against a chosen start time.
import type { AttemptOutcome } from './attempt-outcome.js';
import type { SUCCEEDED_CONDITION, TaskRunSpecStatus } from './reasons.js';
import type { MetadataRules } from './profiles.js';
import type { ObjectMeta, ObjectRef, Param, ParamValue, WhenExpression } from './tekton-types.js';

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
  /** No reconcile has run yet (the controller has not got to the run): no `status` at all. */
  statusUnwritten?: boolean;
  condition: SucceededCondition;
  startTimeMs?: number;
  completionTimeMs?: number;
  finallyStartTimeMs?: number;
  skippedTasks: SkippedTask[];
  childReferences: ChildReference[];
  results: RunResultValue[];
  /**
   * status.pipelineSpec, worked out when printed; absent when no reconcile fetched the
   * Pipeline. Not enumerable, like TaskRunView.taskSpecs.
   */
  pipelineSpec?: () => Record<string, unknown>;
}

/**
 * What the simulation knows of one attempt's steps: status.steps is built from it only when
 * printed (report/kubectl-steps.ts).
 */
export interface AttemptStepsView {
  /** The attempt's outcome, drawn when its steps started. */
  outcome: AttemptOutcome;
  /** When its pod's containers started, which is when its first step started. */
  startedAtMs: number;
  /**
   * How it ended: its steps ran to their end (`steps`); it was stopped with its pod by a
   * timeout or a cancel (`stopped`); its pod failed under it (`pod`); or it still runs.
   */
  endedBy: 'steps' | 'stopped' | 'pod' | 'running';
  /** A stopped attempt: when its steps' states were last read (the timeout, the cancel). */
  stoppedAtMs?: number;
}

/** One archived attempt, as Tekton keeps it in `status.retriesStatus`. */
export interface TaskRunAttemptView {
  condition: SucceededCondition;
  startTimeMs?: number;
  completionTimeMs?: number;
  results: RunResultValue[];
  /** Its steps, when they ran. */
  steps?: AttemptStepsView;
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
  /** Ended before its reconciler's prepare fetched the Task: no status.taskSpec (standalone). */
  beforePrepare?: boolean;
  /** No attempt had a pod: prepare failed each before it made one (TaskRunResolutionFailed). */
  noPods?: boolean;
  /**
   * No reconcile has written the TaskRun's status yet (its first one waits for the rate
   * limiter to create the pod): kubectl shows no `status` at all.
   */
  statusUnwritten?: boolean;
  completionTimeMs?: number;
  results: RunResultValue[];
  retriesStatus: TaskRunAttemptView[];
  /** The current attempt's steps, when they started. */
  steps?: AttemptStepsView;
  /** The task's step containers in order (`step-<name>`, `step-unnamed-<i>`). */
  stepContainers?: readonly string[];
  /** The task's declared results in order: the ones its steps' termination messages carry. */
  resultNames?: readonly string[];
  /** Per step container, its declared step results (`-step_results`), typed as defaulted. */
  stepResultSpecs?: readonly (readonly DeclaredStepResult[])[];
  /** The task's sidecar containers in order (`sidecar-<name>`). */
  sidecarContainers?: readonly string[];
  /**
   * spec.taskSpec and an attempt's status.taskSpec (0-based attempt), worked out when asked:
   * only printing asks. Undefined for a task we cannot see into.
   */
  taskSpecs?: (attempt: number) => TaskRunTaskSpecs | undefined;
}

/** A TaskRun's own sources of labels and annotations (report/kubectl-metadata.ts). */
export interface TaskRunMetadataSources {
  /** The referenced Task's metadata, when the Task was loaded. */
  task?: ObjectMeta;
  /** An embedded taskSpec's `metadata` (its labels and annotations), as written. */
  taskSpec?: ObjectMeta;
  /** The pipeline task says `onError: continue`, in a release that knows the field. */
  onErrorContinue: boolean;
  /** `pipeline.tekton.dev/affinity-assistant`, which createTaskRun sets (plan/affinity-assistant.ts). */
  affinityAssistant?: string;
}

/** The PipelineRun's sources of labels and annotations besides its own (report/kubectl-metadata.ts). */
export interface RunMetadataSources {
  /** The release's rules (SemanticsProfile.metadata). */
  rules: MetadataRules;
  /** The referenced Pipeline's metadata; undefined for an embedded pipelineSpec. */
  pipeline?: ObjectMeta;
  /** config-defaults' default-managed-by-label-value, which the TaskRun webhook applies. */
  managedBy: string;
  /** Each pipeline task's TaskRuns' own sources, by the pipeline task's name. */
  tasks: ReadonlyMap<string, TaskRunMetadataSources>;
}

/** A TaskRun's task specs as Tekton writes them, before defaulting (taskrun/task-specs.ts). */
export interface TaskRunTaskSpecs {
  /** spec.taskSpec: only for an embedded spec. */
  spec?: Record<string, unknown>;
  /** status.taskSpec of the attempt asked for. */
  status: Record<string, unknown>;
  /** spec.workspaces: the bindings createTaskRun gives the TaskRun (getTaskrunWorkspaces). */
  workspaces?: Record<string, unknown>[];
}

export interface RunView {
  pipelineRunName: string;
  namespace: string;
  pipelineName?: string;
  /** Virtual time the view shows: the simulation's end. */
  asOfMs?: number;
  /** config-defaults' default timeout, which the webhook writes into unset timeouts; 60m when absent. */
  defaultTimeoutMs?: number;
  pipelineRun: PipelineRunStatusView;
  /** In creation order. */
  taskRuns: TaskRunView[];
  /** Not enumerable, like TaskRunView.taskSpecs; absent from views not built from a Plan. */
  metadataSources?: RunMetadataSources;
}

/** A step's declared result, its type defaulted (StepResult.SetDefaults). */
export interface DeclaredStepResult {
  name: string;
  type: 'string' | 'array' | 'object';
}
