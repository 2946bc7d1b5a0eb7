// What the TaskRun reconciler's prepare checks of a TaskRun's workspace bindings before any
// pod (v1.15.0 pkg/reconciler/taskrun/taskrun.go prepare): workspace.ValidateBindings against
// the Task's declarations (for an embedded spec, every binding counts as declared: propagated
// workspaces), then, with coschedule `workspaces`, workspace.ValidateOnlyOnePVCIsUsed. Either
// fails the TaskRun TaskRunValidationFailed, its message the user error's text
// (MarkResourceFailed, pipelineErrors.GetErrorMessage). Neither the Pipeline webhook nor the
// PipelineRun reconciler looks at a referenced Task's declarations, so these reach run time.
import type { Coschedule } from '../model/tekton-config.js';
import type { PipelineTask, TaskSpec } from '../tekton/types.js';
import { type BindingInput, taskRunBindings } from './workspace-bindings.js';

type Json = Record<string, unknown>;

const USER_ERROR = '[User error] ';

/** The message prepare fails the task's TaskRuns with, or undefined. */
export function taskRunWorkspaceError(
  input: BindingInput,
  pipelineTask: PipelineTask,
  spec: TaskSpec | undefined,
  coschedule: Coschedule,
): string | undefined {
  if (createsNoTaskRun(pipelineTask)) return undefined;
  const bindings = taskRunBindings(input, pipelineTask).map((entry) => entry.binding);
  const bound = new Set(bindings.map((binding) => String(binding.name)));
  if (spec !== undefined) {
    const declarations = records(spec.workspaces);
    // tr.Spec.TaskSpec != nil: the bindings' names are declarations too.
    const embedded = pipelineTask.taskSpec !== undefined && pipelineTask.taskRef === undefined;
    const declared = new Set([
      ...(embedded ? bound : []),
      ...declarations.map((entry) => String(entry.name)),
    ]);
    for (const declaration of declarations) {
      if (declaration.optional === true || bound.has(String(declaration.name))) continue;
      return `${USER_ERROR}declared workspace "${String(declaration.name)}" is required but has not been bound`;
    }
    for (const name of bound)
      if (!declared.has(name))
        return `${USER_ERROR}workspace binding "${name}" does not match any declared workspace`;
  }
  if (coschedule === 'workspaces') {
    const claims = new Set(
      bindings.flatMap((binding) => {
        const claim = binding.persistentVolumeClaim as Json | undefined;
        return claim ? [String(claim.claimName ?? '')] : [];
      }),
    );
    if (claims.size > 1) return `${USER_ERROR}more than one PersistentVolumeClaim is bound`;
  }
  return undefined;
}

/** A custom task or a child pipeline: a CustomRun or a PipelineRun, not a TaskRun. */
function createsNoTaskRun(pipelineTask: PipelineTask): boolean {
  const task = pipelineTask as PipelineTask & { pipelineRef?: unknown; pipelineSpec?: unknown };
  if (task.pipelineRef !== undefined || task.pipelineSpec !== undefined) return true;
  const custom = (ref: unknown) => {
    const fields = (ref ?? {}) as Json;
    return (
      (typeof fields.apiVersion === 'string' && fields.apiVersion !== '') ||
      (typeof fields.kind === 'string' && fields.kind !== '' && fields.kind !== 'Task')
    );
  };
  return custom(pipelineTask.taskRef) || custom(pipelineTask.taskSpec);
}

function records(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}
