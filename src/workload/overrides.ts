// Scenario overrides: fields merged into the loaded PipelineRun, its pipeline spec and its
// pipeline tasks before compiling, so one pipeline can be simulated under several settings
// (timeouts, retries, a task's timeout). Merging follows JSON merge patch (RFC 7396): maps
// merge, lists and scalars replace, null removes. The loaded set itself is never changed.
import type { LoadedSet } from '../tekton/load.js';
import type { TektonResource } from '../tekton/resource.js';
import { resolvePipelineRun, selectPipelineRun } from '../tekton/resolve.js';
import type { PipelineSpec, PipelineTask } from '../tekton/types.js';
import type { SchemaPath } from './field-path.js';
import type { ValueProblem } from './parse-distribution.js';
import type { ScenarioOverrides } from './parse-scenario.js';

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** A copy of `set` in which the PipelineRun (and its Pipeline, if patched) carry the overrides. */
export function applyOverrides(
  set: LoadedSet,
  runName: string | undefined,
  overrides: ScenarioOverrides,
  problems: ValueProblem[],
): LoadedSet {
  if (!overrides.pipelineRun && !overrides.pipeline && !overrides.tasks) return set;
  const original = selectPipelineRun(set, runName);
  const run = {
    ...original,
    ...(mergePatch(
      { metadata: original.metadata, spec: original.spec },
      overrides.pipelineRun ?? {},
    ) as object),
  } as typeof original;
  const replacements = new Map<TektonResource, TektonResource>([[original, run]]);
  if (overrides.pipeline || overrides.tasks) {
    const resolved = resolvePipelineRun(replaced(set, replacements), run);
    const patched = patchPipeline(resolved.pipeline, overrides, problems);
    const owner = resolved.pipelineSource?.resource;
    if (!owner || owner === run) run.spec = { ...run.spec, pipelineSpec: patched };
    else replacements.set(owner, { ...owner, spec: patched } as TektonResource);
  }
  return replaced(set, replacements);
}

function patchPipeline(
  pipeline: PipelineSpec,
  overrides: ScenarioOverrides,
  problems: ValueProblem[],
): PipelineSpec {
  const spec = mergePatch(pipeline, overrides.pipeline ?? {}) as PipelineSpec;
  for (const [name, patch] of Object.entries(overrides.tasks ?? {})) {
    const path: SchemaPath = ['spec', 'overrides', 'tasks', name];
    let found = false;
    for (const list of ['tasks', 'finally'] as const) {
      spec[list] = spec[list]?.map((task) => {
        if (task.name !== name) return task;
        found = true;
        return mergePatch(task, patch) as PipelineTask;
      });
    }
    if (!found) problems.push({ path, message: unknownTaskMessage(name, pipeline) });
  }
  return spec;
}

export function unknownTaskMessage(name: string, pipeline: PipelineSpec): string {
  const names = [...(pipeline.tasks ?? []), ...(pipeline.finally ?? [])].map((task) => task.name);
  return `unknown task "${name}"; the pipeline's tasks are: ${names.join(', ')}`;
}

function replaced(
  set: LoadedSet,
  replacements: ReadonlyMap<TektonResource, TektonResource>,
): LoadedSet {
  const swap = <T extends TektonResource>(resource: T): T =>
    (replacements.get(resource) as T | undefined) ?? resource;
  return {
    ...set,
    resources: set.resources.map(swap),
    pipelines: set.pipelines.map(swap),
    pipelineRuns: set.pipelineRuns.map(swap),
    tasks: set.tasks.map(swap),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
