// Scenario overrides: fields merged into the loaded PipelineRun, its pipeline spec and its
// pipeline tasks before compiling, so one pipeline can be simulated under several settings
// (timeouts, retries, a task's timeout). Merging follows JSON merge patch (RFC 7396): maps
// merge, lists and scalars replace, null removes. The loaded set itself is never changed.
// A field an override wrote is located in the Scenario (overrides-source.ts), so an error in
// it points at the override's own line, not at the PipelineRun it was merged into.
import type { LoadedSet } from '../tekton/load.js';
import type { SourceDocument, TektonResource } from '../tekton/resource.js';
import { resolvePipelineRun, selectPipelineRun } from '../tekton/resolve.js';
import type { PipelineSpec, PipelineTask } from '../tekton/types.js';
import type { SchemaPath } from './field-path.js';
import type { ValueProblem } from './parse-distribution.js';
import type { ScenarioOverrides } from './parse-scenario.js';
import { type PatchSite, patchedSource, writtenAt } from './overrides-source.js';
import { decodeValue, type DecodeProblem, METADATA_SHAPE, SPEC_SHAPES } from '../tekton/decode.js';
import { parseFieldPath } from '../tekton/resource.js';

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
  /** The Scenario document, where fields the overrides wrote are located. */
  scenario?: SourceDocument,
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
  const runSites: PatchSite[] = [];
  if (overrides.pipelineRun)
    runSites.push({
      at: [],
      patch: overrides.pipelineRun,
      written: ['spec', 'overrides', 'pipelineRun'],
    });
  // The loader decoded the file, but an override can put any value anywhere: decode again, as
  // the API server would the patched object, before anything reads the merged fields.
  if (!decodes(run, runSites, problems)) return set;
  const replacements = new Map<TektonResource, TektonResource>([[original, run]]);
  if (overrides.pipeline || overrides.tasks) {
    const resolved = resolvePipelineRun(replaced(set, replacements), run);
    const owner = resolved.pipelineSource?.resource;
    const embedded = !owner || owner === run;
    const { spec, sites } = patchPipeline(
      resolved.pipeline,
      overrides,
      embedded ? ['spec', 'pipelineSpec'] : ['spec'],
      problems,
    );
    if (embedded) {
      run.spec = { ...run.spec, pipelineSpec: spec };
      runSites.unshift(...sites);
      if (!decodes(run, runSites, problems)) return set;
    } else {
      const pipeline = { ...owner, spec } as TektonResource;
      if (!decodes(pipeline, sites, problems)) return set;
      if (scenario) pipeline.source = patchedSource(owner.source, scenario, sites);
      replacements.set(owner, pipeline);
    }
  }
  if (scenario) run.source = patchedSource(original.source, scenario, runSites);
  return replaced(set, replacements);
}

/** Whether the patched resource decodes as its kind; each problem at the override that wrote it. */
function decodes(
  resource: TektonResource,
  sites: readonly PatchSite[],
  problems: ValueProblem[],
): boolean {
  const found: DecodeProblem[] = [];
  resource.metadata = decodeValue(
    resource.metadata,
    METADATA_SHAPE,
    'metadata',
    found,
  ) as typeof resource.metadata;
  resource.spec = decodeValue(
    resource.spec,
    SPEC_SHAPES[resource.kind],
    'spec',
    found,
  ) as typeof resource.spec;
  for (const problem of found)
    problems.push({
      path: writtenAt(sites, parseFieldPath(problem.fieldPath)) ?? ['spec', 'overrides'],
      message: `${problem.message} (the ${resource.kind}'s ${problem.fieldPath} once overridden)`,
    });
  return found.length === 0;
}

/** The pipeline spec with its overrides, and where each patch sits (tasks' first: deeper). */
function patchPipeline(
  pipeline: PipelineSpec,
  overrides: ScenarioOverrides,
  at: SchemaPath,
  problems: ValueProblem[],
): { spec: PipelineSpec; sites: PatchSite[] } {
  const spec = mergePatch(pipeline, overrides.pipeline ?? {}) as PipelineSpec;
  const sites: PatchSite[] = [];
  for (const [name, patch] of Object.entries(overrides.tasks ?? {})) {
    const path: SchemaPath = ['spec', 'overrides', 'tasks', name];
    let found = false;
    for (const list of ['tasks', 'finally'] as const) {
      if (spec[list] === undefined) continue;
      spec[list] = spec[list].map((task, index) => {
        if (task.name !== name) return task;
        found = true;
        sites.push({ at: [...at, list, index], patch, written: path });
        return mergePatch(task, patch) as PipelineTask;
      });
    }
    if (!found) problems.push({ path, message: unknownTaskMessage(name, pipeline) });
  }
  if (overrides.pipeline)
    sites.push({ at, patch: overrides.pipeline, written: ['spec', 'overrides', 'pipeline'] });
  return { spec, sites };
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
