// Hand-built Plans and traces for checker tests: only the fields the checkers read.
import type { SimulationResult } from '../../src/engine/simulation.js';
import type { TraceEvent } from '../../src/model/trace.js';
import type { Plan, PlanTask, PlanTimeouts } from '../../src/plan/plan.js';
import { PROFILES } from '../../src/model/profiles.js';
import type { RunState } from '../../src/scheduler/state.js';
import type { RunObservation } from '../../src/check/invariants/types.js';

export interface FakeTask {
  name: string;
  parents?: string[];
  isFinally?: boolean;
  retries?: number;
  onErrorContinue?: boolean;
}

export function fakePlan(tasks: FakeTask[], timeouts: PlanTimeouts = {}, profile = 'v1.15'): Plan {
  const ordered = [
    ...tasks.filter((task) => !task.isFinally),
    ...tasks.filter((task) => task.isFinally),
  ];
  const indexOf = new Map(ordered.map((task, index) => [task.name, index]));
  const planTasks = ordered.map(
    (task, index) =>
      ({
        index,
        name: task.name,
        isFinally: task.isFinally === true,
        parents: (task.parents ?? []).map((name) => indexOf.get(name) as number),
        children: [],
        retries: task.retries ?? 0,
        onErrorContinue: task.onErrorContinue === true,
      }) as unknown as PlanTask,
  );
  return {
    pipelineRunName: 'demo',
    tasks: planTasks,
    dagCount: ordered.filter((task) => !task.isFinally).length,
    timeouts,
    profile: PROFILES[profile],
    taskIndexByName: indexOf,
  } as unknown as Plan;
}

export function fakeRun(
  plan: Plan,
  trace: TraceEvent[],
  condition: { status: string; reason: string; message: string } = {
    status: 'True',
    reason: 'Succeeded',
    message: '',
  },
): RunObservation {
  const state = {
    condition: { type: 'Succeeded', lastTransitionTimeMs: 0, ...condition },
  } as unknown as RunState;
  const result: SimulationResult = {
    state,
    trace,
    eventCount: trace.length,
    endTimeMs: trace.at(-1)?.atMs ?? 0,
    fileWarnings: [],
  };
  return { plan, result };
}

/** A TaskRun's life in trace events: created, one attempt per entry of `attempts`, completed. */
export function taskRunEvents(
  task: number,
  taskRun: number,
  name: string,
  startMs: number,
  attempts: { durationMs: number; reason?: string; timeoutMs?: number }[],
): TraceEvent[] {
  const events: TraceEvent[] = [{ atMs: startMs, kind: 'taskrun-created', task, taskRun, name }];
  let atMs = startMs;
  attempts.forEach((attempt, index) => {
    const reason = attempt.reason ?? 'Succeeded';
    const last = index === attempts.length - 1;
    events.push({
      atMs,
      kind: 'attempt-started',
      task,
      taskRun,
      attempt: index,
      timeoutMs: attempt.timeoutMs ?? 0,
    });
    atMs += attempt.durationMs;
    events.push({
      atMs,
      kind: 'attempt-ended',
      task,
      taskRun,
      attempt: index,
      reason,
      willRetry: !last,
    });
    if (last)
      events.push({
        atMs,
        kind: 'taskrun-completed',
        task,
        taskRun,
        succeeded: reason === 'Succeeded',
        reason,
      });
  });
  return events;
}

export function byTime(events: TraceEvent[]): TraceEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.atMs - b.event.atMs || a.index - b.index)
    .map(({ event }) => event);
}
