// A Pipeline's workspaces as Tekton's webhook checks them: the declarations (non-empty,
// unique; PipelineSpec.Validate, so embedded specs too) and, for a Pipeline created on its
// own, each pipeline task's bindings (validatePipelineWorkspacesUsage), which Pipeline.Validate
// alone runs. Params named twice (the Pipeline's, a task's) are refused in embedded specs too
// (ValidatePipelineParameterVariables, from PipelineSpec.Validate).
import type { PipelineSpec, PipelineTask } from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';

function nameOf(value: unknown): string {
  return isObject(value) && typeof value.name === 'string' ? value.name : '';
}

/** validatePipelineWorkspacesDeclarations. */
export function validateWorkspaceDeclarations(
  spec: PipelineSpec | undefined,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const seen = new Set<string>();
  asArray(spec?.workspaces as readonly unknown[] | undefined).forEach((workspace, position) => {
    const name = nameOf(workspace);
    const path = specPath.child('workspaces').index(position);
    if (name === '') reporter.error(`invalid value: workspace ${position} has empty name`, path);
    if (seen.has(name)) {
      reporter.error(
        `invalid value: workspace with name ${JSON.stringify(name)} appears more than once`,
        path,
      );
    }
    seen.add(name);
  });
}

/** Pipeline.Validate's checks of each task's workspace bindings. */
export function validateStandaloneTaskWorkspacesAndParams(
  spec: PipelineSpec | undefined,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const declared = new Set(asArray(spec?.workspaces as readonly unknown[] | undefined).map(nameOf));
  for (const list of ['tasks', 'finally'] as const) {
    asArray(spec?.[list] as readonly PipelineTask[] | undefined).forEach((task, position) => {
      if (!isObject(task)) return;
      const taskPath = specPath.child(list).index(position);
      validateTaskWorkspaces(task, taskPath, declared, reporter);
    });
  }
}

function validateTaskWorkspaces(
  task: PipelineTask,
  taskPath: FieldPath,
  declared: ReadonlySet<string>,
  reporter: Reporter,
): void {
  const bound = new Set<string>();
  asArray(task.workspaces as readonly unknown[] | undefined).forEach((binding, position) => {
    const name = nameOf(binding);
    const path = taskPath.child('workspaces').index(position);
    if (bound.has(name)) {
      reporter.error(`workspace name ${JSON.stringify(name)} must be unique`, path);
    }
    const workspace =
      isObject(binding) && typeof binding.workspace === 'string' ? binding.workspace : '';
    const wanted = workspace === '' ? name : workspace;
    if (!declared.has(wanted)) {
      reporter.error(
        `invalid value: pipeline task ${JSON.stringify(nameOf(task))} expects workspace with name ${JSON.stringify(wanted)} but none exists in pipeline spec`,
        path,
      );
    }
    bound.add(name);
  });
}

/**
 * ValidatePipelineParameterVariables, run once under `tasks` and once under `finally`: a
 * Pipeline param named twice is reported at `spec.tasks.params[x]` and `spec.finally.params[x]`
 * (Tekton's paths, quirks included), and a task's repeated param at its index.
 */
export function validateDuplicateParamNames(
  spec: PipelineSpec | undefined,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  asArray(spec?.params as readonly unknown[] | undefined).forEach((param, position) => {
    const name = nameOf(param);
    if (seen.has(name) && !reported.has(name)) {
      const at = specPath.child('params').index(position);
      reporter.error(
        'parameter appears more than once',
        ['finally', 'tasks'].map((list) => at.spelled(`${specPath.text}.${list}.params[${name}]`)),
      );
      reported.add(name);
    }
    seen.add(name);
  });
  for (const list of ['tasks', 'finally'] as const) {
    asArray(spec?.[list] as readonly PipelineTask[] | undefined).forEach((task, position) => {
      if (isObject(task))
        validateDuplicateParams(task, specPath.child(list).index(position), reporter);
    });
  }
}

function validateDuplicateParams(task: PipelineTask, taskPath: FieldPath, reporter: Reporter) {
  const seen = new Set<string>();
  asArray(task.params as readonly unknown[] | undefined).forEach((param, position) => {
    const name = nameOf(param);
    if (seen.has(name)) {
      reporter.error(
        `parameter names must be unique, the parameter "${name}" is also defined at`,
        taskPath.child('params').index(position).child('name'),
      );
    }
    seen.add(name);
  });
}
