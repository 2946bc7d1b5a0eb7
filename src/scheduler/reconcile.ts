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
import type { Param } from '../tekton/types.js';
import type { SchedulerCommand } from './commands.js';
import { expandMatrix, taskRunCount } from './matrix.js';
import { matrixParameterTypeError } from './matrix-types.js';
import { applyPipelineTaskContexts } from './pipeline-task-contexts.js';
import { referenceResolves, runSubstitutionContext } from './lookup.js';
import { allReferencesResolve, resolveTimeFailure } from './resolve-failures.js';
import { propagatedResultsFor } from './propagated-results.js';
import { workspaceResultsFor } from './workspace-results.js';
import {
  CancelMessage,
  Messages,
  PipelineRunReason,
  SkipReason,
  SpecStatus,
  isTimeoutSkip,
} from '../model/reasons.js';
import { dagSkipReason, finallySkipReason, type RunSkipFacts } from './skip.js';
import { buildSkippedTasks, currentSkipReason } from './skipped-tasks.js';
import { taskDone } from './observe.js';
import {
  anyDagTaskRunning,
  cancelRunning,
  hardCancel,
  skipAllNotStartedDagTasks,
} from './cancel.js';
import {
  clearDeadline,
  finish,
  note,
  setCondition,
  setDeadline,
  updateCondition,
} from './run-status.js';
import {
  DagTaskFacts,
  FinallyTaskFacts,
  globalDagSkip,
  missingResultError,
  recordResolvedWhen,
  runSkipFacts,
} from './skip-queries.js';
import { TaskState, type RunState } from './state.js';

/**
 * Decides what the controller does now and returns it as commands, in the order they must be
 * carried out. Writes only the scheduler's own state; the returned array is the state's one
 * command buffer, valid until the next reconcile.
 *
 * `startedAtMs` is when the worker took the run's key, before the reconcile's cost
 * (`controller.reconcile`); `nowMs` is when its decisions are made, after that cost. The first
 * reconcile's `InitializeConditions` reads the clock at the start of `ReconcileKind`, so the
 * run's startTime, and every deadline counted from it, is the earlier of the two.
 */
export function reconcile(
  state: RunState,
  nowMs: number,
  startedAtMs: number = nowMs,
): readonly SchedulerCommand[] {
  state.commands.length = 0;
  state.reconcileCount++;
  decide(state, nowMs, startedAtMs);
  return state.commands;
}

function decide(state: RunState, nowMs: number, startedAtMs: number): void {
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
  // ReconcileKind cancels a Cancelled run before reconcile() fetches the Pipeline.
  if (state.specStatus !== SpecStatus.Cancelled) state.pipelineSpecWritten = true;
  if (!state.started) start(state, nowMs, startedAtMs);
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

function start(state: RunState, nowMs: number, startedAtMs: number): void {
  const { plan } = state;
  state.started = true;
  state.startTimeMs = startedAtMs;
  note(
    state,
    startedAtMs === nowMs
      ? { kind: 'run-started', atMs: nowMs }
      : { kind: 'run-started', atMs: nowMs, startTimeMs: startedAtMs },
  );
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
    setDeadline(state, 'pipeline', startedAtMs + plan.timeouts.pipelineMs);
  if (plan.timeouts.tasksMs !== undefined)
    setDeadline(state, 'tasks', startedAtMs + plan.timeouts.tasksMs);
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
  // runNextSchedulableTask checks the matrix types of the whole run before it creates a
  // matrixed task's TaskRuns, and returns as a refused create does (entry 45).
  const matrixError = task.hasMatrix ? matrixParameterTypeError(state) : undefined;
  if (matrixError !== undefined) {
    state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
    const message = Messages.invalidMatrixParameterTypes(matrixError);
    finish(state, nowMs, 'False', PipelineRunReason.InvalidMatrixParameterTypes, message, false);
    return false;
  }
  // getTaskrunWorkspaces' error: no TaskRun, no mark; the reconcile ends here, and the next
  // one tries again (entry 73).
  if (task.bindingsError !== undefined) return false;
  if (task.createRunError) {
    state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
    finish(state, nowMs, 'False', PipelineRunReason.CreateRunFailed, task.createRunError, false);
    return false;
  }
  // A standalone TaskRun's params are its own, as written: no PipelineRun fills them in.
  const standalone = state.plan.standaloneTaskRun !== undefined;
  const resolvedParams = standalone ? task.params : substituteParams(task.params, context);
  const combinations = task.hasMatrix ? expandMatrix(task.pipelineTask.matrix, context) : undefined;
  if (task.paramEnums) {
    // createTaskRuns checks enums before createTaskRun fills the task's contexts.
    const outside = paramOutsideEnum(task.paramEnums, resolvedParams, combinations);
    if (outside) {
      state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
      const message = Messages.pipelineTaskParamNotInEnum(task.name, outside.name, outside.value);
      finish(state, nowMs, 'False', PipelineRunReason.InvalidParamValue, message, false);
      return false;
    }
  }
  // Matrix.FanOut has run; ApplyPipelineTaskContexts fills the task's own params alone.
  const params = standalone
    ? resolvedParams
    : applyPipelineTaskContexts(state, task, resolvedParams);
  const propagatedResults = propagatedResultsFor(state, task);
  const workspaceResults = workspaceResultsFor(state, task);
  const create = (matrixIndex: number, matrixCount: number, taskRunParams: Param[]) =>
    state.commands.push({
      kind: 'create-taskrun',
      task: task.index,
      matrixIndex,
      matrixCount,
      params: taskRunParams,
      ...(propagatedResults ? { propagatedResults } : {}),
      ...(workspaceResults ? { workspaceResults } : {}),
    });
  state.taskState[task.index] = TaskState.Running;
  state.createdInReconcile[task.index] = state.reconcileCount;
  if (!combinations) {
    state.runningTaskRunsOf[task.index] = 1;
    create(-1, 1, params);
    return true;
  }
  // ResolvePipelineTask names CountCombinations TaskRuns; createTaskRuns gives the i-th the
  // i-th of FanOut's combinations, if there is one, then the task's own params.
  const count = taskRunCount(task.pipelineTask.matrix, context);
  state.runningTaskRunsOf[task.index] = count;
  // getNewRunNames: a fan-out of one combination is one TaskRun named like an ordinary one.
  if (count === 1) {
    create(-1, 1, [...(combinations[0] ?? []), ...params]);
    return true;
  }
  for (let matrixIndex = 0; matrixIndex < count; matrixIndex++) {
    create(matrixIndex, count, [...(combinations[matrixIndex] ?? []), ...params]);
  }
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
