// Differences between Tekton releases, as data (tekton-semantics.md 3.4, 3.6, 5.2). The
// scheduler reads these switches; no version check is written anywhere else.
import { CONTAINER_ERROR_REASON, TaskRunReason } from './reasons.js';

/** The task-specific checks of skip() whose order differs between releases. */
export type DagSkipCheck = 'when' | 'parentSkipped' | 'missingResults';

export interface SemanticsProfile {
  name: string;
  description: string;
  /** TaskRun reason for a step that exits non-zero: `StepFailed` since v1.12, `Failed` before. */
  stepFailureReason: typeof TaskRunReason.StepFailed | typeof TaskRunReason.Failed;
  /**
   * The container termination reason a failed step's message ends with (`: Error`, since
   * v1.12's pkg/pod/status.go); undefined where the message has no such suffix. v0.40 wrote
   * the image and a kubectl logs hint instead, which a simulation has no values for.
   */
  stepTerminationReason?: string;
  /**
   * Rule 3 of TaskRun timeout propagation (since v1.11): the PipelineRun's tasks/finally
   * timeout becomes the TaskRun's timeout when it is 0 or above the default.
   */
  propagatesSectionTimeoutToTaskRuns: boolean;
  /**
   * What the tasks deadline does when finally tasks exist:
   * - `run-finally`: v1.13+: DAG TaskRuns are cancelled, finally runs, the run ends PipelineRunTimeout.
   * - `fail-at-once`: v1.2 to v1.12 (issue #8982): the run ends PipelineRunTimeout at once, finally never runs.
   * - `run-finally-then-failed`: v0.40 to v1.1: finally runs and the run ends Failed, because the
   *   condition only looked at the pipeline deadline.
   */
  tasksDeadline: 'run-finally' | 'fail-at-once' | 'run-finally-then-failed';
  /**
   * Issue #10512 (open at v1.15, and in v1.12, whose condition checks the tasks deadline
   * unconditionally): the tasks clock keeps running during finally, so a finally phase that
   * outlives start + tasks timeout turns the run into PipelineRunTimeout. Once finally has
   * started the controller asks for no requeue at the tasks deadline, so the change is seen
   * at the next event, not at the deadline itself.
   */
  tasksClockRunsDuringFinally: boolean;
  /** Order of skip()'s task-specific checks: when first since v0.41, after both in v0.40. */
  dagSkipOrder: readonly DagSkipCheck[];
  /**
   * v0.40's runNextSchedulableTask resolves the result references of every DAG candidate
   * and fails the whole run with InvalidTaskResultReference when one cannot be resolved;
   * later releases skip or fail validation of that one task.
   */
  unresolvedDagResultFailsRun: boolean;
  /** Pipeline-task `onError` exists (beta since v0.50); before, the field does nothing. */
  pipelineTaskOnError: boolean;
  /** `taskRunSpecs[].timeout` exists (v0.50 and later); before, the field does nothing. */
  taskRunSpecTimeout: boolean;
  /**
   * Param defaults may name other params (`$(params.x)`), resolved recursively by
   * ApplyParameters (in v1.12 and later); before, such a default stayed as written.
   */
  chainedParamDefaults: boolean;
  /**
   * A TaskRun cancelled or timed out while its condition said why it was waiting (its pod
   * unschedulable, refused by the quota, starting) keeps that in its message:
   * `\nPrevious status: [<reason>] <message>` (taskrun.go appendPreviousConditionContext,
   * since v1.13).
   */
  appendsPreviousCondition: boolean;
  /** The labels and annotations the controllers and webhooks copy (report/kubectl-metadata.ts). */
  metadata: MetadataRules;
}

/** How a release copies labels and annotations onto the PipelineRun and its TaskRuns. */
export interface MetadataRules {
  /**
   * Who decides `tekton.dev/pipeline` on the PipelineRun:
   * - `generate-name` (v1.15): propagatePipelineNameLabelToPipelineRun keeps a label the run
   *   sets and names an embedded spec's run by its generateName (RestrictLength); once the
   *   Pipeline is fetched, storePipelineSpecAndMergeMeta sets the Pipeline's name (the run's
   *   own for an embedded spec) unless that object has a generateName and the label is set.
   * - `kept-until-fetched` (v1.12): a label the run sets is kept until the Pipeline is fetched,
   *   then it is the Pipeline's name (the run's own for an embedded spec).
   * - `always-set` (v0.40): every reconcile sets it, whatever the run said.
   */
  pipelineLabel: 'generate-name' | 'kept-until-fetched' | 'always-set';
  /** createChildResourceLabels adds `tekton.dev/pipelineRunUID` (v1.12 and later). */
  pipelineRunUidLabel: boolean;
  /**
   * `chains.tekton.dev/*` annotations are dropped: by the webhooks when a PipelineRun or
   * TaskRun is created, and from those a TaskRun takes from its PipelineRun
   * (TektonReservedAnnotationExpr, createChildResourceAnnotations; v1.12 and later).
   */
  dropsReservedAnnotations: boolean;
  /**
   * The Pipeline's and the Task's `kubectl.kubernetes.io/last-applied-configuration` is not
   * copied (storePipelineSpecAndMergeMeta, storeTaskSpecAndMergeMeta: v1.12 and later).
   */
  skipsLastApplied: boolean;
}

const v1_15: SemanticsProfile = {
  name: 'v1.15',
  description:
    'tektoncd/pipeline v1.15, including open bug #10512 (tasks clock runs during finally)',
  stepFailureReason: TaskRunReason.StepFailed,
  stepTerminationReason: CONTAINER_ERROR_REASON,
  propagatesSectionTimeoutToTaskRuns: true,
  tasksDeadline: 'run-finally',
  tasksClockRunsDuringFinally: true,
  dagSkipOrder: ['when', 'parentSkipped', 'missingResults'],
  unresolvedDagResultFailsRun: false,
  pipelineTaskOnError: true,
  taskRunSpecTimeout: true,
  chainedParamDefaults: true,
  appendsPreviousCondition: true,
  metadata: {
    pipelineLabel: 'generate-name',
    pipelineRunUidLabel: true,
    dropsReservedAnnotations: true,
    skipsLastApplied: true,
  },
};

export const PROFILES: Readonly<Record<string, SemanticsProfile>> = {
  'v1.15': v1_15,
  'v1.15-fix10512': {
    ...v1_15,
    name: 'v1.15-fix10512',
    description:
      'v1.15 with the fix for #10512: the tasks deadline no longer applies once finally started',
    tasksClockRunsDuringFinally: false,
  },
  'v1.12': {
    ...v1_15,
    name: 'v1.12',
    description:
      'v1.12: at the tasks deadline the run ends PipelineRunTimeout at once; finally never runs (#8982); a finally phase that outlives the tasks deadline ends PipelineRunTimeout at its next event',
    tasksDeadline: 'fail-at-once',
    appendsPreviousCondition: false,
    metadata: { ...v1_15.metadata, pipelineLabel: 'kept-until-fetched' },
  },
  'v0.40': {
    ...v1_15,
    name: 'v0.40',
    description:
      'v0.40: finally runs after the tasks deadline and the run ends Failed; failing steps give reason Failed; TaskRuns get the 60m default unless the task sets a timeout; skip checks parents and missing results before when; a DAG result that cannot be resolved fails the run (InvalidTaskResultReference); no pipeline-task onError or taskRunSpecs timeout',
    stepFailureReason: TaskRunReason.Failed,
    stepTerminationReason: undefined,
    propagatesSectionTimeoutToTaskRuns: false,
    tasksDeadline: 'run-finally-then-failed',
    tasksClockRunsDuringFinally: false,
    dagSkipOrder: ['parentSkipped', 'missingResults', 'when'],
    unresolvedDagResultFailsRun: true,
    pipelineTaskOnError: false,
    taskRunSpecTimeout: false,
    chainedParamDefaults: false,
    appendsPreviousCondition: false,
    metadata: {
      pipelineLabel: 'always-set',
      pipelineRunUidLabel: false,
      dropsReservedAnnotations: false,
      skipsLastApplied: false,
    },
  },
};

export const DEFAULT_PROFILE = 'v1.15';

export function profileNames(): string[] {
  return Object.keys(PROFILES);
}
