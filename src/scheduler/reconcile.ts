// One reconcile of the PipelineRun controller (tekton-semantics 0, "recommended simulator
// loop"). Called by the engine whenever something the controller watches changed: a TaskRun
// became terminal, a deadline passed, spec.status was patched. Readiness is kept
// incrementally (a finished task updates its children's counters), so a reconcile costs the
// tasks it touches, not the size of the DAG.
import { evaluateWhenExpressions } from '../tekton/when.js';
import { substituteParams } from '../tekton/substitute.js';
import { CelError } from '../cel/index.js';
import type { PlanTask } from '../plan/plan.js';
import { firstValueOutsideEnum } from '../plan/param-enum.js';
import { pipelineRunCondition, type TaskCounts } from './condition.js';
import type { DeadlineScope, SchedulerNote } from '../model/trace.js';
import type { Param, WhenExpression } from '../tekton/types.js';
import type { SchedulerCommand } from './commands.js';
import { expandMatrix } from './matrix.js';
import { referenceResolves, runSubstitutionContext, taskSubstitutionContext } from './lookup.js';
import { allReferencesResolve, resolveTimeFailure } from './resolve-failures.js';
import { computePipelineResults } from './pipeline-results.js';
import { propagatedResultsFor } from './propagated-results.js';
import {
  CancelMessage,
  Messages,
  PipelineRunReason,
  SkipReason,
  SpecStatus,
  SUCCEEDED_CONDITION,
  isTimeoutSkip,
} from '../model/reasons.js';
import {
  dagSkipReason,
  type DagTaskSkipFacts,
  finallySkipReason,
  type FinallyTaskSkipFacts,
  type RunSkipFacts,
} from './skip.js';
import {
  buildSkippedTasks,
  currentSkipReason,
  provisionalParentSkipCount,
} from './skipped-tasks.js';
import { taskDone } from './observe.js';
import { TaskState, type RunState } from './state.js';

/**
 * Decides what the controller does now and returns it as commands, in the order they must be
 * carried out. Writes only the scheduler's own state; the returned array is the state's one
 * command buffer, valid until the next reconcile.
 */
export function reconcile(state: RunState, nowMs: number): readonly SchedulerCommand[] {
  state.commands.length = 0;
  state.reconcileCount++;
  decide(state, nowMs);
  return state.commands;
}

function decide(state: RunState, nowMs: number): void {
  if (state.done) return;
  if (state.specStatus === SpecStatus.PipelineRunPending && !state.started) {
    setCondition(
      state,
      nowMs,
      'Unknown',
      PipelineRunReason.PipelineRunPending,
      Messages.pipelineRunPending(state.plan.pipelineRunName),
    );
    return;
  }
  if (!state.started) start(state, nowMs);
  if (state.done) return;
  noticeTasksDeadlineDuringFinally(state, nowMs);
  if (state.specStatus === SpecStatus.Cancelled) {
    hardCancel(state, nowMs);
    return;
  }
  const resolveFailure = resolveTimeFailure(state);
  if (resolveFailure !== undefined) {
    // The reconcile marks the run failed and returns before anything else: no pipeline
    // results, the previous reconcile's skippedTasks.
    state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
    finish(
      state,
      nowMs,
      'False',
      PipelineRunReason.PipelineValidationFailed,
      resolveFailure,
      false,
    );
    return;
  }
  if (state.specStatus === SpecStatus.CancelledRunFinally && anyDagTaskRunning(state)) {
    cancelRunning(state, 0, state.plan.tasks.length, CancelMessage.Cancelled, false);
  }
  if (state.tasksTimedOut && !state.finallyStarted) {
    cancelRunning(state, 0, state.plan.dagCount, CancelMessage.TimedOut, true);
  } else if (state.finallyTimedOut && state.finallyStarted) {
    cancelRunning(
      state,
      state.plan.dagCount,
      state.plan.tasks.length,
      CancelMessage.TimedOut,
      true,
    );
  }
  scheduleDag(state, nowMs);
  if (state.done) return;
  const dagDone = state.dagDoneCount >= state.finallyStartsAfterDagDone;
  if (!state.finallyStarted && dagDone && state.plan.tasks.length > state.plan.dagCount) {
    startFinally(state, nowMs);
    if (state.done) return;
  } else if (state.waitingFinallyCount > 0) {
    decideWaitingFinally(state, nowMs);
  }
  if (state.pipelineTimedOut) {
    cancelRunning(state, 0, state.plan.tasks.length, CancelMessage.TimedOut, true);
  }
  updateCondition(state, nowMs);
  state.lastReconciledSkipFacts.stopping = state.stopping;
  state.lastReconciledSkipFacts.specStatus = state.specStatus;
}

function start(state: RunState, nowMs: number): void {
  const { plan } = state;
  state.started = true;
  state.startTimeMs = nowMs;
  note(state, { kind: 'run-started', atMs: nowMs });
  // Every start failure is MarkFailed and a return before pipeline results are applied.
  const failure = plan.startFailure;
  if (failure && !failure.afterCel) {
    finish(state, nowMs, 'False', failure.reason, failure.message, false);
    return;
  }
  const celError = firstCelError(state);
  if (celError) {
    celEvaluationFailed(state, nowMs, celError);
    return;
  }
  if (failure) {
    finish(state, nowMs, 'False', failure.reason, failure.message, false);
    return;
  }
  if (plan.timeouts.pipelineMs !== undefined)
    setDeadline(state, 'pipeline', nowMs + plan.timeouts.pipelineMs);
  if (plan.timeouts.tasksMs !== undefined)
    setDeadline(state, 'tasks', nowMs + plan.timeouts.tasksMs);
  for (let index = 0; index < plan.dagCount; index++) {
    if (state.pendingParents[index] === 0) state.readyQueue.push(index);
  }
}

/**
 * Once finally has started, Tekton requeues the run only for the finally and pipeline
 * deadlines (ReconcileKind), so with #10512 the tasks deadline is noticed by whichever
 * reconcile comes next, not at the deadline itself.
 */
function noticeTasksDeadlineDuringFinally(state: RunState, nowMs: number): void {
  const tasksMs = state.plan.timeouts.tasksMs;
  if (
    state.finallyStarted &&
    !state.tasksTimedOut &&
    state.plan.profile.tasksClockRunsDuringFinally &&
    tasksMs !== undefined &&
    tasksMs > 0 &&
    state.startTimeMs !== undefined &&
    nowMs - state.startTimeMs > tasksMs
  ) {
    state.tasksTimedOut = true;
  }
}

/**
 * ReconcileKind evaluates the CEL `when` of every task, DAG and finally, at every reconcile
 * before scheduling anything, so one that is not a boolean fails the run even if its task is
 * far from running. Results not yet available stay as written, so the first reconcile sees
 * every expression with params and context substituted only; later reconciles see a task's
 * results when it is decided, which is when they can first be resolved.
 */
function firstCelError(state: RunState): CelError | undefined {
  const context = runSubstitutionContext(state, false);
  for (const task of state.plan.tasks) {
    const celOnly = task.when.filter((expression) => Boolean(expression?.cel));
    if (celOnly.length === 0) continue;
    try {
      evaluateWhenExpressions(celOnly, context);
    } catch (error) {
      if (error instanceof CelError) return error;
      throw error;
    }
  }
  return undefined;
}

/** The CEL failure path returns before pipeline results are applied. */
function celEvaluationFailed(state: RunState, nowMs: number, error: CelError): void {
  finish(
    state,
    nowMs,
    'False',
    PipelineRunReason.CELEvaluationFailed,
    Messages.celEvaluationFailed(state.plan.pipelineRunName, error.message),
    false,
  );
}

function runSkipFacts(state: RunState): RunSkipFacts {
  return {
    stopping: state.stopping,
    gracefullyCancelled: state.specStatus === SpecStatus.CancelledRunFinally,
    gracefullyStopped: state.specStatus === SpecStatus.StoppedRunFinally,
    pipelineTimedOut: state.pipelineTimedOut,
    tasksTimedOut: state.tasksTimedOut,
    finallyTimedOut: state.finallyTimedOut,
  };
}

/** Stopping and graceful cancel/stop skip every DAG task not started yet, whatever its parents. */
function globalDagSkip(facts: RunSkipFacts): boolean {
  return facts.stopping || facts.gracefullyCancelled || facts.gracefullyStopped;
}

/**
 * ValidationFailedTask is derived afresh at every reconcile, and only for the candidates of
 * that reconcile. Once a DAG failure stops the run, or a graceful cancel or stop leaves no
 * candidates, a validation-failed task is not checked again: it is an ordinary task that
 * never started, skipped for the run-wide reason.
 */
function revalidateFailedTasks(state: RunState, nowMs: number): void {
  if (state.validationFailedCount === 0) return;
  const noCandidates =
    state.stoppingForFailure ||
    state.specStatus === SpecStatus.CancelledRunFinally ||
    state.specStatus === SpecStatus.StoppedRunFinally;
  if (!noCandidates) return;
  state.stopping = state.stoppingForFailure;
  for (let index = 0; index < state.plan.dagCount; index++) {
    if (state.taskState[index] !== TaskState.ValidationFailed) continue;
    state.taskState[index] = TaskState.Skipped;
    state.validationErrorOf[index] = undefined;
    state.validationFailedCount--;
    state.skippedCount++;
    const reason = currentSkipReason(state, index);
    note(state, { kind: 'task-skipped', atMs: nowMs, task: index, reason });
  }
}

function scheduleDag(state: RunState, nowMs: number): void {
  revalidateFailedTasks(state, nowMs);
  const facts = runSkipFacts(state);
  if (globalDagSkip(facts)) {
    skipAllNotStartedDagTasks(state, nowMs);
    return;
  }
  if (state.plan.profile.unresolvedDagResultFailsRun && unresolvedCandidateFailsRun(state, nowMs)) {
    return;
  }
  const toCreate: number[] = [];
  // Skipping a task makes its children ready in the same pass, so the queue grows as we go.
  const ready = state.readyQueue;
  for (let position = 0; position < ready.length; position++) {
    const index = ready[position];
    if (state.taskState[index] !== TaskState.NotStarted) continue;
    const reason = evaluateDagSkip(state, index, facts, nowMs);
    if (state.done) return;
    if (reason === undefined) toCreate.push(index);
    else markSkipped(state, index, reason, nowMs);
  }
  ready.length = 0;
  // Result references are checked for every task about to start before any is created: one
  // missing result fails validation and no other DAG task starts in this reconcile (2.6).
  let validationFailed = false;
  for (const index of toCreate) {
    const error = missingResultError(state, state.plan.tasks[index]);
    if (error) {
      validationFailed = true;
      markValidationFailed(state, index, error, nowMs);
    }
  }
  if (validationFailed) {
    skipAllNotStartedDagTasks(state, nowMs);
    return;
  }
  if (toCreate.length === 0) return;
  const context = runSubstitutionContext(state, false);
  for (const index of toCreate) {
    if (!createTaskRuns(state, state.plan.tasks[index], context, nowMs)) return;
  }
}

/**
 * v0.40: every candidate's result references are resolved together before any skip is
 * decided, and one that cannot be resolved (its producer did not succeed, or did not write
 * it) fails the run at once with the resolution error.
 */
function unresolvedCandidateFailsRun(state: RunState, nowMs: number): boolean {
  for (const index of state.readyQueue) {
    if (state.taskState[index] !== TaskState.NotStarted) continue;
    for (const reference of state.plan.tasks[index].resultReferences) {
      if (reference.producer < 0 || referenceResolves(state, reference)) continue;
      const message =
        state.taskState[reference.producer] === TaskState.Succeeded
          ? Messages.resultNotFoundV040(reference.task, reference.result)
          : Messages.producerNotSuccessfulV040(reference.task);
      finish(state, nowMs, 'False', PipelineRunReason.InvalidTaskResultReference, message);
      return true;
    }
  }
  return false;
}

function evaluateDagSkip(
  state: RunState,
  index: number,
  facts: RunSkipFacts,
  nowMs: number,
): SkipReason | undefined {
  const task = new DagTaskFacts(state, state.plan.tasks[index]);
  try {
    const reason = dagSkipReason(facts, task, state.plan.profile.dagSkipOrder);
    recordResolvedWhen(state, index, task.resolvedWhen);
    return reason;
  } catch (error) {
    recordResolvedWhen(state, index, task.resolvedWhen);
    if (error instanceof CelError) {
      celEvaluationFailed(state, nowMs, error);
      return undefined;
    }
    throw error;
  }
}

// The facts of one task's skip decision, asked only when their turn comes. Classes rather than
// objects of closures: a reconcile asks them of every task it decides. A when query writes
// no state: what it resolved is kept here, and the caller records it once decided.

class DagTaskFacts implements DagTaskSkipFacts {
  /** The when expressions as the query resolved them, if it was asked. */
  resolvedWhen: WhenExpression[] | undefined;
  readonly parentsDone: boolean;

  constructor(
    private readonly state: RunState,
    private readonly task: PlanTask,
  ) {
    this.parentsDone = state.pendingParents[task.index] === 0;
  }

  whenPassed(): boolean {
    const outcome = whenOutcome(this.state, this.task, false);
    this.resolvedWhen = outcome?.resolved;
    return outcome?.passed ?? true;
  }

  parentSkippedNotByWhen(): boolean {
    const { state } = this;
    return this.task.parents.some(
      (parent) =>
        state.taskState[parent] === TaskState.Skipped &&
        state.intrinsicSkip[parent] !== SkipReason.WhenExpressions,
    );
  }

  missingResultsSkips(): boolean {
    return missingResultsSkips(this.state, this.task);
  }

  emptyMatrix(): boolean {
    return hasEmptyMatrix(this.state, this.task);
  }
}

class FinallyTaskFacts implements FinallyTaskSkipFacts {
  resolvedWhen: WhenExpression[] | undefined;

  constructor(
    private readonly state: RunState,
    private readonly task: PlanTask,
  ) {}

  /**
   * skipBecauseResultReferencesAreMissing: only a task with result references in its params
   * or when qualifies, and then any of its references (the taskSpec's too) failing skips it.
   */
  resultsMissing(): boolean {
    const { state } = this;
    if (!this.task.hasParamOrWhenResultReferences) return false;
    return this.task.resultReferences.some((reference) => !referenceResolves(state, reference));
  }

  whenPassed(): boolean {
    const outcome = whenOutcome(this.state, this.task, true);
    this.resolvedWhen = outcome?.resolved;
    return outcome?.passed ?? true;
  }

  emptyMatrix(): boolean {
    return hasEmptyMatrix(this.state, this.task);
  }
}

/** The task's when expressions evaluated as the run stands; undefined when it has none. */
function whenOutcome(
  state: RunState,
  task: PlanTask,
  withExecutionStatus: boolean,
): { passed: boolean; resolved: WhenExpression[] } | undefined {
  if (task.when.length === 0) return undefined;
  return evaluateWhenExpressions(
    task.when,
    taskSubstitutionContext(state, task, withExecutionStatus),
  );
}

/** Once a task's skip decision is made: the when expressions it resolved, for status. */
function recordResolvedWhen(
  state: RunState,
  index: number,
  resolved: WhenExpression[] | undefined,
): void {
  if (resolved) state.resolvedWhen[index] = resolved;
}

function hasEmptyMatrix(state: RunState, task: PlanTask): boolean {
  if (!task.hasMatrix) return false;
  const context = taskSubstitutionContext(state, task, task.isFinally);
  return substituteParams(task.pipelineTask.matrix?.params, context).some(
    (param) => Array.isArray(param.value) && param.value.length === 0,
  );
}

/**
 * skipBecauseResultReferencesAreMissing: only a task with result references in its params or
 * when qualifies; its first reference that cannot be resolved decides, by the task's own
 * onError: continue or by its producer having been skipped by when expressions.
 */
function missingResultsSkips(state: RunState, task: PlanTask): boolean {
  if (!task.hasParamOrWhenResultReferences) return false;
  const reference = task.resultReferences.find((ref) => !referenceResolves(state, ref));
  if (!reference) return false;
  return (
    task.onErrorContinue ||
    (reference.producer >= 0 &&
      state.intrinsicSkip[reference.producer] === SkipReason.WhenExpressions)
  );
}

/**
 * CheckMissingResultReferences: the first reference (params, matrix, when, then the embedded
 * taskSpec) that cannot be resolved fails validation, with the error its producer's fate
 * gives: no TaskRun at all, a success that did not write it, or the raw lookup error.
 */
function missingResultError(state: RunState, task: PlanTask): string | undefined {
  for (const reference of task.resultReferences) {
    if (reference.producer < 0 || referenceResolves(state, reference)) continue;
    if (state.taskRunsOf[reference.producer].length === 0) {
      return Messages.producerHasNoTaskRuns(reference.task);
    }
    if (state.taskState[reference.producer] === TaskState.Succeeded) {
      return Messages.missingResultValidation(reference.task, reference.result, task.name);
    }
    return Messages.resultNotFound(reference.task, reference.result);
  }
  return undefined;
}

function startFinally(state: RunState, nowMs: number): void {
  const { plan } = state;
  state.finallyStarted = true;
  // No requeue at the tasks deadline once finally has started; see
  // noticeTasksDeadlineDuringFinally for the profiles whose tasks clock keeps running.
  if (plan.timeouts.tasksMs !== undefined && !state.tasksTimedOut) clearDeadline(state, 'tasks');
  // runNextSchedulableTask drops a finally task whose result references do not all resolve
  // before it sets finallyStartTime or creates anything (2.7): skipped for missing results,
  // or left waiting when they are only in its embedded taskSpec. finallyStartTime, and the
  // finally deadline that runs from it, are set only if some task got past that point.
  let anyScheduled = false;
  for (let index = plan.dagCount; index < plan.tasks.length && !anyScheduled; index++) {
    anyScheduled = allReferencesResolve(state, plan.tasks[index]);
  }
  const finallyMs = plan.timeouts.finallyMs;
  if (finallyMs !== undefined) {
    // Strict `elapsed > timeout`: a negative derived finally timeout has already passed.
    if (finallyMs < 0) state.finallyTimedOut = true;
    else if (anyScheduled) setDeadline(state, 'finally', nowMs + finallyMs);
  }
  const runFacts = runSkipFacts(state);
  const context = runSubstitutionContext(state, true);
  // runNextSchedulableTask evaluates every finally task's CEL before it creates any of them:
  // one that fails leaves the others uncreated too. (Finally tasks read only DAG tasks, so
  // deciding one never changes another's facts.)
  const reasons: (SkipReason | undefined)[] = [];
  for (let index = plan.dagCount; index < plan.tasks.length; index++) {
    const facts = new FinallyTaskFacts(state, plan.tasks[index]);
    try {
      reasons.push(finallySkipReason(runFacts, facts));
      recordResolvedWhen(state, index, facts.resolvedWhen);
    } catch (error) {
      recordResolvedWhen(state, index, facts.resolvedWhen);
      if (!(error instanceof CelError)) throw error;
      celEvaluationFailed(state, nowMs, error);
      return;
    }
  }
  for (let index = plan.dagCount; index < plan.tasks.length; index++) {
    const task = plan.tasks[index];
    const reason = reasons[index - plan.dagCount];
    if (reason !== undefined) markSkipped(state, index, reason, nowMs);
    else if (!allReferencesResolve(state, task)) state.waitingFinallyCount++;
    else if (!createTaskRuns(state, task, context, nowMs)) return;
  }
  if (anyScheduled) {
    state.finallyStartTimeMs = nowMs;
    note(state, { kind: 'finally-started', atMs: nowMs });
  }
}

/**
 * A finally task whose only unresolvable result references are in its embedded taskSpec is
 * neither skipped (hasResultReferences reads params and when only) nor created
 * (ResolveResultRef reads the taskSpec too), at every reconcile: the run waits for it until
 * a deadline skips it, the pipeline's ("PipelineRun timeout has been reached") or, once
 * finallyStartTime is set, the finally one ("PipelineRun Finally timeout has been reached").
 * (pipelinerunresolution.go IsFinallySkipped, hasResultReferences; pipelinerun.go
 * runNextSchedulableTask.)
 */
function decideWaitingFinally(state: RunState, nowMs: number): void {
  const reason = state.pipelineTimedOut
    ? SkipReason.PipelineTimedOut
    : state.finallyTimedOut && state.finallyStartTimeMs !== undefined
      ? SkipReason.FinallyTimedOut
      : undefined;
  if (reason === undefined) return;
  const { plan } = state;
  for (let index = plan.dagCount; index < plan.tasks.length; index++) {
    if (state.taskState[index] !== TaskState.NotStarted) continue;
    state.waitingFinallyCount--;
    markSkipped(state, index, reason, nowMs);
  }
}

/**
 * Creates the task's TaskRuns; false when the TaskRun webhook refuses them, which fails the
 * run CreateRunFailed (handleRunCreationError) and ends the reconcile: nothing after it is
 * created, and the status keeps the previous reconcile's skippedTasks and childReferences.
 */
function createTaskRuns(
  state: RunState,
  task: PlanTask,
  context: ReturnType<typeof runSubstitutionContext>,
  nowMs: number,
): boolean {
  if (task.createRunError) {
    state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
    finish(state, nowMs, 'False', PipelineRunReason.CreateRunFailed, task.createRunError, false);
    return false;
  }
  const params = substituteParams(task.params, context);
  const combinations = task.hasMatrix ? expandMatrix(task.pipelineTask.matrix, context) : undefined;
  if (task.paramEnums) {
    const outside = paramOutsideEnum(task.paramEnums, params, combinations);
    if (outside) {
      state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
      const message = Messages.pipelineTaskParamNotInEnum(task.name, outside.name, outside.value);
      finish(state, nowMs, 'False', PipelineRunReason.InvalidParamValue, message, false);
      return false;
    }
  }
  const propagatedResults = propagatedResultsFor(state, task);
  const create = (matrixIndex: number, matrixCount: number, taskRunParams: Param[]) =>
    state.commands.push({
      kind: 'create-taskrun',
      task: task.index,
      matrixIndex,
      matrixCount,
      params: taskRunParams,
      ...(propagatedResults ? { propagatedResults } : {}),
    });
  state.taskState[task.index] = TaskState.Running;
  state.createdInReconcile[task.index] = state.reconcileCount;
  if (!combinations) {
    state.runningTaskRunsOf[task.index] = 1;
    create(-1, 1, params);
    return true;
  }
  state.runningTaskRunsOf[task.index] = combinations.length;
  // getNewRunNames: a fan-out of one combination is one TaskRun named like an ordinary one.
  if (combinations.length === 1) {
    create(-1, 1, [...combinations[0], ...params]);
    return true;
  }
  combinations.forEach((combination, matrixIndex) => {
    // createTaskRun in pipelinerun.go: the combination's params, then the task's own.
    create(matrixIndex, combinations.length, [...combination, ...params]);
  });
  return true;
}

/**
 * createTaskRuns checks each TaskRun's params (its matrix combination's, then the task's own)
 * against the Task's enums before it creates any of them.
 */
function paramOutsideEnum(
  enums: ReadonlyMap<string, readonly string[]>,
  params: Param[],
  combinations: Param[][] | undefined,
): { name: string; value: string } | undefined {
  for (const combination of combinations ?? [[]]) {
    const outside = firstValueOutsideEnum([...combination, ...params], enums);
    if (outside) return outside;
  }
  return undefined;
}

function markSkipped(state: RunState, index: number, reason: SkipReason, nowMs: number): void {
  state.taskState[index] = TaskState.Skipped;
  state.intrinsicSkip[index] = reason;
  state.skippedCount++;
  if (index >= state.plan.dagCount) state.finallySkippedCount++;
  if (isTimeoutSkip(reason)) {
    if (index < state.plan.dagCount) state.dagTimeoutSkipCount++;
    else state.finallyTimeoutSkipCount++;
  }
  note(state, { kind: 'task-skipped', atMs: nowMs, task: index, reason });
  taskDone(state, index);
}

function markValidationFailed(
  state: RunState,
  index: number,
  message: string,
  nowMs: number,
): void {
  state.taskState[index] = TaskState.ValidationFailed;
  state.validationErrorOf[index] = message;
  state.validationFailedCount++;
  state.stopping = true;
  note(state, { kind: 'task-validation-failed', atMs: nowMs, task: index, message });
  taskDone(state, index);
}

/** When stopping or gracefully cancelled/stopped, every DAG task not started is skipped at once. */
function skipAllNotStartedDagTasks(state: RunState, nowMs: number): void {
  state.readyQueue.length = 0;
  const facts = runSkipFacts(state);
  const reason = facts.stopping
    ? SkipReason.Stopping
    : facts.gracefullyCancelled
      ? SkipReason.GracefullyCancelled
      : SkipReason.GracefullyStopped;
  for (let index = 0; index < state.plan.dagCount; index++) {
    if (state.taskState[index] !== TaskState.NotStarted) continue;
    state.taskState[index] = TaskState.Skipped;
    state.skippedCount++;
    note(state, { kind: 'task-skipped', atMs: nowMs, task: index, reason });
    state.dagDoneCount++;
  }
}

function anyDagTaskRunning(state: RunState): boolean {
  for (let index = 0; index < state.plan.dagCount; index++) {
    if (state.taskState[index] === TaskState.Running) return true;
  }
  return false;
}

function cancelRunning(
  state: RunState,
  fromIndex: number,
  toIndex: number,
  statusMessage: string,
  forTimeout: boolean,
): void {
  for (let index = fromIndex; index < toIndex; index++) {
    if (state.taskState[index] !== TaskState.Running) continue;
    for (const run of state.taskRunsOf[index]) {
      const taskRun = state.taskRuns[run];
      // A TaskRun asked to cancel earlier in this reconcile has no statusMessage yet (the
      // engine patches it after the reconcile), so the stamp keeps the first request only.
      if (
        !taskRun.terminal &&
        taskRun.cancelStatusMessage === undefined &&
        state.cancelStamp[run] !== state.reconcileCount
      ) {
        state.cancelStamp[run] = state.reconcileCount;
        state.commands.push({ kind: 'cancel-taskrun', taskRun: run, statusMessage, forTimeout });
      }
    }
  }
}

function hardCancel(state: RunState, nowMs: number): void {
  // The reconcile returns before recomputing skippedTasks: the list is what the previous
  // reconcile wrote (4.1), read with that reconcile's stopping and spec.status.
  state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
  cancelRunning(state, 0, state.plan.tasks.length, CancelMessage.Cancelled, false);
  // It also returns before pipeline results are applied (4.1, 5.6): a hard-cancelled run has
  // no status.results, and a missing result cannot turn it into CouldntGetPipelineResult.
  finish(
    state,
    nowMs,
    'False',
    PipelineRunReason.Cancelled,
    Messages.pipelineRunCancelled(state.plan.pipelineRunName),
    false,
  );
}

export function taskCounts(state: RunState): TaskCounts {
  const globalDag = globalDagSkip(runSkipFacts(state));
  // Tasks Tekton already counts as skipped while one of their parents still runs; while any
  // is left the run is incomplete, so only the running message's counts change.
  const provisional = provisionalParentSkipCount(state);
  return {
    succeeded: state.succeededCount,
    failed: state.failedCount,
    ignored: state.ignoredCount,
    cancelled: state.cancelledCount,
    validationFailed: state.validationFailedCount,
    skipped: state.skippedCount + provisional,
    // A DAG task skipped at the tasks deadline shows "stopping" once anything failed (2.4).
    skippedDueToTimeout:
      (globalDag ? 0 : state.dagTimeoutSkipCount) + state.finallyTimeoutSkipCount,
    incomplete: state.plan.tasks.length - state.dagDoneCount - state.finallyDoneCount - provisional,
  };
}

function updateCondition(state: RunState, nowMs: number): void {
  const { plan } = state;
  state.childReferencesWrittenIn = state.reconcileCount;
  const finallyCount = plan.tasks.length - plan.dagCount;
  const condition = pipelineRunCondition({
    pipelineRunName: plan.pipelineRunName,
    counts: taskCounts(state),
    validationErrors: validationErrorsByTaskName(state),
    hasFinally: finallyCount > 0,
    // checkFinalTasksDone: a skipped finally task is never done (tekton-semantics 3.6.4).
    allFinallyDone: state.finallyDoneCount === finallyCount && state.finallySkippedCount === 0,
    pipelineTimedOut: state.pipelineTimedOut,
    tasksTimedOut: state.tasksTimedOut,
    tasksDeadline: plan.profile.tasksDeadline,
    pipelineTimeoutMs: plan.timeouts.pipelineMs,
    tasksTimeoutMs: plan.timeouts.tasksMs,
    gracefullyCancelled: state.specStatus === SpecStatus.CancelledRunFinally,
    gracefullyStopped: state.specStatus === SpecStatus.StoppedRunFinally,
  });
  if (condition.status === 'Unknown') {
    setCondition(state, nowMs, 'Unknown', condition.reason, condition.message);
    return;
  }
  state.frozenSkippedTasks = buildSkippedTasks(state);
  finish(state, nowMs, condition.status, condition.reason, condition.message);
}

/** ValidationFailedErrors in task-name order, as GetPipelineConditionStatus sorts its keys. */
function validationErrorsByTaskName(state: RunState): string[] {
  if (state.validationFailedCount === 0) return [];
  const failed = state.plan.tasks.filter((task) => state.validationErrorOf[task.index]);
  failed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return failed.map((task) => state.validationErrorOf[task.index] ?? '');
}

function setCondition(
  state: RunState,
  nowMs: number,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
): void {
  const current = state.condition;
  if (current.status === status && current.reason === reason && current.message === message) return;
  state.condition = {
    type: SUCCEEDED_CONDITION,
    status,
    reason,
    message,
    lastTransitionTimeMs: nowMs,
  };
  note(state, { kind: 'condition', atMs: nowMs, status, reason, message });
}

/** The run is done: its status is frozen from here on (0.2), deadlines no longer matter. */
function finish(
  state: RunState,
  nowMs: number,
  status: 'True' | 'False',
  reason: string,
  message: string,
  applyPipelineResults = true,
): void {
  state.frozenSkippedTasks ??= buildSkippedTasks(state);
  const results = applyPipelineResults
    ? computePipelineResults(state)
    : { values: [], missing: [] };
  state.results = results.values;
  if (results.missing.length > 0) {
    status = 'False';
    reason = PipelineRunReason.CouldntGetPipelineResult;
    message = Messages.missingPipelineResults(state.plan.pipelineRunName, results.missing);
  }
  setCondition(state, nowMs, status, reason, message);
  state.done = true;
  state.completionTimeMs = nowMs;
  clearDeadline(state, 'pipeline');
  clearDeadline(state, 'tasks');
  clearDeadline(state, 'finally');
  note(state, { kind: 'run-completed', atMs: nowMs, status, reason });
}

function note(state: RunState, event: SchedulerNote): void {
  state.commands.push({ kind: 'note', note: event });
}

function setDeadline(state: RunState, scope: DeadlineScope, atMs: number): void {
  state.commands.push({ kind: 'set-deadline', scope, atMs });
}

function clearDeadline(state: RunState, scope: DeadlineScope): void {
  state.commands.push({ kind: 'clear-deadline', scope });
}
