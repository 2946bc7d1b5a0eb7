// A trace event as one line of text, for `replay --trace`.
import { TaskRunReason } from '../model/reasons.js';
import type { TraceEvent } from '../model/trace.js';

/** `+12.345s` offsets, fixed width for the integer part, so traces line up. */
export function formatOffset(atMs: number): string {
  const seconds = (atMs / 1000).toFixed(3);
  return `+${seconds}s`.padStart(10);
}

export function describeTraceEvent(
  event: TraceEvent,
  taskNames: readonly string[],
  taskRunNames: readonly string[],
): string {
  const task = 'task' in event ? taskNames[event.task] : '';
  const taskRun = 'taskRun' in event ? taskRunNames[event.taskRun] : '';
  switch (event.kind) {
    case 'run-started':
      return 'PipelineRun started';
    case 'spec-status':
      return `spec.status patched to ${event.status || '""'}`;
    case 'deadline':
      return `${event.scope} deadline passed`;
    case 'reconcile':
      return 'controller reconciles the PipelineRun';
    case 'taskrun-created':
      return `TaskRun ${taskRun} created for task ${task}`;
    case 'attempt-started':
      return `TaskRun ${taskRun} attempt ${event.attempt + 1} started`;
    case 'attempt-ended':
      return `TaskRun ${taskRun} attempt ${event.attempt + 1} ${event.reason === TaskRunReason.Succeeded ? 'succeeded' : `failed (${event.reason})`}${event.willRetry ? ', retrying' : ''}`;
    case 'cancel-requested':
      return `TaskRun ${taskRun} cancel requested${event.forTimeout ? ' (timeout)' : ''}`;
    case 'taskrun-completed':
      return `TaskRun ${taskRun} ${event.succeeded ? 'Succeeded' : `Failed(${event.reason})`}`;
    case 'task-skipped':
      return `task ${task} skipped: ${event.reason}`;
    case 'task-validation-failed':
      return `task ${task} failed validation: ${event.message}`;
    case 'finally-started':
      return 'finally tasks started';
    case 'condition':
      return `condition ${event.status}/${event.reason}: ${event.message}`;
    case 'run-completed':
      return `PipelineRun completed: ${event.status}/${event.reason}`;
  }
}
