// What happened in one run, in virtual-time order: the record the invariant checkers read
// and `replay --trace` prints. Recorded only when asked for, so plain runs stay fast.

export type TraceEvent =
  | { atMs: number; kind: 'run-started' }
  | { atMs: number; kind: 'spec-status'; status: string }
  | { atMs: number; kind: 'deadline'; scope: 'pipeline' | 'tasks' | 'finally' }
  | { atMs: number; kind: 'taskrun-created'; task: number; taskRun: number; name: string }
  | {
      atMs: number;
      kind: 'attempt-started';
      task: number;
      taskRun: number;
      attempt: number;
      timeoutMs: number;
    }
  | {
      atMs: number;
      kind: 'attempt-ended';
      task: number;
      taskRun: number;
      attempt: number;
      reason: string;
      willRetry: boolean;
    }
  | { atMs: number; kind: 'cancel-requested'; task: number; taskRun: number; forTimeout: boolean }
  | {
      atMs: number;
      kind: 'taskrun-completed';
      task: number;
      taskRun: number;
      succeeded: boolean;
      reason: string;
    }
  | { atMs: number; kind: 'task-skipped'; task: number; reason: string }
  | { atMs: number; kind: 'task-validation-failed'; task: number; message: string }
  | { atMs: number; kind: 'finally-started' }
  | { atMs: number; kind: 'condition'; status: string; reason: string; message: string }
  | { atMs: number; kind: 'run-completed'; status: string; reason: string };

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
    case 'taskrun-created':
      return `TaskRun ${taskRun} created for task ${task}`;
    case 'attempt-started':
      return `TaskRun ${taskRun} attempt ${event.attempt + 1} started`;
    case 'attempt-ended':
      return `TaskRun ${taskRun} attempt ${event.attempt + 1} ${event.reason === 'Succeeded' ? 'succeeded' : `failed (${event.reason})`}${event.willRetry ? ', retrying' : ''}`;
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
