// The simplifications shrink tries, smallest-case-first: fewer tasks, no cancellation, no
// failure, fewer retries, shorter durations, an earlier cancellation, fewer results. Each is a
// lazy list of candidate cases; shrink keeps the first that still violates.
import type { AttemptDraw } from '../workload/index.js';
import { replaceTask, withoutTask, type ReproCase, type ReproTask } from './repro-case.js';

export interface Candidate {
  what: string;
  repro: ReproCase;
}

export function* candidates(repro: ReproCase): Generator<Candidate> {
  const dagCount = repro.tasks.filter((task) => !task.isFinally).length;
  // Later tasks first: they depend on earlier ones more often than the reverse.
  for (const task of [...repro.tasks].reverse()) {
    if (!task.isFinally && dagCount <= 1) continue; // A Pipeline needs one task.
    yield { what: `drop task ${task.name}`, repro: withoutTask(repro, task.name) };
  }
  if (repro.patch) yield { what: 'no cancellation', repro: { ...repro, patch: undefined } };
  for (const task of repro.tasks) {
    for (let index = 0; index < task.attempts.length; index++) {
      if (task.attempts[index].exitCode === 0) continue;
      yield {
        what: `task ${task.name} attempt ${index + 1} succeeds`,
        repro: changeAttempts(repro, task, (attempts) => [
          ...attempts.slice(0, index),
          { ...attempts[index], exitCode: 0, failedContainer: undefined, stepTimedOut: undefined },
        ]),
      };
    }
    if (task.retries > 0) {
      yield {
        what: `task ${task.name} retries ${task.retries - 1}`,
        repro: replaceTask(repro, task.name, (own) => ({
          ...own,
          retries: own.retries - 1,
          attempts: own.attempts.slice(0, own.retries),
        })),
      };
    }
  }
  for (const task of repro.tasks) {
    for (let index = 0; index < task.attempts.length; index++) {
      for (const durationMs of shorter(task.attempts[index].durationMs)) {
        yield {
          what: `task ${task.name} attempt ${index + 1} takes ${durationMs}ms`,
          repro: changeAttempts(repro, task, (attempts) =>
            attempts.map((attempt, at) =>
              at === index ? withDuration(attempt, durationMs) : attempt,
            ),
          ),
        };
      }
    }
  }
  if (repro.patch) {
    for (const atMs of shorter(repro.patch.atMs))
      yield {
        what: `cancellation at ${atMs}ms`,
        repro: { ...repro, patch: { ...repro.patch, atMs } },
      };
  }
  for (const task of repro.tasks) {
    for (const result of task.results) {
      yield {
        what: `task ${task.name} without result ${result}`,
        repro: replaceTask(repro, task.name, (own) => ({
          ...own,
          results: own.results.filter((name) => name !== result),
          attempts: own.attempts.map((attempt) => ({
            ...attempt,
            results: attempt.results.filter((written) => written.name !== result),
          })),
        })),
      };
    }
  }
}

/** Zero, whole seconds, then half: each strictly smaller than the value. */
function shorter(valueMs: number): number[] {
  const options = [
    0,
    Math.floor(valueMs / 1000) * 1000,
    Math.floor(valueMs / 2000) * 1000,
    Math.floor(valueMs / 2),
  ];
  return [...new Set(options)].filter((option) => option < valueMs);
}

function withDuration(attempt: AttemptDraw, durationMs: number): AttemptDraw {
  return {
    ...attempt,
    durationMs,
    results: attempt.results.map((result) => ({
      ...result,
      atMs: Math.min(result.atMs, durationMs),
    })),
  };
}

function changeAttempts(
  repro: ReproCase,
  task: ReproTask,
  change: (attempts: AttemptDraw[]) => AttemptDraw[],
): ReproCase {
  return replaceTask(repro, task.name, (own) => ({ ...own, attempts: change(own.attempts) }));
}
