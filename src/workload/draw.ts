// One attempt's draws: how long it runs, whether and when it fails, which results it writes.
// Every draw comes from a stream named by its purpose and the task's key (`build`,
// `build#2` for a matrix fan-out, `build/push` for a step), so a task's draws depend only on
// the seed, its own model and its own attempt number, never on other tasks.
import type { RandomStream, RandomStreams } from './rng.js';
import { bernoulli } from './rng.js';
import type { PlanStep, PlanTask } from '../plan/plan.js';
import {
  scriptBehaviour,
  stepSubstitutionContext,
  type AttemptOutcome,
  type AttemptRequest,
} from '../taskrun/behaviour.js';
import type { StepRunOutcome } from '../model/taskrun.js';
import { substituteString } from '../tekton/substitute.js';
import { endOfStepByWhen, stepWhenVerdict } from '../taskrun/step-when.js';
import { sample, sampleDurationMs } from './distribution.js';
import { MAX_DURATION_MS } from './limits.js';
import type { FailureModel, StepModel, TaskModel } from './model.js';

/** What one attempt drew: the attempt's outcome, kept per seed for replay and shrink. */
export type AttemptDraw = AttemptOutcome;

export function attemptKey(taskName: string, matrixIndex: number): string {
  return matrixIndex >= 0 ? `${taskName}#${matrixIndex}` : taskName;
}

export function drawAttempt(
  model: TaskModel,
  request: AttemptRequest,
  streams: RandomStreams,
): AttemptDraw {
  const key = attemptKey(request.task.name, request.matrixIndex);
  const base =
    model.steps.size > 0
      ? composeSteps(model.steps, request, streams, key)
      : scriptsDecideNothing(model, request.task)
        ? NOTHING_FROM_SCRIPTS
        : scriptBehaviour.attempt(request);
  let durationMs = base.durationMs;
  let results = base.results;
  if (model.durationMs) {
    durationMs = Math.round(
      sampleDurationMs(model.durationMs, streams.get('duration', key), MAX_DURATION_MS),
    );
    // Results the scripts write keep their place in the attempt, in proportion.
    results = results.map((result) => ({
      ...result,
      atMs:
        base.durationMs > 0 ? Math.round((result.atMs * durationMs) / base.durationMs) : durationMs,
    }));
  }
  let exitCode = base.exitCode;
  let failedContainer = base.failedContainer;
  if (model.failure) {
    const failure = drawFailure(model.failure, request.attempt, streams, key);
    exitCode = failure.fails ? model.failure.exitCode : 0;
    failedContainer = failure.fails
      ? failingContainer(request.task, model.failure.step)
      : undefined;
    if (failure.fails) durationMs = Math.round(durationMs * failure.atFraction);
  }
  if (model.results.length > 0) {
    const stream = streams.get('results', key);
    results =
      results.length === 0
        ? modelledResults(model, stream, durationMs)
        : mergedResults(results, model, stream, durationMs);
  }
  // A duration or failure drawn for the task as a whole says nothing of its steps' own times.
  const steps = model.durationMs || model.failure ? undefined : base.steps;
  // A drawn failure replaces whatever ended the steps, a step's own timeout included.
  const stepTimedOut = !model.failure && base.stepTimedOut === true;
  return {
    durationMs,
    exitCode,
    ...(failedContainer === undefined ? {} : { failedContainer }),
    ...(stepTimedOut ? { stepTimedOut } : {}),
    results,
    ...(steps === undefined ? {} : { steps }),
  };
}

/** The modelled results over what the scripts wrote: a modelled name replaces or removes it. */
function mergedResults(
  results: AttemptOutcome['results'],
  model: TaskModel,
  stream: RandomStream,
  durationMs: number,
): AttemptOutcome['results'] {
  const written = new Map(results.map((result) => [result.name, result]));
  for (const result of model.results) {
    // Always one draw per modelled result, written or not, to keep the stream aligned.
    if (bernoulli(stream, result.probability))
      written.set(result.name, { name: result.name, value: result.value, atMs: durationMs });
    else written.delete(result.name);
  }
  return [...written.values()];
}

/** mergedResults when the scripts wrote nothing (most attempts): no map to build. */
function modelledResults(
  model: TaskModel,
  stream: RandomStream,
  durationMs: number,
): AttemptOutcome['results'] {
  const results: AttemptOutcome['results'] = [];
  for (const result of model.results) {
    // The same draw per modelled result as mergedResults.
    if (bernoulli(stream, result.probability))
      results.push({ name: result.name, value: result.value, atMs: durationMs });
  }
  return results;
}

/** What an attempt takes from scripts whose every effect the model replaces. */
const NOTHING_FROM_SCRIPTS: AttemptOutcome = { durationMs: 0, exitCode: 0, results: [] };

/**
 * True when running the scripts could change nothing the attempt reports: the model draws
 * both duration and failure, and the task declares no results and no workspaces, so its
 * scripts' only other effects land in files of its own pod, which die with it. Interpreting
 * them anyway was a quarter of the CPU of a scenario that models every task.
 */
function scriptsDecideNothing(model: TaskModel, task: PlanTask): boolean {
  return (
    model.durationMs !== undefined &&
    model.failure !== undefined &&
    model.results.length === 0 &&
    !task.opaque &&
    (task.taskSpec?.results ?? []).length === 0 &&
    (task.taskSpec?.workspaces ?? []).length === 0
  );
}

function drawFailure(
  failure: FailureModel,
  attempt: number,
  streams: RandomStreams,
  key: string,
): { fails: boolean; atFraction: number } {
  const probability = attempt === 0 ? failure.probability : failure.retryProbability;
  const fails = bernoulli(streams.get('failure', key), probability);
  const atFraction = Math.min(
    1,
    Math.max(0, sample(failure.atFraction, streams.get('failure-at', key))),
  );
  return { fails, atFraction };
}

function failingContainer(task: PlanTask, stepName: string | undefined): string | undefined {
  const step =
    stepName === undefined
      ? task.steps[task.steps.length - 1]
      : task.steps.find((candidate) => candidate.name === stepName);
  return step?.containerName;
}

/** Steps in order: modelled ones drawn, the others as their scripts say; stops at a failure. */
function composeSteps(
  models: ReadonlyMap<string, StepModel>,
  request: AttemptRequest,
  streams: RandomStreams,
  key: string,
): AttemptOutcome {
  const context = stepSubstitutionContext(request);
  const substitute = (text: string) => substituteString(text, context);
  const results: AttemptOutcome['results'] = [];
  const steps: StepRunOutcome[] = [];
  let elapsedMs = 0;
  for (const step of request.task.steps) {
    // The step's own `when`, judged by its entrypoint before anything is drawn for it.
    const when = stepWhenVerdict(
      request.task.taskSpec?.steps?.[steps.length]?.when,
      context,
      substitute,
    );
    const ended = endOfStepByWhen(when, elapsedMs, step.containerName, results, steps);
    if (ended === 'skipped') continue;
    if (ended) return ended;
    const outcome = stepOutcome(
      step,
      models.get(step.name),
      request.attempt,
      streams,
      `${key}/${step.name}`,
      substitute,
    );
    let { durationMs, exitCode } = outcome;
    let stepTimedOut = false;
    if (step.timeoutMs !== undefined && durationMs > step.timeoutMs) {
      durationMs = step.timeoutMs;
      exitCode = 1;
      stepTimedOut = true;
    }
    for (const result of outcome.results)
      if (result.atMs <= durationMs)
        results.push({ ...result, atMs: elapsedMs + result.atMs, step: steps.length });
    elapsedMs += durationMs;
    steps.push(
      stepTimedOut
        ? { endMs: elapsedMs, exitCode, timedOut: true }
        : { endMs: elapsedMs, exitCode },
    );
    // A step past its own timeout stops the steps after it even with onError: continue: the
    // entrypoint leaves an error post file and exits 1 on a deadline whatever onError says.
    if (exitCode !== 0 && (stepTimedOut || !step.onErrorContinue)) {
      return {
        durationMs: elapsedMs,
        exitCode,
        failedContainer: step.containerName,
        stepTimedOut,
        results,
        steps,
      };
    }
  }
  return { durationMs: elapsedMs, exitCode: 0, results, steps };
}

function stepOutcome(
  step: PlanStep,
  model: StepModel | undefined,
  attempt: number,
  streams: RandomStreams,
  key: string,
  substitute: (text: string) => string,
): {
  durationMs: number;
  exitCode: number;
  results: readonly { name: string; value: string; atMs: number }[];
} {
  // The script runs only for what the model leaves to it, so a fully modelled step costs no interpretation.
  const script = model?.durationMs && model.failure ? undefined : step.program.run(substitute);
  let durationMs = model?.durationMs
    ? Math.round(sampleDurationMs(model.durationMs, streams.get('duration', key), MAX_DURATION_MS))
    : script!.durationMs;
  let exitCode = script?.exitCode ?? 0;
  if (model?.failure) {
    const failure = drawFailure(model.failure, attempt, streams, key);
    exitCode = failure.fails ? model.failure.exitCode : 0;
    if (failure.fails) durationMs = Math.round(durationMs * failure.atFraction);
  }
  return { durationMs, exitCode, results: script?.results ?? [] };
}
