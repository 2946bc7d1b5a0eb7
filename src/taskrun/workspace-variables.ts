// `$(workspaces.W.bound|path|claim|volume)` in a TaskRun's steps, as the TaskRun reconciler
// fills them (v1.15.0 pkg/reconciler/taskrun/resources/apply.go ApplyWorkspaces,
// applyWorkspaceMountPath; pkg/workspace/apply.go CreateVolumes): over the Task's
// declarations and one `{name}` for each binding it does not declare (an embedded spec's
// propagated workspaces, taskrun.go applyParamsContextsResultsAndWorkspaces), with the
// TaskRun's bindings as the PipelineRun controller made them (plan/workspace-bindings.ts).
import type { WorkspaceResults } from '../model/taskrun.js';
import type { Plan, PlanTask } from '../plan/plan.js';
import { taskRunBindings } from '../plan/workspace-bindings.js';
import type { TaskSpec } from '../tekton/types.js';
import { workspaceMountPath } from '../tekton/workspaces.js';

type Json = Record<string, unknown>;

export interface WorkspaceDeclaration {
  name: string;
  mountPath?: unknown;
  optional?: unknown;
  readOnly?: unknown;
}

/** The Task's declarations, then `{name}` for each binding it does not declare. */
export function workspaceDeclarations(
  spec: TaskSpec | undefined,
  bindings: readonly Json[],
): WorkspaceDeclaration[] {
  const declared = records(spec?.workspaces)
    .filter((entry) => typeof entry.name === 'string')
    .map((entry) => entry as unknown as WorkspaceDeclaration);
  for (const binding of bindings) {
    const name = String(binding.name);
    if (!declared.some((entry) => entry.name === name)) declared.push({ name });
  }
  return declared;
}

/** bound, path, claim and volume of every workspace the TaskRun's steps may name. */
export function taskWorkspaceVariables(
  plan: Plan,
  task: PlanTask,
  results?: WorkspaceResults,
): Record<string, string> {
  const bindings = taskRunBindings(plan, task.pipelineTask, results).map((entry) => entry.binding);
  const bound = new Set(bindings.map((binding) => String(binding.name)));
  const variables: Record<string, string> = {};
  for (const declaration of workspaceDeclarations(task.taskSpec, bindings)) {
    const name = declaration.name;
    if (declaration.optional === true && !bound.has(name)) {
      variables[`${name}.bound`] = 'false';
      variables[`${name}.path`] = '';
      continue;
    }
    variables[`${name}.bound`] = 'true';
    variables[`${name}.path`] = workspaceMountPath(declaration);
  }
  for (const [name, volume] of volumeNames(bindings)) variables[`${name}.volume`] = volume;
  for (const binding of bindings) {
    const claim = (binding.persistentVolumeClaim as Json | undefined)?.claimName;
    variables[`${String(binding.name)}.claim`] = typeof claim === 'string' ? claim : '';
  }
  return variables;
}

/**
 * applyWorkspaceMountPath: in a step that lists a workspace with its own mountPath,
 * `$(workspaces.W.path)` is that mountPath. Undefined when the step overrides none.
 */
export function stepWorkspaceVariables(
  variables: Readonly<Record<string, string>>,
  step: { workspaces?: unknown } | undefined,
): Record<string, string> | undefined {
  let own: Record<string, string> | undefined;
  for (const usage of records(step?.workspaces)) {
    const key = `${String(usage.name)}.path`;
    if (typeof usage.mountPath !== 'string' || usage.mountPath === '') continue;
    if (variables[`${String(usage.name)}.bound`] !== 'true') continue;
    own ??= { ...variables };
    own[key] = usage.mountPath;
  }
  return own;
}

const SOURCES = ['persistentVolumeClaim', 'emptyDir', 'configMap', 'secret', 'projected', 'csi'];

/**
 * CreateVolumes: `ws-` and five hex digits of the FNV-1a hash of the workspace's name (of the
 * name before it and `$` while that is taken); a claim bound twice is one volume.
 */
function volumeNames(bindings: readonly Json[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  const byClaim = new Map<string, string>();
  for (const binding of bindings) {
    let name = hashedName(String(binding.name));
    while (used.has(name)) name = hashedName(`${name}$`);
    used.add(name);
    const claim = (binding.persistentVolumeClaim as Json | undefined)?.claimName;
    if (binding.persistentVolumeClaim !== undefined) {
      const key = String(claim ?? '');
      const first = byClaim.get(key);
      if (first === undefined) byClaim.set(key, name);
      names.set(String(binding.name), first ?? name);
    } else if (SOURCES.some((source) => binding[source] !== undefined)) {
      names.set(String(binding.name), name);
    }
  }
  return names;
}

/** names.GenerateHashedName("ws", name, 5). */
function hashedName(name: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const hex = hash.toString(16);
  return `ws-${hex.length >= 5 ? hex.slice(0, 5) : hex.padEnd(5, '0')}`;
}

function records(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}
