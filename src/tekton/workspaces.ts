// Workspace variables, as Tekton substitutes them. In a Pipeline, `$(workspaces.W.bound)` is
// "true" when the PipelineRun binds W and "false" otherwise (pipelinerun/resources/apply.go
// ApplyWorkspaces). In a Task (taskrun/workspace-variables.ts), a bound workspace's path is
// its mountPath or /workspace/W (WorkspaceDeclaration.GetMountPath).
import type { PipelineRunSpec, PipelineSpec } from './types.js';

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

export function workspaceMountPath(declaration: WorkspaceEntry): string {
  return typeof declaration.mountPath === 'string' && declaration.mountPath !== ''
    ? declaration.mountPath
    : `/workspace/${String(declaration.name)}`;
}
