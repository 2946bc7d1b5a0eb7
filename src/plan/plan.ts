// A PipelineRun compiled once into an immutable Plan that every simulated seed shares:
// tasks numbered 0..n-1 (DAG tasks first, then finally tasks), dependency edges as index
// arrays, result references resolved to producer indexes, effective timeouts computed.
import type { TektonConfig } from '../model/tekton-config.js';
import type { TaskResultReference } from '../tekton/references.js';
import type {
  ObjectRef,
  Param,
  ParamValue,
  PipelineResult,
  PipelineRunSpec,
  PipelineSpec,
  PipelineTask,
  TaskSpec,
  WhenExpression,
} from '../tekton/types.js';
import type { SemanticsProfile } from '../model/profiles.js';
import type { TaskRunMetadataSources } from '../model/status.js';
import type { ObjectMeta } from '../model/tekton-types.js';
import type { StepProgram } from '../shell/index.js';

export interface PlanResultReference extends TaskResultReference {
  /** Index of the producing task in Plan.tasks, or -1 when it names no task. */
  producer: number;
}

export interface PlanStep {
  name: string;
  /** The container name Tekton gives the step: `step-<name>` or `step-unnamed-<i>`. */
  containerName: string;
  onErrorContinue: boolean;
  /** The step's `onError` when it holds a variable (`$(params.x)`): decided per attempt. */
  onErrorText?: string;
  /**
   * The step's `args` when one of them is a whole reference that may stand for an array
   * (`$(params.arr[*])`): expanded per attempt into the script's positional arguments.
   */
  argsWithArrays?: string[];
  /** Step-level `timeout`, undefined when none. */
  timeoutMs?: number;
  program: StepProgram;
}

export interface PlanTask {
  index: number;
  name: string;
  isFinally: boolean;
  /** The pipeline task with PipelineRun params and context already substituted. */
  pipelineTask: PipelineTask;
  params: Param[];
  when: WhenExpression[];
  /** Declared task spec; undefined for opaque tasks (refs we cannot resolve here). */
  taskSpec?: TaskSpec;
  /**
   * The pipeline task's taskRef as Tekton copies it into the TaskRun's spec: its name and
   * params with the run's params and context filled in (replaceVariablesInPipelineTasks).
   * Undefined for an embedded taskSpec.
   */
  taskRunTaskRef?: ObjectRef;
  /** Why the task's steps are not visible (resolver, bundle, custom task, ...). */
  opaque?: string;
  /** DAG parents (runAfter and result references), sorted, without duplicates. */
  parents: number[];
  children: number[];
  /** Result references in params, when and matrix: resolved at TaskRun creation. */
  resultReferences: PlanResultReference[];
  /**
   * Its params or when hold a result reference: Tekton's hasResultReferences, which alone
   * lets the missing-results skip apply. It means to read matrix.params too but reads params
   * twice, so references only in the matrix or the embedded taskSpec do not count.
   */
  hasParamOrWhenResultReferences: boolean;
  /** Uses $(tasks.X.status|reason) or $(tasks.status): substituted when finally starts. */
  usesExecutionStatus: boolean;
  declaredResults: ReadonlySet<string>;
  retries: number;
  /**
   * TaskRun spec.timeout the PipelineRun sets (tekton-semantics 3.4): undefined when left to
   * TaskRun defaulting, 0 for no timeout.
   */
  taskRunTimeoutMs?: number;
  /** The timeout each attempt actually gets: taskRunTimeoutMs, or the default when unset. 0 = none. */
  effectiveTimeoutMs: number;
  onErrorContinue: boolean;
  steps: PlanStep[];
  /** Param defaults of the task spec, for substitution inside step scripts. */
  taskParamDefaults: ReadonlyMap<string, ParamValue>;
  hasMatrix: boolean;
  /**
   * The TaskRun webhook's refusal of the TaskRun this task would create (a negative timeout
   * or retries, which the Pipeline webhook lets through, or an embedded spec under
   * disable-inline-spec: taskrun): creating it fails the run CreateRunFailed with this message.
   */
  createRunError?: string;
  /**
   * A step's params do not fit its StepAction: the TaskRun reconciler's prepare fails each
   * TaskRun of this task at its first reconcile, before any pod, `TaskRunResolutionFailed`
   * with this message (GetStepActionsData's error; MarkResourceFailed sets completionTime
   * to the condition's time, which is startTime). Retries fail the same way.
   */
  resolutionError?: string;
  /**
   * The reason resolutionError fails the TaskRuns with when it is not TaskRunResolutionFailed:
   * TaskRunValidationFailed for workspace bindings prepare refuses (taskrun-workspace-checks.ts),
   * which prepare checks after the TaskRun's params (lifecycle.ts prepareFailure).
   */
  resolutionReason?: string;
  /**
   * getTaskrunWorkspaces fails for this task (a workspace it needs that the PipelineRun does
   * not bind): createTaskRun returns a permanent error before creating anything, at every
   * reconcile, without marking the run; the task is never created (entry 73).
   */
  bindingsError?: string;
  /**
   * With enable-param-enum on: the Task's params that declare an `enum`, by name. The
   * TaskRuns' params are checked against them when they are created (InvalidParamValue).
   */
  paramEnums?: ReadonlyMap<string, readonly string[]>;
  /** What its TaskRuns' labels and annotations are copied from, read only when printing. */
  metadataSources: TaskRunMetadataSources;
}

export interface PlanTimeouts {
  /** Undefined = no deadline for that scope (Tekton's "0" or not derived). */
  pipelineMs?: number;
  tasksMs?: number;
  finallyMs?: number;
}

/** A run-time validation failure Tekton reports before creating any TaskRun (5.1). */
export interface StartFailure {
  reason: string;
  message: string;
  /**
   * Found by the checks reconcile() makes only after evaluating CEL (result references,
   * optional workspaces): a CEL failure, if any, is reported instead.
   */
  afterCel?: boolean;
  /**
   * Found before ApplyParameters (the params, workspace and taskRunSpecs checks of
   * reconcile): status.pipelineSpec keeps the spec as written, nothing substituted.
   */
  beforeParams?: boolean;
}

/** A TaskRun simulated on its own (plan/prepare-taskrun.ts): its Plan's one task is it. */
export interface StandaloneTaskRun {
  /** metadata.name: the TaskRun's name, not `<pipelinerun>-<task>`. */
  name: string;
  /** spec.status as written: TaskRunCancelled from its creation, or TaskRunPending. */
  specStatus?: string;
  /** spec.statusMessage, which ends the cancel message (`TaskRun "x" was cancelled. <it>`). */
  statusMessage?: string;
}

export interface Plan {
  /** Set only for a standalone TaskRun: no PipelineRun exists, and none is printed. */
  standaloneTaskRun?: StandaloneTaskRun;
  pipelineRunName: string;
  namespace: string;
  uid: string;
  pipelineName?: string;
  /** The referenced Pipeline's metadata (its labels and annotations are copied onto the run). */
  pipelineMetadata?: ObjectMeta;
  runSpec: PipelineRunSpec;
  /**
   * The Pipeline's spec as resolved (the referenced Pipeline's, or the run's embedded one),
   * before any substitution: what the controller stores in status.pipelineSpec.
   */
  pipelineSpec: PipelineSpec;
  tasks: PlanTask[];
  /** tasks[0..dagCount) are DAG tasks; the rest are finally tasks. */
  dagCount: number;
  timeouts: PlanTimeouts;
  defaultTimeoutMs: number;
  /** The feature flags and config-defaults the run was prepared with. */
  tektonConfig: TektonConfig;
  params: ReadonlyMap<string, ParamValue>;
  pipelineResults: PipelineResult[];
  /** Results of tasks that cannot be seen (opaque) are assumed written when referenced. */
  opaqueResultNames: ReadonlyMap<number, ReadonlySet<string>>;
  profile: SemanticsProfile;
  startFailure?: StartFailure;
  /**
   * Tasks with a result reference that indexes an array (`$(tasks.t.results.r[2])`): while
   * such a task has no TaskRun, an index past the written array fails the run (ResolvePipelineTask).
   */
  indexedResultTasks: readonly number[];
  /**
   * Tasks whose params read results and whose Task declares params: once those results are
   * filled in, their types are checked again (ValidateResolvedTask at every reconcile).
   */
  resultParamTasks: readonly number[];
  /** Notes and warnings found while compiling (opaque tasks, shell constructs not simulated). */
  warnings: string[];
  taskIndexByName: ReadonlyMap<string, number>;
  /** `W.bound` of every workspace the Pipeline declares or the PipelineRun binds (ApplyWorkspaces). */
  boundWorkspaces?: Readonly<Record<string, string>>;
  /** ConfigMap and Secret data among the loaded files, by `ConfigMap/name`, for workspaces. */
  volumeSources: ReadonlyMap<string, Readonly<Record<string, string>>>;
}
