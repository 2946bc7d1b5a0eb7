// The per-attempt rows of a seed the kernel ran (the report's attempts CSV): the rows
// check/attempt-rows.ts reads from the reference engine's status view, read from the kernel's
// arrays. A TaskRun's last attempt is in its own fields, the ones retried before it where
// run.ts kept them when they ended. Every TaskRun of a seed the kernel keeps has ended (run.ts
// hands back one that has not), so every row has its completion and a True or False status.
import type { AttemptRow } from '../check/attempt-rows.js';
import { TaskRunReason } from '../model/reasons.js';
import type { Kernel } from './compile.js';
import { Ending, type KernelState } from './state.js';

/** An attempt's condition reason by how it ended (Ending), as taskrun/lifecycle.ts words it. */
function reasonOf(kernel: Kernel, task: number, ending: number): string {
  switch (ending) {
    case Ending.Succeeded:
      return TaskRunReason.Succeeded;
    case Ending.Failed:
      // A step exited non-zero.
      return kernel.onErrorContinue[task] === 1
        ? TaskRunReason.FailureIgnored
        : kernel.plan.profile.stepFailureReason;
    case Ending.TimedOut:
      return TaskRunReason.TaskRunTimeout;
    default:
      return TaskRunReason.TaskRunCancelled;
  }
}

/** Every created TaskRun's attempts, TaskRuns in creation order, as the fleet engine gives them. */
export function kernelAttemptRows(kernel: Kernel, state: KernelState): AttemptRow[] {
  const rows: AttemptRow[] = [];
  for (let taskRun = 0; taskRun < state.taskRunCount; taskRun++) {
    const createdMs = state.trCreatedAtMs[taskRun];
    // Decided, but its create call never went out.
    if (Number.isNaN(createdMs)) continue;
    const task = state.trTask[taskRun];
    const slot = state.attemptSlot[task];
    const last = state.trAttempt[taskRun];
    for (let attempt = 0; attempt <= last; attempt++) {
      const retried = attempt < last;
      const ending = retried ? state.retriedEnding[slot + attempt] : state.trEnding[taskRun];
      const completionMs = retried
        ? state.retriedEndMs[slot + attempt]
        : state.trCompletionMs[taskRun];
      rows.push({
        // The one PipelineRun of the seed, as the fleet engine numbers its arrivals.
        pipelineRunIndex: 0,
        task: kernel.taskNames[task],
        taskRun: kernel.taskRunNames[task],
        attempt,
        isFinally: task >= kernel.dagCount,
        createdMs,
        startMs: retried ? state.retriedStartMs[slot + attempt] : state.trAttemptStartMs[taskRun],
        completionMs,
        status: ending === Ending.Succeeded ? 'True' : 'False',
        reason: reasonOf(kernel, task, ending),
      });
    }
  }
  return rows;
}
