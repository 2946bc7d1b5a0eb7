// The workspace bindings the PipelineRun controller gives a TaskRun (v1.15.0
// pkg/reconciler/pipelinerun/pipelinerun.go getTaskrunWorkspaces,
// taskWorkspaceByWorkspaceVolumeSource, combinedSubPath, propagateWorkspaces): for each
// workspace the pipeline task binds, the PipelineRun's binding of the pipeline workspace it
// names, renamed to the task's workspace, its subPath joined with the pipeline task's. A
// volumeClaimTemplate becomes the claim Tekton creates for it, named as
// volumeclaim.GeneratePVCNameFromWorkspaceBinding names it (the default coschedule,
// `workspaces`). An embedded spec also binds the workspaces its steps use without the
// pipeline task naming them.
import { createHash } from 'node:crypto';
import type { Plan, PlanTask } from '../plan/plan.js';

type Json = Record<string, unknown>;

const USED_WORKSPACE = /\$\(workspaces\.([^.)]+)\./g;

export function taskRunWorkspaces(plan: Plan, task: PlanTask): Json[] | undefined {
  const runBindings = new Map<string, Json>();
  for (const binding of records(plan.runSpec.workspaces))
    if (typeof binding.name === 'string') runBindings.set(binding.name, binding);
  const entries = records(task.pipelineTask.workspaces).map((entry) => ({
    name: typeof entry.name === 'string' ? entry.name : '',
    workspace: typeof entry.workspace === 'string' ? entry.workspace : '',
    subPath: typeof entry.subPath === 'string' ? entry.subPath : '',
  }));
  if (task.pipelineTask.taskSpec) {
    const named = new Set(entries.map((entry) => entry.name));
    const text = JSON.stringify([
      task.pipelineTask.taskSpec.steps,
      task.pipelineTask.taskSpec.sidecars,
      task.pipelineTask.taskSpec.stepTemplate,
    ]);
    for (const [, name] of text.matchAll(USED_WORKSPACE)) {
      if (named.has(name)) continue;
      named.add(name);
      entries.push({ name, workspace: '', subPath: '' });
    }
  }
  const bindings: Json[] = [];
  for (const entry of entries) {
    const source = runBindings.get(entry.workspace || entry.name);
    // An unbound optional workspace is left out; an unbound required one fails the run.
    if (source === undefined) continue;
    bindings.push(binding(plan, entry.name, entry.subPath, source));
  }
  const context: Record<string, string> = {
    'context.pipelineRun.name': plan.pipelineRunName,
    'context.pipelineRun.namespace': plan.namespace,
    'context.pipelineRun.uid': plan.uid,
    // GetContextReplacements with the pipelineRef's name: empty for an embedded pipeline.
    'context.pipeline.name': String(plan.runSpec.pipelineRef?.name ?? ''),
  };
  for (const entry of bindings)
    if (typeof entry.subPath === 'string')
      entry.subPath = entry.subPath.replace(
        /\$\(([^)]*)\)/g,
        (whole, key: string) => context[key] ?? whole,
      );
  return bindings.length > 0 ? bindings : undefined;
}

/** WorkspaceBinding's json order: name, subPath, then the one volume source. */
function binding(plan: Plan, name: string, taskSubPath: string, source: Json): Json {
  const runSubPath = typeof source.subPath === 'string' ? source.subPath : '';
  const subPath = combinedSubPath(runSubPath, taskSubPath);
  const result: Json = { name };
  if (subPath !== '') result.subPath = subPath;
  if (source.volumeClaimTemplate !== undefined && source.volumeClaimTemplate !== null) {
    const template = source.volumeClaimTemplate as Json;
    const metadata = (template.metadata ?? {}) as Json;
    const claimName =
      typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : 'pvc';
    const identity = createHash('sha256')
      .update(String(source.name) + plan.uid)
      .digest('hex')
      .slice(0, 10);
    result.persistentVolumeClaim = { claimName: `${claimName}-${identity}` };
    return result;
  }
  for (const [key, value] of Object.entries(source))
    if (key !== 'name' && key !== 'subPath') result[key] = structuredClone(value);
  return result;
}

/** combinedSubPath: filepath.Join of the two when both are set. */
function combinedSubPath(runSubPath: string, taskSubPath: string): string {
  if (runSubPath === '') return taskSubPath;
  if (taskSubPath === '') return runSubPath;
  return joinPath(runSubPath, taskSubPath);
}

/** Go's filepath.Join on Linux: joined with `/`, then cleaned. */
function joinPath(a: string, b: string): string {
  const joined = `${a}/${b}`;
  const absolute = joined.startsWith('/');
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const cleaned = (absolute ? '/' : '') + parts.join('/');
  return cleaned === '' ? '.' : cleaned;
}

function records(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}
