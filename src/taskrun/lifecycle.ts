// The TaskRun controller's part (tekton-semantics 3.5, 4, 5.2): attempts, per-attempt
// timeouts, retries in the same TaskRun object, cancellation. The engine calls these when an
// attempt's timer fires or the PipelineRun asks for a cancel; each returns whether the
// TaskRun became terminal, so the engine knows when the PipelineRun must reconcile.
import { formatGoDuration } from '../tekton/duration.js';
import type { Param } from '../tekton/types.js';
import type { Plan, PlanTask } from '../plan/plan.js';
import { invalidTaskParams } from '../plan/start-checks.js';
import { Messages, SUCCEEDED_CONDITION, TaskRunReason } from '../model/reasons.js';
import { AttemptBoundError, MAX_ATTEMPTS_PER_TASKRUN } from '../model/not-completed.js';
import {
  type AttemptOutcome,
  NO_TIMER,
  type PropagatedResults,
  type WorkspaceResults,
  type TaskRunRecord,
} from '../model/taskrun.js';
import type { RunResultValue, SucceededCondition } from '../model/status.js';
import type { RunFiles } from './files.js';
import type { AttemptBehaviour } from './behaviour.js';
import { taskRunName } from './naming.js';
import { attemptStepsView } from './steps-view.js';
import { statusResults } from './status-results.js';
import { resultsValidationFailure } from './validate-results.js';

/** How the lifecycle asks the engine for timers. */
export interface TimerHost {
  /** Schedules the end of the running attempt (`kind` says how it ends) and returns its id. */
  scheduleAttemptTimer(taskRunIndex: number, atMs: number, kind: 'end' | 'timeout'): number;
  cancelTimer(timerId: number): void;
  scheduleCancelEffect(taskRunIndex: number, atMs: number): void;
}

export interface LifecycleContext {
  plan: Plan;
  behaviour: AttemptBehaviour;
  host: TimerHost;
  /** Time between a cancel request and the TaskRun being terminal (pod teardown). */
  cancelLatencyMs: number;
  /** The run's virtual files, which the steps of every attempt read and write. */
  files?: RunFiles;
  /** Called when an attempt starts; the cluster model and the trace listen here. */
  onAttemptStart?(taskRun: TaskRunRecord, nowMs: number): void;
  onAttemptEnd?(taskRun: TaskRunRecord, nowMs: number, reason: string, willRetry: boolean): void;
  /**
   * With a cluster, an attempt first needs a pod: the engine starts the next attempt of a
   * retried TaskRun itself (a new pod, placed and started) instead of at once.
   */
  beginAttempt?(taskRun: TaskRunRecord, nowMs: number): void;
}

export function createTaskRunRecord(
  context: LifecycleContext,
  index: number,
  taskIndex: number,
  fanOut: { matrixIndex: number; matrixCount: number },
  params: Param[],
  nowMs: number,
  propagatedResults?: PropagatedResults,
  workspaceResults?: WorkspaceResults,
): TaskRunRecord {
  const task = context.plan.tasks[taskIndex];
  const { matrixIndex, matrixCount } = fanOut;
  // A standalone TaskRun is named by its own metadata.name.
  const name =
    context.plan.standaloneTaskRun?.name ??
    taskRunName(context.plan.pipelineRunName, task.name, matrixIndex, matrixCount);
  const validationError = taskRunParamsError(context.plan, task, name, params);
  return {
    index,
    taskIndex,
    matrixIndex,
    name,
    params,
    propagatedResults,
    ...(validationError === undefined ? {} : { validationError }),
    ...(workspaceResults ? { workspaceResults } : {}),
    createdAtMs: nowMs,
    timeoutMs: task.effectiveTimeoutMs,
    retries: task.retries,
    attempt: 0,
    attemptStartMs: nowMs,
    pendingOutcome: undefined,
    retriesStatus: [],
    terminal: false,
    succeeded: false,
    reason: TaskRunReason.Running,
    message: '',
    results: [],
    cancelledForTimeout: false,
    endTimer: NO_TIMER,
  };
}

/**
 * prepare's ValidateResolvedTask (pkg/reconciler/taskrun/validate_taskrun.go) on the TaskRun's
 * own params, the matrix left out: the PipelineRun controller checked the pipeline task with
 * its matrix, but a TaskRun of the fan-out has only its combination, and one made past the
 * combinations (the count is CountCombinations, the params FanOut's) has none. A standalone
 * TaskRun's params are checked here too (plan/prepare-taskrun.ts). The Task's
 * name is the referenced Task's, or the TaskRun's own for an embedded spec (GetTaskData).
 */
function taskRunParamsError(
  plan: Plan,
  task: PlanTask,
  name: string,
  params: Param[],
): string | undefined {
  // A standalone TaskRun's params are checked only here: no PipelineRun checked them first.
  if (task.opaque || !task.taskSpec || !(task.hasMatrix || plan.standaloneTaskRun))
    return undefined;
  const error = invalidTaskParams({ name: task.name, params }, task.taskSpec.params ?? []);
  if (error === undefined) return undefined;
  const taskName = task.taskRunTaskRef ? String(task.taskRunTaskRef.name ?? '') : name;
  return Messages.taskRunInvalidParams(taskName, error);
}

/**
 * Why prepare fails every attempt of this TaskRun before its pod, if it does, in prepare's
 * order (pkg/reconciler/taskrun/taskrun.go): the Task and its StepActions resolved
 * (TaskRunResolutionFailed), ValidateResolvedTask on the TaskRun's params, then its workspace
 * bindings (ValidateBindings, ValidateOnlyOnePVCIsUsed), both TaskRunValidationFailed. The
 * first that fails is the TaskRun's reason and message.
 */
export function prepareFailure(
  plan: Plan,
  taskRun: TaskRunRecord,
): { reason: string; message: string } | undefined {
  const { resolutionError, resolutionReason } = plan.tasks[taskRun.taskIndex];
  const reason = resolutionReason ?? TaskRunReason.TaskRunResolutionFailed;
  if (resolutionError !== undefined && reason === TaskRunReason.TaskRunResolutionFailed)
    return { reason, message: resolutionError };
  if (taskRun.validationError !== undefined)
    return { reason: TaskRunReason.TaskRunValidationFailed, message: taskRun.validationError };
  // A later check of prepare's: the workspace bindings (taskrun-workspace-checks.ts).
  if (resolutionError !== undefined) return { reason, message: resolutionError };
  return undefined;
}

/**
 * The attempt's steps start running at `nowMs`. Its timeout counts from the TaskRun's
 * startTime, `startTimeMs`: the same instant without a cluster, earlier when the pod had to
 * wait for a node or for its start-up (Tekton sets startTime before it creates the pod).
 */
export function startAttempt(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
  startTimeMs = nowMs,
): void {
  if (prepareFailure(context.plan, taskRun) !== undefined) {
    // prepare fails the TaskRun in the reconcile that set its startTime, before any pod: the
    // attempt ends at once (attemptEnded), with no steps and no outcome drawn.
    taskRun.attemptStartMs = startTimeMs;
    taskRun.stepsStartMs = undefined;
    taskRun.pendingOutcome = undefined;
    context.onAttemptStart?.(taskRun, nowMs);
    taskRun.endTimer = context.host.scheduleAttemptTimer(taskRun.index, nowMs, 'end');
    return;
  }
  const outcome: AttemptOutcome = context.behaviour.attempt({
    plan: context.plan,
    task: context.plan.tasks[taskRun.taskIndex],
    taskRunName: taskRun.name,
    params: taskRun.params,
    propagatedResults: taskRun.propagatedResults,
    workspaceResults: taskRun.workspaceResults,
    attempt: taskRun.attempt,
    matrixIndex: taskRun.matrixIndex,
    files: context.files,
  });
  taskRun.attemptStartMs = startTimeMs;
  taskRun.stepsStartMs = nowMs;
  taskRun.pendingOutcome = outcome;
  setOngoingCondition(taskRun, TaskRunReason.Running, Messages.notAllStepsFinished, nowMs);
  // One timer per attempt: whichever comes first of its end and its timeout. At equal times
  // the end wins, because Tekton's check is strict (elapsed > timeout).
  const timeoutAtMs = startTimeMs + taskRun.timeoutMs;
  const timesOut = taskRun.timeoutMs > 0 && nowMs + outcome.durationMs > timeoutAtMs;
  context.onAttemptStart?.(taskRun, nowMs);
  // `sleep infinity` with no timeout never ends by itself: only a cancel or a deadline ends it.
  if (!timesOut && !Number.isFinite(outcome.durationMs)) {
    taskRun.endTimer = NO_TIMER;
    return;
  }
  taskRun.endTimer = context.host.scheduleAttemptTimer(
    taskRun.index,
    timesOut ? timeoutAtMs : nowMs + outcome.durationMs,
    timesOut ? 'timeout' : 'end',
  );
}

/**
 * The TaskRun's Unknown condition while it waits or runs. Like knative's SetCondition, the
 * transition time moves only when reason or message change.
 */
export function setOngoingCondition(
  taskRun: TaskRunRecord,
  reason: string,
  message: string,
  nowMs: number,
): void {
  if (taskRun.reason === reason && taskRun.message === message) return;
  taskRun.reason = reason;
  taskRun.message = message;
  taskRun.conditionSinceMs = nowMs;
}

/** The attempt's steps ended. Returns true when the TaskRun is now terminal. */
export function attemptEnded(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
): boolean {
  taskRun.endTimer = NO_TIMER;
  const failure = prepareFailure(context.plan, taskRun);
  if (failure !== undefined)
    return failOrRetry(context, taskRun, nowMs, failure.reason, failure.message, []);
  const outcome = taskRun.pendingOutcome as AttemptOutcome;
  const results = writtenResults(context.plan, taskRun, outcome, outcome.durationMs);
  // reconcile validates the results MakeTaskRunStatus read, whatever the pod's outcome.
  const invalid = resultsValidationFailure(context.plan.tasks[taskRun.taskIndex].taskSpec, results);
  if (invalid !== undefined)
    return failOrRetry(
      context,
      taskRun,
      nowMs,
      TaskRunReason.TaskRunValidationFailed,
      invalid.message,
      invalid.results,
    );
  if (outcome.exitCode === 0) {
    return complete(
      context,
      taskRun,
      nowMs,
      true,
      TaskRunReason.Succeeded,
      Messages.allStepsCompleted,
      results,
    );
  }
  const task = context.plan.tasks[taskRun.taskIndex];
  const reason = task.onErrorContinue
    ? TaskRunReason.FailureIgnored
    : context.plan.profile.stepFailureReason;
  const container = outcome.failedContainer ?? 'step-unnamed-0';
  const message = outcome.stepTimedOut
    ? Messages.stepTimedOut(container)
    : Messages.stepExited(container, outcome.exitCode, context.plan.profile.stepTerminationReason);
  return failOrRetry(context, taskRun, nowMs, reason, message, results);
}

/** The attempt ran past spec.timeout. Timed-out attempts are retried (3.5). */
export function attemptTimedOut(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
): boolean {
  // No outcome yet when the timeout comes while the pod still waits for a node.
  const outcome = taskRun.pendingOutcome;
  taskRun.endTimer = NO_TIMER;
  const message =
    Messages.taskRunTimedOut(taskRun.name, formatGoDuration(taskRun.timeoutMs)) +
    previousStatus(context, taskRun);
  return failOrRetry(
    context,
    taskRun,
    nowMs,
    TaskRunReason.TaskRunTimeout,
    message,
    outcome ? writtenResults(context.plan, taskRun, outcome, nowMs - stepsStartOf(taskRun)) : [],
  );
}

/** The PipelineRun patched spec.status: TaskRunCancelled. Never retried (3.5). */
export function requestCancel(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  statusMessage: string,
  forTimeout: boolean,
  nowMs: number,
): void {
  if (taskRun.terminal || taskRun.cancelStatusMessage !== undefined) return;
  taskRun.cancelStatusMessage = statusMessage;
  // The TaskRun reconciler fails it at once, with the condition it had when the patch came.
  taskRun.cancelPreviousStatus = previousStatus(context, taskRun);
  taskRun.cancelledForTimeout = forTimeout;
  taskRun.cancelRequestedAtMs = nowMs;
  // A TaskRun the quota refused has no startTime; the reconcile that fails it for the cancel
  // starts it first (InitializeConditions), so it shows the cancel's time.
  if (taskRun.startTimeCleared) {
    taskRun.startTimeCleared = false;
    taskRun.cancelledWithoutPod = true;
    taskRun.attemptStartMs = nowMs;
  }
  if (taskRun.endTimer >= 0) context.host.cancelTimer(taskRun.endTimer);
  taskRun.endTimer = NO_TIMER;
  context.host.scheduleCancelEffect(taskRun.index, nowMs + context.cancelLatencyMs);
}

export function cancelTookEffect(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
): boolean {
  if (taskRun.terminal) return false;
  const { message, results } = cancelledAttempt(context, taskRun, nowMs);
  context.onAttemptEnd?.(taskRun, nowMs, TaskRunReason.TaskRunCancelled, false);
  return complete(
    context,
    taskRun,
    nowMs,
    false,
    TaskRunReason.TaskRunCancelled,
    message,
    results,
    true,
  );
}

/** The status message and the results written before the cancel request, of a cancelled attempt. */
export function cancelledAttempt(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
): { message: string; results: RunResultValue[] } {
  const outcome = taskRun.pendingOutcome;
  const results = outcome
    ? writtenResults(
        context.plan,
        taskRun,
        outcome,
        (taskRun.cancelRequestedAtMs ?? nowMs) - stepsStartOf(taskRun),
      )
    : [];
  return {
    message:
      Messages.taskRunCancelled(taskRun.name, taskRun.cancelStatusMessage ?? '') +
      (taskRun.cancelPreviousStatus ?? ''),
    results,
  };
}

/**
 * What a cancel or timeout message keeps of the condition before it (v1.13+,
 * appendPreviousConditionContext): nothing after Started, Running or TaskRunPending, nor
 * after ToBeRetried, which the reconcile right after a retry turns into Started; the reason
 * and message of a pod waiting for a node, for the quota or for its start-up.
 */
function previousStatus(context: LifecycleContext, taskRun: TaskRunRecord): string {
  if (!context.plan.profile.appendsPreviousCondition || taskRun.message === '') return '';
  if (CONDITIONS_WITHOUT_CONTEXT.has(taskRun.reason)) return '';
  return Messages.previousStatus(taskRun.reason, taskRun.message);
}

const CONDITIONS_WITHOUT_CONTEXT: ReadonlySet<string> = new Set([
  TaskRunReason.Started,
  TaskRunReason.Running,
  TaskRunReason.TaskRunPending,
  TaskRunReason.ToBeRetried,
]);

/** The attempt's pod failed on its own (evicted, image not pulled): fail or retry the TaskRun. */
export function podFailed(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
  reason: string,
  message: string,
): boolean {
  if (taskRun.endTimer >= 0) context.host.cancelTimer(taskRun.endTimer);
  taskRun.endTimer = NO_TIMER;
  return failOrRetry(context, taskRun, nowMs, reason, message, []);
}

/** When the attempt's steps started: later than startTime when its pod had to wait. */
function stepsStartOf(taskRun: TaskRunRecord): number {
  return taskRun.stepsStartMs ?? taskRun.attemptStartMs;
}

/** The attempt failed: the next one starts when retries are left, else the TaskRun fails. */
export function failOrRetry(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
  reason: string,
  message: string,
  results: RunResultValue[],
): boolean {
  if (taskRun.retriesStatus.length < taskRun.retries) {
    if (taskRun.attempt + 1 >= MAX_ATTEMPTS_PER_TASKRUN) throw new AttemptBoundError(taskRun.name);
    // Archive the attempt and start the next in the same TaskRun: Unknown/ToBeRetried meanwhile.
    const steps = attemptStepsView(taskRun, reason, true, nowMs);
    taskRun.retriesStatus.push({
      condition: condition('False', reason, message, nowMs),
      startTimeMs: taskRun.attemptStartMs,
      completionTimeMs: nowMs,
      results,
      ...(steps ? { steps } : {}),
    });
    context.onAttemptEnd?.(taskRun, nowMs, reason, true);
    taskRun.attempt++;
    setOngoingCondition(taskRun, TaskRunReason.ToBeRetried, message, nowMs);
    taskRun.pendingOutcome = undefined;
    if (context.beginAttempt) context.beginAttempt(taskRun, nowMs);
    else startAttempt(context, taskRun, nowMs);
    return false;
  }
  return complete(context, taskRun, nowMs, false, reason, message, results);
}

function complete(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
  succeeded: boolean,
  reason: string,
  message: string,
  results: RunResultValue[],
  alreadyReported = false,
): boolean {
  taskRun.terminal = true;
  taskRun.succeeded = succeeded;
  taskRun.reason = reason;
  taskRun.message = message;
  taskRun.completionTimeMs = nowMs;
  taskRun.results = results;
  if (!alreadyReported) context.onAttemptEnd?.(taskRun, nowMs, reason, false);
  return true;
}

/** Results written by `elapsedMs` into the attempt, as status.results orders and types them. */
function writtenResults(
  plan: Plan,
  taskRun: TaskRunRecord,
  outcome: AttemptOutcome,
  elapsedMs: number,
): RunResultValue[] {
  return statusResults(plan.tasks[taskRun.taskIndex].taskSpec, outcome, elapsedMs);
}

function condition(
  status: 'True' | 'False',
  reason: string,
  message: string,
  atMs: number,
): SucceededCondition {
  return { type: SUCCEEDED_CONDITION, status, reason, message, lastTransitionTimeMs: atMs };
}
