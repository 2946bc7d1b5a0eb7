// The workspace bindings the PipelineRun controller gives a TaskRun (v1.15.0
// pkg/reconciler/pipelinerun/pipelinerun.go getTaskrunWorkspaces,
// taskWorkspaceByWorkspaceVolumeSource, combinedSubPath, propagateWorkspaces): for each
// workspace the pipeline task binds, the PipelineRun's binding of the pipeline workspace it
// names, renamed to the task's workspace, its subPath joined with the pipeline task's. A
// volumeClaimTemplate becomes the claim Tekton creates for it, named as
// volumeclaim.GeneratePVCNameFromWorkspaceBinding names it (coschedule `workspaces`, the
// default, or `disabled`; per-PipelineRun coschedule names the claim of the run's affinity
// assistant StatefulSet, getPersistentVolumeClaimNameWithAffinityAssistant).
// An embedded spec also binds the workspaces its steps use without the pipeline task naming
// them. Before any of it, the run's own bindings take the params the PipelineRun gives
// (resources.ApplyParametersToWorkspaceBindings, run params only, no defaults), then the
// results of the tasks done when the TaskRun is created (ApplyResultsToWorkspaceBindings);
// the pipeline task's subPath takes the results it reads elsewhere (ApplyTaskResults).
import { createHash } from 'node:crypto';
import { applyStringReplacements } from '../tekton/apply-replacements.js';
import type { Coschedule } from '../model/tekton-config.js';
import type { WorkspaceResults } from '../model/taskrun.js';
import type { Param, PipelineRunSpec, PipelineTask, TaskSpec } from '../tekton/types.js';

type Json = Record<string, unknown>;

/** What of a Plan the bindings depend on (compile has it before the Plan exists). */
export interface BindingInput {
  runSpec: PipelineRunSpec;
  pipelineRunName: string;
  namespace: string;
  uid: string;
  /** Read for `coschedule` only; Tekton's default (`workspaces`) when absent. */
  tektonConfig?: { featureFlags: { coschedule: Coschedule } };
}

/** One TaskRun binding and where it came from. */
export interface TaskRunBinding {
  /** The binding as the TaskRun's spec.workspaces holds it. */
  binding: Json;
  /** The pipeline workspace it binds. */
  pipelineWorkspace: string;
  /** The PipelineRun's binding of it, with the run's params filled in. */
  source: Json;
}

// FindWorkspacesUsedByTask reads `$(workspaces.NAME.…)` in steps, sidecars and the stepTemplate.
const USED_WORKSPACE = /\$\(workspaces\.([^.)]+)\./g;

/** The TaskRun's bindings in getTaskrunWorkspaces' order; unbound optional ones left out. */
export function taskRunBindings(
  input: BindingInput,
  pipelineTask: PipelineTask,
  results?: WorkspaceResults,
): TaskRunBinding[] {
  const runBindings = new Map<string, Json>();
  for (const binding of replaceInBindings(
    runBindingsWithParams(input.runSpec),
    results?.done ?? new Map(),
  ))
    if (typeof binding.name === 'string') runBindings.set(binding.name, binding);
  const entries = records(pipelineTask.workspaces).map((entry) => ({
    name: typeof entry.name === 'string' ? entry.name : '',
    workspace: typeof entry.workspace === 'string' ? entry.workspace : '',
    subPath:
      typeof entry.subPath === 'string'
        ? applyStringReplacements(entry.subPath, results?.own ?? new Map())
        : '',
  }));
  for (const name of propagatedWorkspaces(pipelineTask)) {
    if (entries.some((entry) => entry.name === name)) continue;
    entries.push({ name, workspace: '', subPath: '' });
  }
  const context: Record<string, string> = {
    'context.pipelineRun.name': input.pipelineRunName,
    'context.pipelineRun.namespace': input.namespace,
    'context.pipelineRun.uid': input.uid,
    // GetContextReplacements with the pipelineRef's name: empty for an embedded pipeline.
    'context.pipeline.name': String(input.runSpec.pipelineRef?.name ?? ''),
  };
  const bindings: TaskRunBinding[] = [];
  for (const entry of entries) {
    const pipelineWorkspace = entry.workspace || entry.name;
    const source = runBindings.get(pipelineWorkspace);
    // An unbound optional workspace is left out; an unbound required one fails the run.
    if (source === undefined) continue;
    const binding = bindingFor(input, entry.name, entry.subPath, source);
    if (typeof binding.subPath === 'string')
      binding.subPath = applyStringReplacements(binding.subPath, new Map(Object.entries(context)));
    bindings.push({ binding, pipelineWorkspace, source });
  }
  return bindings;
}

/**
 * getTaskrunWorkspaces' error: a workspace the pipeline task binds, or its embedded spec's
 * steps use, whose pipeline workspace the PipelineRun does not bind, unless the Task declares
 * that task workspace optional. The run-start checks catch the ones the Pipeline declares; this
 * is left for a name it does not (an embedded pipelineSpec skips the webhook's check, a step
 * may name any workspace).
 */
export function unboundTaskWorkspace(
  runSpec: PipelineRunSpec,
  pipelineTask: PipelineTask,
  spec: TaskSpec | undefined,
): string | undefined {
  const runBound = new Set(records(runSpec.workspaces).map((binding) => String(binding.name)));
  const optional = new Set(
    records(spec?.workspaces)
      .filter((declaration) => declaration.optional === true)
      .map((declaration) => String(declaration.name)),
  );
  const entries = records(pipelineTask.workspaces).map((entry) => ({
    name: String(entry.name ?? ''),
    workspace: typeof entry.workspace === 'string' ? entry.workspace : '',
  }));
  for (const name of propagatedWorkspaces(pipelineTask))
    if (!entries.some((entry) => entry.name === name)) entries.push({ name, workspace: '' });
  for (const entry of entries) {
    const pipelineWorkspace = entry.workspace || entry.name;
    if (runBound.has(pipelineWorkspace) || optional.has(entry.name)) continue;
    return `expected workspace "${pipelineWorkspace}" to be provided by pipelinerun for pipeline task "${pipelineTask.name}"`;
  }
  return undefined;
}

/** The workspaces an embedded spec's steps use that its pipeline task does not bind. */
export function propagatedWorkspaces(pipelineTask: PipelineTask): string[] {
  const spec = pipelineTask.taskSpec;
  if (!spec) return [];
  const text = JSON.stringify([spec.steps, spec.sidecars, spec.stepTemplate]);
  return [...new Set([...text.matchAll(USED_WORKSPACE)].map((match) => match[1]))];
}

/** Whether anything in the task's bindings names a task result (filled in at creation). */
export function bindingsReadResults(runSpec: PipelineRunSpec, pipelineTask: PipelineTask): boolean {
  return JSON.stringify([runSpec.workspaces, pipelineTask.workspaces]).includes('$(tasks.');
}

/**
 * resources.ApplyParametersToWorkspaceBindings: `$(params.x)` in a binding's subPath, claim,
 * ConfigMap, Secret, projected and CSI names, with the values the PipelineRun gives.
 */
export function runBindingsWithParams(runSpec: PipelineRunSpec): Json[] {
  return replaceInBindings(
    records(runSpec.workspaces).map((binding) => structuredClone(binding)),
    runParamReplacements(runSpec.params ?? []),
  );
}

/** workspace.ReplaceWorkspaceBindingsVars, in place. */
function replaceInBindings(bindings: Json[], replacements: ReadonlyMap<string, string>): Json[] {
  if (replacements.size === 0) return bindings;
  const replace = (value: unknown) =>
    typeof value === 'string' ? applyStringReplacements(value, replacements) : value;
  const items = (holder: Json | undefined) => {
    for (const item of records(holder?.items)) {
      item.key = replace(item.key);
      item.path = replace(item.path);
    }
  };
  for (const binding of bindings) {
    binding.subPath = replace(binding.subPath);
    if (binding.subPath === undefined) delete binding.subPath;
    const claim = record(binding.persistentVolumeClaim);
    if (claim) claim.claimName = replace(claim.claimName);
    const configMap = record(binding.configMap);
    if (configMap) {
      configMap.name = replace(configMap.name);
      items(configMap);
    }
    const secret = record(binding.secret);
    if (secret) {
      secret.secretName = replace(secret.secretName);
      items(secret);
    }
    for (const source of records(record(binding.projected)?.sources)) {
      for (const key of ['configMap', 'secret']) {
        const projection = record(source[key]);
        if (!projection) continue;
        projection.name = replace(projection.name);
        items(projection);
      }
    }
    const csi = record(binding.csi);
    if (csi) {
      csi.driver = replace(csi.driver);
      const secretRef = record(csi.nodePublishSecretRef);
      if (secretRef) secretRef.name = replace(secretRef.name);
    }
  }
  return bindings;
}

/** paramsFromPipelineRun: the run's own params under each of Tekton's spellings. */
function runParamReplacements(params: readonly Param[]): Map<string, string> {
  const map = new Map<string, string>();
  const spellings = (name: string) => [`params.${name}`, `params["${name}"]`, `params['${name}']`];
  for (const param of params) {
    if (!param || typeof param.name !== 'string') continue;
    const value = param.value as unknown;
    if (Array.isArray(value)) {
      for (const spelling of spellings(param.name))
        value.forEach((item, index) => map.set(`${spelling}[${index}]`, String(item)));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Json))
        map.set(`params.${param.name}.${key}`, String(item));
    } else {
      for (const spelling of spellings(param.name)) map.set(spelling, String(value ?? ''));
    }
  }
  return map;
}

/** taskWorkspaceByWorkspaceVolumeSource. WorkspaceBinding's json order: name, subPath, source. */
function bindingFor(input: BindingInput, name: string, taskSubPath: string, source: Json): Json {
  const runSubPath = typeof source.subPath === 'string' ? source.subPath : '';
  const subPath = combinedSubPath(runSubPath, taskSubPath);
  const result: Json = { name };
  if (subPath !== '') result.subPath = subPath;
  if (source.volumeClaimTemplate !== undefined && source.volumeClaimTemplate !== null) {
    result.persistentVolumeClaim = { claimName: claimNameOfTemplate(input, source) };
    return result;
  }
  for (const [key, value] of Object.entries(source))
    if (key !== 'name' && key !== 'subPath') result[key] = structuredClone(value);
  return result;
}

/**
 * GeneratePVCNameFromWorkspaceBinding: the template's name or `pvc`, a hash of workspace and
 * owner uid. Per PipelineRun coschedule, the StatefulSet's claim: that name (cut to 63
 * characters and a hash, sanitizeVolumeName), the run's affinity assistant, `-0`.
 */
function claimNameOfTemplate(input: BindingInput, source: Json): string {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);
  const metadata = record(record(source.volumeClaimTemplate)?.metadata);
  const claimName =
    typeof metadata?.name === 'string' && metadata.name !== '' ? metadata.name : 'pvc';
  const generated = `${claimName}-${sha(String(source.name) + input.uid)}`;
  const coschedule = input.tektonConfig?.featureFlags.coschedule ?? 'workspaces';
  if (coschedule !== 'pipelineruns' && coschedule !== 'isolate-pipelinerun') return generated;
  const volume = generated.length <= 63 ? generated : `${generated.slice(0, 52)}-${sha(generated)}`;
  return `${volume}-affinity-assistant-${sha(input.pipelineRunName)}-0`;
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

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function records(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}
