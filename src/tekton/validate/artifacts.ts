// validateArtifactReference: with `enable-artifacts` off (Tekton's default and the
// simulator's), a pipeline task's params may not read an artifact of another task,
// `$(tasks.t.inputs.x)` or `$(tasks.t.outputs.x)`. Tekton returns at the first such task,
// `tasks` before `finally`, so there is at most one error: `spec.tasks[i].params`.
import type { PipelineTask } from '../types.js';
import { stringsOfParams } from '../references.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';

// artifactref's taskArtifactUsagePattern.
const TASK_ARTIFACT = /\$\(tasks\.([^.]+)\.(?:inputs|outputs)\.([^.)]+)\)/;

export function validateArtifactReferences(
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  if (options.enableArtifacts) return;
  for (const [listName, list] of [
    ['tasks', tasks],
    ['finally', finallyTasks],
  ] as const) {
    // Params.extractValues: params only (not the matrix).
    const position = list.findIndex((task) =>
      stringsOfParams(task.params).some((value) => TASK_ARTIFACT.test(value)),
    );
    if (position < 0) continue;
    reporter.error(
      'feature flag enable-artifacts should be set to true to use artifacts feature.',
      specPath.child(listName).index(position).child('params'),
    );
    return;
  }
}
