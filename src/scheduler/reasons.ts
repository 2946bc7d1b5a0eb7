// Tekton's exact strings, in one place (tekton-semantics.md 2.4, 4, 5.1, 5.2). Status
// messages and skip reasons are compared byte for byte by users' tooling, so none of these
// may be written anywhere else.

/** Skip reasons, as they appear in PipelineRun status.skippedTasks[].reason. */
export const SkipReason = {
  WhenExpressions: 'When Expressions evaluated to false',
  ParentTasks: 'Parent Tasks were skipped',
  Stopping: 'PipelineRun was stopping',
  GracefullyCancelled: 'PipelineRun was gracefully cancelled',
  GracefullyStopped: 'PipelineRun was gracefully stopped',
  MissingResults: 'Results were missing',
  PipelineTimedOut: 'PipelineRun timeout has been reached',
  TasksTimedOut: 'PipelineRun Tasks timeout has been reached',
  FinallyTimedOut: 'PipelineRun Finally timeout has been reached',
  EmptyArrayInMatrixParams: 'Matrix Parameters have an empty array',
} as const;
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];

/** Skips caused by a deadline count as SkippedDueToTimeout in the condition algorithm. */
export function isTimeoutSkip(reason: SkipReason): boolean {
  return (
    reason === SkipReason.PipelineTimedOut ||
    reason === SkipReason.TasksTimedOut ||
    reason === SkipReason.FinallyTimedOut
  );
}

/** PipelineRun `Succeeded` condition reasons. */
export const PipelineRunReason = {
  Started: 'Started',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Completed: 'Completed',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
  PipelineRunPending: 'PipelineRunPending',
  PipelineRunTimeout: 'PipelineRunTimeout',
  PipelineRunTimeoutRunningFinally: 'PipelineRunTimeoutRunningFinally',
  CancelledRunningFinally: 'CancelledRunningFinally',
  StoppedRunningFinally: 'StoppedRunningFinally',
  PipelineRunStopping: 'PipelineRunStopping',
  PipelineValidationFailed: 'PipelineValidationFailed',
  InvalidTaskResultReference: 'InvalidTaskResultReference',
  InvalidPipelineResultReference: 'InvalidPipelineResultReference',
  InvalidTaskRunSpecs: 'InvalidTaskRunSpecs',
  ParameterMissing: 'ParameterMissing',
  CELEvaluationFailed: 'CELEvaluationFailed',
  CouldntGetPipelineResult: 'CouldntGetPipelineResult',
  PipelineInvalidGraph: 'PipelineInvalidGraph',
} as const;

/** TaskRun `Succeeded` condition reasons. */
export const TaskRunReason = {
  Started: 'Started',
  Running: 'Running',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  StepFailed: 'StepFailed',
  ToBeRetried: 'ToBeRetried',
  TaskRunCancelled: 'TaskRunCancelled',
  TaskRunTimeout: 'TaskRunTimeout',
  FailureIgnored: 'FailureIgnored',
} as const;

/** spec.statusMessage the PipelineRun controller writes on the TaskRuns it cancels. */
export const CancelMessage = {
  Cancelled: 'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.',
  TimedOut: 'TaskRun cancelled as the PipelineRun it belongs to has timed out.',
} as const;

export const Messages = {
  pipelineRunCancelled: (name: string) => `PipelineRun "${name}" was cancelled`,
  pipelineRunPending: (name: string) => `PipelineRun "${name}" is pending`,
  pipelineTimedOut: (name: string, timeout: string) =>
    `PipelineRun "${name}" failed to finish within "${timeout}"`,
  tasksTimedOut: (name: string, timeout: string) =>
    `PipelineRun "${name}" failed due to tasks failed to finish within "${timeout}"`,
  taskRunTimedOut: (name: string, timeout: string) =>
    `TaskRun "${name}" failed to finish within "${timeout}"`,
  taskRunCancelled: (name: string, statusMessage: string) =>
    `TaskRun "${name}" was cancelled. ${statusMessage}`,
  allStepsCompleted: 'All Steps have completed executing',
  stepExited: (container: string, exitCode: number) =>
    `"${container}" exited with code ${exitCode}`,
  missingResultValidation: (producer: string, result: string, consumer: string) =>
    `task "${producer}" completed successfully but did not emit the result "${result}", which is referenced by task "${consumer}"`,
  missingPipelineResults: (names: string[]) =>
    `invalid pipelineresults [${names.join(' ')}], the referenced results don't exist`,
} as const;
