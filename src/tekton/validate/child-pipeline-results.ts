// validatePipelineRefResultReferencesDisallowed: results of a pipeline task that runs a child
// Pipeline (pipelineRef or pipelineSpec, alpha) cannot be read yet, because v1.15 does not
// propagate a child PipelineRun's results. Every result reference of a task or finally task
// (params, matrix, when, embedded steps: PipelineTaskResultRefs) to such a task is refused at
// the reading task, e.g. `spec.tasks[1]`.
import { resultReferencesOfPipelineTask } from '../references.js';
import type { PipelineTask } from '../types.js';
import type { FieldPath, Reporter } from './report.js';

export function validateChildPipelineResultReferences(
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const children = new Set(
    tasks
      .filter((task) => isSet(task.pipelineRef) || isSet(task.pipelineSpec))
      .map((task) => String(task.name ?? '')),
  );
  if (children.size === 0) return;
  const check = (list: readonly PipelineTask[], listName: string) =>
    list.forEach((task, position) => {
      for (const reference of resultReferencesOfPipelineTask(task)) {
        if (!children.has(reference.task)) continue;
        reporter.error(
          `invalid value: result reference to pipelineTask "${reference.task}" is not supported: referenced task uses pipelineRef or pipelineSpec and result propagation from child Pipelines is not yet implemented`,
          specPath.child(listName).index(position),
        );
      }
    });
  check(tasks, 'tasks');
  check(finallyTasks, 'finally');
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
