// Workspace variables, as Tekton substitutes them. In a Pipeline, `$(workspaces.W.bound)` is
// "true" when the PipelineRun binds W and "false" otherwise (pipelinerun/resources/apply.go
// ApplyWorkspaces). In a Task, a workspace is bound unless it is optional and its pipeline
// task (or TaskRun) leaves it unbound; a bound one's path is its mountPath or /workspace/W
// (taskrun/resources/apply.go ApplyWorkspaces, WorkspaceDeclaration.GetMountPath).
import type { PipelineRunSpec, PipelineSpec, PipelineTask, TaskSpec } from './types.js';

/** Fields of workspace entries this module reads; the typed objects keep them as unknown. */
interface WorkspaceEntry {
  name?: unknown;
  workspace?: unknown;
  optional?: unknown;
  mountPath?: unknown;
  persistentVolumeClaim?: { claimName?: unknown };
}

function entries(list: readonly unknown[] | undefined): WorkspaceEntry[] {
  return (list ?? []).filter(
    (entry): entry is WorkspaceEntry => entry !== null && typeof entry === 'object',
  );
}

function namesOf(list: readonly unknown[] | undefined): Set<string> {
  return new Set(
    entries(list)
      .map((entry) => entry.name)
      .filter((name): name is string => typeof name === 'string'),
  );
}

/** `W.bound` for every workspace the Pipeline declares or the PipelineRun binds. */
export function pipelineWorkspaceVariables(
  pipeline: PipelineSpec,
  runSpec: PipelineRunSpec,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of namesOf(pipeline.workspaces)) variables[`${name}.bound`] = 'false';
  for (const name of namesOf(runSpec.workspaces)) variables[`${name}.bound`] = 'true';
  return variables;
}

/**
 * The task workspaces a pipeline task binds: those it maps to a pipeline workspace the
 * PipelineRun binds (Tekton leaves out bindings of unbound optional pipeline workspaces).
 */
export function boundTaskWorkspaces(
  pipelineTask: PipelineTask,
  runSpec: PipelineRunSpec,
): Map<string, string> {
  const runBound = namesOf(runSpec.workspaces);
  const bound = new Map<string, string>();
  for (const entry of entries(pipelineTask.workspaces)) {
    if (typeof entry.name !== 'string') continue;
    const source = typeof entry.workspace === 'string' ? entry.workspace : entry.name;
    if (runBound.has(source)) bound.set(entry.name, source);
  }
  return bound;
}

/** `W.bound`, `W.path` and `W.claim` for the workspaces a task spec declares. */
export function taskWorkspaceVariables(
  spec: TaskSpec | undefined,
  pipelineTask: PipelineTask,
  runSpec: PipelineRunSpec,
): Record<string, string> {
  const bound = boundTaskWorkspaces(pipelineTask, runSpec);
  const runBindings = new Map(
    entries(runSpec.workspaces).map((entry) => [entry.name, entry] as const),
  );
  const variables: Record<string, string> = {};
  for (const declaration of entries(spec?.workspaces)) {
    const name = declaration.name;
    if (typeof name !== 'string') continue;
    if (declaration.optional === true && !bound.has(name)) {
      variables[`${name}.bound`] = 'false';
      variables[`${name}.path`] = '';
      continue;
    }
    variables[`${name}.bound`] = 'true';
    variables[`${name}.path`] = workspaceMountPath(declaration);
    const claim = runBindings.get(bound.get(name) ?? '')?.persistentVolumeClaim?.claimName;
    variables[`${name}.claim`] = typeof claim === 'string' ? claim : '';
  }
  return variables;
}

export function workspaceMountPath(declaration: WorkspaceEntry): string {
  return typeof declaration.mountPath === 'string' && declaration.mountPath !== ''
    ? declaration.mountPath
    : `/workspace/${String(declaration.name)}`;
}
