// The DAG check of the webhook (Tekton's dag.Build over the pipeline's `tasks`): duplicate
// names, then cycles, then links to tasks that do not exist. Each stops the check, as
// dag.Build returns its first error. Tekton iterates a Go map when linking, so which missing
// link it reports is random when there are several; we report the first in spec order.
import { resultReferencesOfPipelineTask } from '../references.js';
import type { PipelineTask } from '../types.js';
import { asArray } from './expressions.js';
import type { FieldPath, Reporter } from './report.js';

/** The names a task depends on: runAfter plus result references, sorted and unique (Deps()). */
export function dependenciesOf(task: PipelineTask): string[] {
  const names = new Set<string>();
  for (const reference of resultReferencesOfPipelineTask(task)) names.add(reference.task);
  for (const name of asArray(task.runAfter)) names.add(String(name));
  return [...names].sort();
}

export function validateGraph(
  tasks: readonly PipelineTask[],
  tasksPath: FieldPath,
  reporter: Reporter,
): void {
  const names = tasks.map((task) => String(task?.name ?? ''));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      reporter.error(
        `invalid value: task ${name} is already present in Graph, can't add it again: duplicate pipeline task`,
        tasksPath,
      );
      return;
    }
    seen.add(name);
  }

  const dependencies = new Map<string, string[]>();
  tasks.forEach((task, position) => {
    const found = dependenciesOf(task);
    if (found.length > 0) dependencies.set(names[position], found);
  });

  const cycle = findCycle(dependencies);
  if (cycle) {
    const position = names.indexOf(cycle.task);
    const quoted = cycle.dependsOn.map((name) => `"${name}"`).join(', ');
    reporter.error(
      `invalid value: cycle detected; task "${cycle.task}" depends on ${quoted}`,
      tasksPath,
      tasksPath.index(position),
    );
    return;
  }

  for (const [position, name] of names.entries()) {
    for (const dependency of dependencies.get(name) ?? []) {
      if (seen.has(dependency)) continue;
      const runAfterPosition = asArray(tasks[position].runAfter).indexOf(dependency);
      const at =
        runAfterPosition >= 0
          ? tasksPath.index(position).child('runAfter').index(runAfterPosition)
          : tasksPath.index(position);
      reporter.error(
        `invalid value: couldn't add link between ${name} and ${dependency}: ` +
          `task ${name} depends on ${dependency} but ${dependency} wasn't present in Pipeline`,
        tasksPath,
        at,
      );
      return;
    }
  }
}

interface Cycle {
  task: string;
  dependsOn: string[];
}

/**
 * Kahn's algorithm as Tekton runs it: peel off tasks whose dependencies are all gone; if any
 * remain, report the smallest remaining name and what it still waits for.
 */
export function findCycle(dependencies: ReadonlyMap<string, readonly string[]>): Cycle | undefined {
  const waiting = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const ready: string[] = [];
  // Membership kept apart from the list: a layered DAG has hundreds of roots and 100,000 edges.
  const roots = new Set<string>();
  for (const [task, found] of dependencies) {
    waiting.set(task, new Set(found));
    for (const dependency of found) {
      if (!dependencies.has(dependency) && !roots.has(dependency)) {
        roots.add(dependency);
        ready.push(dependency);
      }
      if (!children.has(dependency)) children.set(dependency, new Set());
      children.get(dependency)?.add(task);
    }
  }
  while (ready.length > 0) {
    const parent = ready.pop() as string;
    for (const child of children.get(parent) ?? []) {
      const remaining = waiting.get(child);
      if (!remaining) continue;
      remaining.delete(parent);
      if (remaining.size === 0) {
        waiting.delete(child);
        ready.push(child);
      }
    }
  }
  if (waiting.size === 0) return undefined;
  const task = [...waiting.keys()].sort()[0];
  return { task, dependsOn: [...(waiting.get(task) ?? [])].sort() };
}
