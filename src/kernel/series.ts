// The series over time of a seed the kernel ran (the report's charts): what
// check/seed-series.ts fleetSeries reads from the reference engine's trace and cluster log,
// read from the kernel's arrays. The controller's work queue holds the kernel's one run key
// only until a worker takes it, within the same instant, so its depth is 0 throughout.
import { capacityHeldSteps, type SeedSeries, stepsOf } from '../check/seed-series.js';
import { emptyStepSeries, recordStep } from '../cluster/step-series.js';
import type { Kernel } from './compile.js';
import type { KernelState } from './state.js';

export function kernelSeries(kernel: Kernel, state: KernelState, endMs: number): SeedSeries {
  const series: SeedSeries['series'] = {
    runningTaskRuns: runningTaskRuns(state),
    workQueueDepth: emptyStepSeries(),
  };
  // Slots are the cluster's one node; unlimited capacity has none.
  if (kernel.slots !== Number.POSITIVE_INFINITY) {
    const held = capacityHeldSteps(
      kernel.slots,
      state.podCount,
      (pod) => state.podAmount[pod],
      (pod) => state.podFromMs[pod],
      (pod) => state.podToMs[pod],
    );
    if (held) series.utilisation = held;
    series.podsWaitingForNode = podsWaiting(state);
  }
  return { endMs, series };
}

/** Attempts whose steps started and have not ended: a pod that never ran never counted. */
function runningTaskRuns(state: KernelState) {
  const changes = new Map<number, number>();
  const add = (atMs: number, change: number) =>
    changes.set(atMs, (changes.get(atMs) ?? 0) + change);
  for (let taskRun = 0; taskRun < state.taskRunCount; taskRun++) {
    if (Number.isNaN(state.trCreatedAtMs[taskRun])) continue;
    const slot = state.attemptSlot[state.trTask[taskRun]];
    const last = state.trAttempt[taskRun];
    for (let attempt = 0; attempt < last; attempt++) {
      const startedMs = state.retriedStepsStartMs[slot + attempt];
      if (Number.isNaN(startedMs)) continue;
      add(startedMs, 1);
      add(state.retriedEndMs[slot + attempt], -1);
    }
    if (state.trStartedAttempt[taskRun] !== last) continue;
    // Every TaskRun of a seed the kernel keeps has ended, its last attempt as it completed.
    add(state.trStepsStartMs[taskRun], 1);
    add(state.trCompletionMs[taskRun], -1);
  }
  return stepsOf(changes, (running) => running);
}

/** The waiting pods after each change, as cluster/pods.ts notes them. */
function podsWaiting(state: KernelState) {
  const steps = emptyStepSeries();
  for (let change = 0; change < state.waitingChanges; change++)
    recordStep(steps, state.waitingChangeMs[change], state.waitingChangeLength[change]);
  return steps;
}
