// One run laid out in time for the pictures of `replay`: a row per TaskRun (its pending time
// and attempts) and per skipped task, and the run's deadlines. Read from the status view and
// the trace, never from a simulation, so the Gantt chart and the Perfetto trace agree.
import type { SimulatedRun } from '../engine/simulated-run.js';

export interface TimelineSegment {
  kind: 'pending' | 'attempt';
  /** 0-based attempt number; -1 for pending. */
  attempt: number;
  fromMs: number;
  toMs: number;
  /** The attempt's condition reason (`Succeeded`, `TaskRunTimeout`, ...); empty for pending. */
  outcome: string;
}

export interface TimelineRow {
  label: string;
  isFinally: boolean;
  segments: TimelineSegment[];
  /** Set for a task that never ran, with Tekton's skip reason and when it was decided. */
  skipped?: { reason: string; atMs: number };
}

export interface RunTimeline {
  name: string;
  endMs: number;
  rows: TimelineRow[];
  deadlines: { scope: 'pipeline' | 'tasks' | 'finally'; atMs: number }[];
}

export function runTimeline(run: SimulatedRun): RunTimeline {
  const { view, result } = run;
  const startMs = view.pipelineRun.startTimeMs ?? 0;
  const endMs = Math.max(view.pipelineRun.completionTimeMs ?? result.endTimeMs, result.endTimeMs);
  const prefix = `${view.pipelineRunName}-`;
  const rows: TimelineRow[] = view.taskRuns.map((taskRun) => {
    const attempts = [...taskRun.retriesStatus, taskRun];
    const segments: TimelineSegment[] = [];
    const firstStartMs = attempts[0].startTimeMs;
    if (firstStartMs !== undefined && firstStartMs > taskRun.createdAtMs)
      segments.push({
        kind: 'pending',
        attempt: -1,
        fromMs: taskRun.createdAtMs,
        toMs: firstStartMs,
        outcome: '',
      });
    attempts.forEach((attempt, index) => {
      if (attempt.startTimeMs === undefined) return;
      segments.push({
        kind: 'attempt',
        attempt: index,
        fromMs: attempt.startTimeMs,
        toMs: attempt.completionTimeMs ?? endMs,
        outcome: attempt.condition.reason,
      });
    });
    return {
      label: taskRun.name.startsWith(prefix) ? taskRun.name.slice(prefix.length) : taskRun.name,
      isFinally: taskRun.isFinally,
      segments,
    };
  });
  const skippedAt = new Map<number, number>();
  for (const event of result.trace)
    if (event.kind === 'task-skipped' && !skippedAt.has(event.task))
      skippedAt.set(event.task, event.atMs);
  const taskIndex = new Map(result.state.plan.tasks.map((task, index) => [task.name, index]));
  for (const skipped of view.pipelineRun.skippedTasks) {
    const index = taskIndex.get(skipped.name) ?? -1;
    rows.push({
      label: skipped.name,
      isFinally: index >= result.state.plan.dagCount,
      segments: [],
      skipped: { reason: skipped.reason, atMs: skippedAt.get(index) ?? endMs },
    });
  }
  const { timeouts } = result.state.plan;
  const finallyStartMs = view.pipelineRun.finallyStartTimeMs;
  const deadlines: RunTimeline['deadlines'] = [];
  if (timeouts.pipelineMs !== undefined)
    deadlines.push({ scope: 'pipeline', atMs: startMs + timeouts.pipelineMs });
  if (timeouts.tasksMs !== undefined)
    deadlines.push({ scope: 'tasks', atMs: startMs + timeouts.tasksMs });
  if (timeouts.finallyMs !== undefined && finallyStartMs !== undefined)
    deadlines.push({ scope: 'finally', atMs: finallyStartMs + timeouts.finallyMs });
  return { name: view.pipelineRunName, endMs, rows, deadlines };
}
