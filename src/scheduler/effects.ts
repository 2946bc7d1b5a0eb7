// What the scheduler asks of the world. The engine carries these out; the scheduler never
// touches the clock, the queue or a random stream itself.
import type { Param } from '../tekton/types.js';

export type DeadlineScope = 'pipeline' | 'tasks' | 'finally';

export interface SchedulerEffects {
  /** `matrixIndex` -1 for a task that is not fanned out; `matrixCount` TaskRuns in the fan-out. */
  createTaskRun(
    taskIndex: number,
    matrixIndex: number,
    params: Param[],
    nowMs: number,
    matrixCount?: number,
  ): void;
  cancelTaskRun(
    taskRunIndex: number,
    statusMessage: string,
    forTimeout: boolean,
    nowMs: number,
  ): void;
  setDeadline(scope: DeadlineScope, atMs: number): void;
  clearDeadline(scope: DeadlineScope): void;
  /** Optional observer for the trace; called with facts the scheduler decided. */
  note?(event: SchedulerNote): void;
}

export type SchedulerNote =
  | { kind: 'run-started'; atMs: number }
  | { kind: 'task-skipped'; atMs: number; task: number; reason: string }
  | { kind: 'task-validation-failed'; atMs: number; task: number; message: string }
  | { kind: 'finally-started'; atMs: number }
  | { kind: 'condition'; atMs: number; status: string; reason: string; message: string }
  | { kind: 'run-completed'; atMs: number; status: string; reason: string };
