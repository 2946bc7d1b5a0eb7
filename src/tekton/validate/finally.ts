// Rules for the `finally` section: it needs DAG tasks, takes no runAfter (finally tasks have
// no order among themselves), and reads results only from DAG tasks.
import type { PipelineTask } from '../types.js';
import { asArray, looksLikeContainsResultRefs, resultRefsOf } from './expressions.js';
import type { FieldPath, Reporter } from './report.js';
import { variableSitesOf } from './variables.js';

export function validateTasksAndFinallySection(
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
): void {
  if (finallyTasks.length > 0 && tasks.length === 0) {
    reporter.error(
      `invalid value: spec.tasks is empty but spec.finally has ${finallyTasks.length} tasks`,
      specPath.child('finally'),
    );
  }
}

export function validateFinalTasks(
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const finallyPath = specPath.child('finally');
  finallyTasks.forEach((task, position) => {
    if (asArray(task.runAfter).length > 0) {
      reporter.error(
        `invalid value: no runAfter allowed under spec.finally, final task ${String(task.name ?? '')} has runAfter specified`,
        finallyPath.index(position),
        finallyPath.index(position).child('runAfter'),
      );
    }
  });

  const dagNames = new Set(tasks.map((task) => String(task?.name ?? '')));
  const finallyNames = new Set(finallyTasks.map((task) => String(task?.name ?? '')));
  finallyTasks.forEach((task, position) => {
    for (const site of variableSitesOf(task, finallyPath.index(position))) {
      if (!looksLikeContainsResultRefs(site.expressions)) continue;
      for (const reference of resultRefsOf(site.expressions)) {
        if (finallyNames.has(reference.task)) {
          reporter.error(
            `invalid value: invalid task result reference, final task has task result reference from a final task ${reference.task}`,
            site.path,
          );
        } else if (!dagNames.has(reference.task)) {
          reporter.error(
            `invalid value: invalid task result reference, final task has task result reference from a task ${reference.task} which is not defined in the pipeline`,
            site.path,
          );
        }
      }
    }
  });
}
