// A TaskRun attempt's `status.steps` as Tekton v1.15.0 writes it: one StepState per step
// container, in the pod's container order (pkg/pod/status.go MakeTaskRunStatus,
// setTaskRunStatusBasedOnStepStatus), each the container's state as the kubelet reports it
// with what the step's entrypoint wrote into its termination message
// (pkg/entrypoint/entrypointer.go Go): when the step began, its results, and why it ended.
//
// - A step that ran to its end is `terminated`: its exit code, the kubelet's reason
//   (`Completed` for exit 0, `Error` otherwise), `startedAt` when its entrypoint began it
//   (after the steps before it), `finishedAt` when it ended, and as `message` the task
//   results written by then (readResultsFromDisk), as Go's json.Marshal writes them.
//   Its terminationReason is the kubelet's reason, or `Continued` for a failure that
//   `onError: continue` let through (the container exits 0, the exit code is kept), or
//   `TimeoutExceeded` for a step past its own timeout (exit code 1).
// - A step after a failed one is `Skipped`: its entrypoint bails out at once, exit code 1.
//   A step whose own `when` is false is `Skipped` too, but exits 0 and the next steps run.
// - All step containers start with the pod, so a step not yet ended is `running` since
//   then; when a timeout or cancel stops the TaskRun, terminateStepsInPod
//   (pkg/reconciler/taskrun/taskrun.go) turns each such step into a `terminated` one with
//   exit code 1, the TaskRun's reason and `finishedAt` its completion time.
//
// When an attempt's time was drawn for the task as a whole (a Scenario's task `duration` or
// `failure`), the steps' own times are not known and are left out; nothing is made up.
import { StepTermination, stepTerminatedWithPod } from '../model/reasons.js';
import type { AttemptStepsView, DeclaredStepResult } from '../model/status.js';
import type { StepRunOutcome } from '../model/taskrun.js';
import { resultValue } from '../taskrun/step-results.js';
import { fields, type JsonObject } from './kubectl-fields.js';
import { escapeLikeGo } from './serialize.js';

export interface StepsContext {
  /** The task's step containers in order. */
  containers: readonly string[];
  /** The task's declared results in order (the entrypoint's `-results`). */
  resultNames: readonly string[];
  /** Per step container, its declared step results; undefined when no step declares any. */
  stepResults?: readonly (readonly DeclaredStepResult[])[];
  /** The attempt's pod, named in a stopped step's message. */
  podName: string;
  /** The TaskRun's reason: a stopped step's. */
  reason: string;
  /** The TaskRun's (or archived attempt's) completion time: a stopped step's finishedAt. */
  completionTimeMs?: number;
  /** The instant the view shows: a running attempt's steps ended by then are terminated. */
  asOfMs?: number;
  clock: (virtualMs: number) => string;
}

/** The StepStates of one attempt, or undefined when what they were is not known. */
export function stepStates(
  steps: AttemptStepsView | undefined,
  context: StepsContext,
): JsonObject[] | undefined {
  if (steps === undefined || steps.endedBy === 'pod' || context.containers.length === 0)
    return undefined;
  return steps.outcome.steps === undefined
    ? stepsOfDrawnAttempt(steps, context)
    : stepsOfKnownAttempt(steps, context);
}

function stepsOfKnownAttempt(steps: AttemptStepsView, context: StepsContext): JsonObject[] {
  const { outcome, startedAtMs } = steps;
  const ran = outcome.steps ?? [];
  // Until when the steps' own ends count: after it, a step is running, or stopped with its pod.
  const readAtMs =
    steps.endedBy === 'steps'
      ? Number.POSITIVE_INFINITY
      : ((steps.endedBy === 'stopped' ? steps.stoppedAtMs : context.asOfMs) ??
        Number.NEGATIVE_INFINITY);
  const failedAtMs =
    outcome.exitCode !== 0 && ran.length > 0 ? startedAtMs + ran[ran.length - 1].endMs : undefined;
  return context.containers.map((container, index) => {
    const step = ran[index];
    if (step?.skipped && startedAtMs + step.endMs <= readAtMs)
      return skippedByWhen(container, startedAtMs + step.endMs, context);
    if (step?.messageOverflow && startedAtMs + step.endMs <= readAtMs)
      return overflowedStep(container, index, step, steps, context);
    if (step !== undefined && startedAtMs + step.endMs <= readAtMs) {
      const stopsAttempt = index === ran.length - 1 && outcome.exitCode !== 0;
      const continued = step.exitCode !== 0 && !stopsAttempt && !step.timedOut;
      const exitedWith = step.timedOut ? 1 : step.exitCode;
      const containerReason =
        exitedWith === 0 || continued ? StepTermination.Completed : StepTermination.Error;
      const terminationReason = step.timedOut
        ? StepTermination.TimeoutExceeded
        : continued
          ? StepTermination.Continued
          : containerReason;
      const declared = context.stepResults?.[index] ?? [];
      return stepState(
        container,
        terminated(context, {
          exitCode: exitedWith,
          reason: containerReason,
          message: resultsMessage(steps, context.resultNames, step.endMs, declared, step, index),
          startedAtMs: startedAtMs + (index === 0 ? 0 : ran[index - 1].endMs),
          finishedAtMs: startedAtMs + step.endMs,
        }),
        terminationReason,
        // Only a TaskRun that is done shows its steps' results (setTaskRunStatusBasedOnStepStatus).
        steps.endedBy === 'steps' ? stepResultObjects(declared, step) : undefined,
      );
    }
    if (steps.endedBy === 'steps' && failedAtMs !== undefined)
      return skipped(container, failedAtMs, context);
    return notEnded(container, steps, context);
  });
}

/**
 * Only the attempt's start and end are known: the first step started with it, the step that
 * ended it (the failing one, or the last) ended with it, and the steps after a failure were
 * skipped then. Nothing is known of a timed-out or cancelled attempt's steps.
 */
function stepsOfDrawnAttempt(
  steps: AttemptStepsView,
  context: StepsContext,
): JsonObject[] | undefined {
  if (steps.endedBy !== 'steps') return undefined;
  const { outcome, startedAtMs } = steps;
  const endMs = startedAtMs + outcome.durationMs;
  const last = context.containers.length - 1;
  const failed =
    outcome.exitCode === 0 ? -1 : context.containers.indexOf(outcome.failedContainer ?? '');
  if (outcome.exitCode !== 0 && failed < 0) return undefined;
  const ending = failed < 0 ? last : failed;
  return context.containers.map((container, index) => {
    if (index > ending) return skipped(container, endMs, context);
    const exitCode = index === failed ? outcome.exitCode : 0;
    const reason = exitCode === 0 ? StepTermination.Completed : StepTermination.Error;
    return stepState(
      container,
      terminated(context, {
        exitCode,
        reason,
        message:
          index === ending
            ? resultsMessage(steps, context.resultNames, outcome.durationMs)
            : undefined,
        startedAtMs: index === 0 ? startedAtMs : undefined,
        finishedAtMs: index === ending ? endMs : undefined,
      }),
      reason,
    );
  });
}

/** A step whose entrypoint found the previous step failed: it exits 1 at once. */
function skipped(container: string, atMs: number, context: StepsContext): JsonObject {
  return stepState(
    container,
    terminated(context, {
      exitCode: 1,
      reason: StepTermination.Error,
      startedAtMs: atMs,
      finishedAtMs: atMs,
    }),
    StepTermination.Skipped,
  );
}

/**
 * A step whose termination message would have passed 4096 bytes: its container exited 1
 * (kubelet reason Error) and the message holds what was written before the failed write
 * (taskrun/termination-message.ts). Without its internal entries (`final`) the kubelet's
 * start time and reason stand; otherwise an ExitCode entry still shows the command's code
 * as Continued, and a Reason entry TimeoutExceeded.
 */
function overflowedStep(
  container: string,
  index: number,
  step: StepRunOutcome,
  steps: AttemptStepsView,
  context: StepsContext,
): JsonObject {
  const { startedAtMs, outcome } = steps;
  const ran = outcome.steps ?? [];
  const declared = context.stepResults?.[index] ?? [];
  const kept = step.messageOverflow;
  const message =
    kept === 'task-results'
      ? undefined
      : kept === 'step-results'
        ? resultsMessage(steps, context.resultNames, step.endMs, [], undefined, index)
        : resultsMessage(steps, context.resultNames, step.endMs, declared, step, index);
  const final = kept === 'final';
  const terminationReason = final
    ? StepTermination.Error
    : step.timedOut
      ? StepTermination.TimeoutExceeded
      : step.continued
        ? StepTermination.Continued
        : StepTermination.Error;
  return stepState(
    container,
    terminated(context, {
      exitCode: !final && step.continued ? step.exitCode : 1,
      reason: StepTermination.Error,
      message,
      startedAtMs: final ? startedAtMs : startedAtMs + (index === 0 ? 0 : ran[index - 1].endMs),
      finishedAtMs: startedAtMs + step.endMs,
    }),
    terminationReason,
    final && steps.endedBy === 'steps' ? stepResultObjects(declared, step) : undefined,
  );
}

/**
 * A step whose own `when` was false: its entrypoint exits 0 at once having read no results,
 * and its termination message holds only the Skipped reason.
 */
function skippedByWhen(container: string, atMs: number, context: StepsContext): JsonObject {
  return stepState(
    container,
    terminated(context, {
      exitCode: 0,
      reason: StepTermination.Completed,
      startedAtMs: atMs,
      finishedAtMs: atMs,
    }),
    StepTermination.Skipped,
  );
}

/** A step container that had not ended: running since the pod started, or stopped with it. */
function notEnded(container: string, steps: AttemptStepsView, context: StepsContext): JsonObject {
  if (steps.endedBy !== 'stopped')
    return stepState(container, { running: { startedAt: context.clock(steps.startedAtMs) } });
  return stepState(
    container,
    terminated(context, {
      exitCode: 1,
      reason: context.reason,
      message: stepTerminatedWithPod(stepName(container), context.podName),
      startedAtMs: steps.startedAtMs,
      finishedAtMs: context.completionTimeMs,
    }),
    context.reason,
  );
}

/** StepState's json order: the container state inline, then name, container, results, terminationReason. */
function stepState(
  container: string,
  state: JsonObject,
  terminationReason?: string,
  results?: JsonObject[],
): JsonObject {
  return fields([
    ['waiting', state.waiting],
    ['running', state.running],
    ['terminated', state.terminated],
    ['name', stepName(container)],
    ['container', container],
    ['results', results],
    ['terminationReason', terminationReason],
  ]);
}

/** The step's declared results it wrote, in declaration order (its `-step_results`). */
function declaredWritten(
  declared: readonly DeclaredStepResult[],
  step: StepRunOutcome,
): { spec: DeclaredStepResult; value: string }[] {
  const written = step.stepResults;
  if (!written || declared.length === 0) return [];
  return declared.flatMap((spec) => {
    const found = written.find((result) => result.name === spec.name);
    return found ? [{ spec, value: found.value }] : [];
  });
}

/**
 * status.steps[].results (filterResults): a result declared a string is the text as written;
 * another is read as a ResultValue and typed by what it holds.
 */
function stepResultObjects(
  declared: readonly DeclaredStepResult[],
  step: StepRunOutcome,
): JsonObject[] | undefined {
  const results = declaredWritten(declared, step).map(({ spec, value }) => {
    if (spec.type === 'string') return { name: spec.name, type: 'string', value };
    const parsed = resultValue(value);
    const type = Array.isArray(parsed) ? 'array' : typeof parsed === 'object' ? 'object' : 'string';
    return { name: spec.name, type, value: parsed };
  });
  return results.length === 0 ? undefined : results;
}

/** ContainerStateTerminated's json order; a time not known is left out. */
function terminated(
  context: StepsContext,
  state: {
    exitCode: number;
    reason: string;
    message?: string;
    startedAtMs?: number;
    finishedAtMs?: number;
  },
): JsonObject {
  const time = (atMs: number | undefined) => (atMs === undefined ? undefined : context.clock(atMs));
  return {
    terminated: fields([
      ['exitCode', state.exitCode],
      ['reason', state.reason],
      ['message', state.message],
      ['startedAt', time(state.startedAtMs)],
      ['finishedAt', time(state.finishedAtMs)],
    ]),
  };
}

/** TrimStepPrefix: the container name without `step-`. */
function stepName(container: string): string {
  return container.startsWith('step-') ? container.slice('step-'.length) : container;
}

/**
 * The termination message's results: every declared task result whose file exists when the
 * step ends (TaskRunResultType, 1), then the step's own (StepResultType, 4), as
 * `[{"key":..,"value":..,"type":1}]` (result.RunResult); no message when there is none.
 * MakeTaskRunStatus writes back what termination.ParseMessage read: one entry per key (the
 * last written wins) sorted by key.
 */
function resultsMessage(
  steps: AttemptStepsView,
  resultNames: readonly string[],
  byMs: number,
  declared: readonly DeclaredStepResult[] = [],
  step?: StepRunOutcome,
  stepIndex?: number,
): string | undefined {
  const entries: { key: string; value: string; type: number }[] = [];
  if (resultNames.length > 0 && steps.outcome.results.length > 0) {
    const written = new Map<string, string>();
    for (const result of steps.outcome.results) {
      // Task results made from step results are not files: the message never holds them.
      if (result.fromStepResult) continue;
      // By the step that wrote it where known: a later step may write at the same instant.
      const read =
        stepIndex !== undefined && result.step !== undefined
          ? result.step <= stepIndex
          : result.atMs <= byMs;
      if (read) written.set(result.name, result.value);
    }
    for (const name of resultNames) {
      const value = written.get(name);
      if (value !== undefined) entries.push({ key: name, value, type: 1 });
    }
  }
  // Then the step's own results (StepResultType), read after the task's.
  if (step)
    for (const { spec, value } of declaredWritten(declared, step))
      entries.push({ key: spec.name, value, type: 4 });
  if (entries.length === 0) return undefined;
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return goJson(sorted);
}

/** JSON as Go's json.Marshal writes it (serialize.ts escapeLikeGo). */
function goJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value));
}

/**
 * status.sidecars: each sidecar container runs from its pod's start (the steps wait for the
 * sidecars to be ready). What the TaskRun's status holds when its steps end; Tekton then stops
 * the sidecars of a pod that completed by swapping their image for its nop image, and once
 * the kubelet has restarted them shows them terminated with the stopped container's exit code
 * and times, which the simulator does not model. A TaskRun stopped by a timeout or cancel
 * keeps them running: its pod is deleted and stopSidecars returns early.
 */
export function sidecarStates(
  steps: AttemptStepsView | undefined,
  containers: readonly string[],
  clock: (virtualMs: number) => string,
): JsonObject[] | undefined {
  if (steps === undefined || steps.endedBy === 'pod' || containers.length === 0) return undefined;
  const startedAt = clock(steps.startedAtMs);
  return containers.map((container) =>
    fields([
      ['running', { startedAt }],
      ['name', container.startsWith('sidecar-') ? container.slice('sidecar-'.length) : container],
      ['container', container],
    ]),
  );
}
