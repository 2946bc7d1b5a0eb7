// From loaded Tekton resources to a compiled Plan: select one PipelineRun, validate what it
// uses as Tekton's webhook would, resolve its references and compile. The library entry
// (src/index.ts) exports this, so a conformance test prepares a run exactly as `tekton-sim run`.
import { compilePlan } from './compile.js';
import type { Plan } from './plan.js';
import { DEFAULT_TIMEOUT_MS } from './timeouts.js';
import {
  DEFAULT_PROFILE,
  PROFILES,
  profileNames,
  type SemanticsProfile,
} from '../model/profiles.js';
import { InputError, type Diagnostic } from '../tekton/diagnostics.js';
import type { LoadedSet } from '../tekton/load.js';
import type { PipelineRunResource, TaskRunResource, TektonResource } from '../tekton/resource.js';
import {
  resolvePipelineRun,
  selectPipelineRun,
  type ResolvedPipelineRun,
} from '../tekton/resolve.js';
import { validateResources } from '../tekton/validate/index.js';
import { validationOptionsOf } from '../tekton/validate/options.js';
import { SIMULATOR_TEKTON_CONFIG, type TektonConfig } from '../model/tekton-config.js';

export interface PrepareOptions {
  /** metadata.name of the PipelineRun to simulate; needed when the files hold several. */
  pipelineRun?: string;
  profile?: string;
  /**
   * The default timeout, in milliseconds, when given on its own (`--default-timeout`, a
   * Scenario's defaultTimeout); else config-defaults' default-timeout-minutes.
   */
  defaultTimeoutMs?: number;
  /** Tekton's feature flags and config-defaults; the simulator's own defaults when absent. */
  tektonConfig?: TektonConfig;
}

export interface PreparedRun {
  run: PipelineRunResource;
  resolved: ResolvedPipelineRun;
  plan: Plan;
  /** Warnings and notes about the resources involved (errors stop preparation). */
  diagnostics: Diagnostic[];
}

/**
 * The PipelineRun's metadata as the API server holds it once created: its namespace and uid,
 * given or made up by the Plan (tekton.dev/pipelineRunUID, ownerReferences use the same uid).
 */
export function createdRunMetadata(prepared: PreparedRun): PipelineRunResource['metadata'] {
  return { ...prepared.run.metadata, namespace: prepared.plan.namespace, uid: prepared.plan.uid };
}

/** pipeline.ManagedBy (pkg/apis/pipeline/register.go): the value Tekton's controllers own. */
const TEKTON_MANAGED_BY = 'tekton.dev/pipeline';

/**
 * pipelineRunFilterManagedBy and taskRunFilterManagedBy (the controllers' controller.go): a run
 * whose spec.managedBy names another controller is never reconciled, so it would sit with no
 * status. Said as an input error rather than simulated as nothing.
 */
export function refuseForeignManagedBy(run: PipelineRunResource | TaskRunResource): void {
  const managedBy = run.spec.managedBy;
  if (managedBy === undefined || managedBy === TEKTON_MANAGED_BY) return;
  throw new InputError({
    severity: 'error',
    message: `${run.kind} "${run.metadata.name}" has spec.managedBy "${managedBy}": Tekton's ${run.kind} controller reconciles only ${run.kind}s managed by "${TEKTON_MANAGED_BY}" or by nobody, so nothing would happen to it; remove spec.managedBy to simulate it`,
    location: run.source.locate(['spec', 'managedBy']),
    fieldPath: 'spec.managedBy',
  });
}

/** The semantics profile named in the options; an unknown name is an InputError. */
export function profileOf(options: PrepareOptions): SemanticsProfile {
  const profileName = options.profile ?? DEFAULT_PROFILE;
  const profile = PROFILES[profileName];
  if (!profile) {
    throw new InputError({
      severity: 'error',
      message: `unknown profile "${profileName}"; valid profiles: ${profileNames().join(', ')}`,
    });
  }
  return profile;
}

/**
 * The Tekton configuration a run is prepared under, and the diagnostics of the resources it
 * involves (the load's, the webhook's checks of those resources, the resolution's). Any error
 * among them is an InputError with every message, as Tekton's webhook would have refused it.
 */
export function checkInvolved(
  set: LoadedSet,
  involved: readonly TektonResource[],
  resolvedDiagnostics: readonly Diagnostic[],
  options: PrepareOptions,
): { tektonConfig: TektonConfig; defaultTimeoutMs: number; diagnostics: Diagnostic[] } {
  const tektonConfig = options.tektonConfig ?? SIMULATOR_TEKTON_CONFIG;
  const defaultTimeoutMs =
    options.defaultTimeoutMs ?? tektonConfig.defaults.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const involvedNames = new Set(
    involved.map((resource) => `${resource.kind}/${resource.metadata.name}`),
  );
  const diagnostics = [
    ...set.diagnostics,
    ...validateResources(involved, { ...validationOptionsOf(tektonConfig), defaultTimeoutMs }),
    ...resolvedDiagnostics,
  ].filter(
    (diagnostic) => diagnostic.resource === undefined || involvedNames.has(diagnostic.resource),
  );
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  return { tektonConfig, defaultTimeoutMs, diagnostics };
}

/**
 * Selects, validates, resolves and compiles one PipelineRun. Invalid input (for the
 * resources this run uses) is an InputError with every message, as Tekton's webhook would
 * have refused it.
 */
export function preparePipelineRun(set: LoadedSet, options: PrepareOptions = {}): PreparedRun {
  const profile = profileOf(options);
  const run = selectPipelineRun(set, options.pipelineRun);
  refuseForeignManagedBy(run);
  const resolved = resolvePipelineRun(set, run);
  const involved = involvedResources(set, resolved);
  const { tektonConfig, defaultTimeoutMs, diagnostics } = checkInvolved(
    set,
    involved,
    resolved.diagnostics,
    options,
  );
  const plan = compilePlan(
    {
      run: { metadata: run.metadata, spec: run.spec },
      pipelineName: resolved.pipelineName,
      // GetPipelineData: a referenced Pipeline's metadata; an embedded spec's is the run's own.
      ...(resolved.pipelineName && resolved.pipelineSource
        ? { pipelineMetadata: resolved.pipelineSource.resource.metadata }
        : {}),
      pipeline: resolved.pipeline,
      tasks: resolved.tasks,
      volumeSources: set.volumeSources,
    },
    { profile, defaultTimeoutMs, tektonConfig },
  );
  return { run, resolved, plan, diagnostics };
}

/** The PipelineRun, its Pipeline and the Tasks it references among the loaded resources. */
function involvedResources(set: LoadedSet, resolved: ResolvedPipelineRun): TektonResource[] {
  const involved: TektonResource[] = [resolved.run];
  if (resolved.pipelineSource && resolved.pipelineSource.resource !== resolved.run) {
    involved.push(resolved.pipelineSource.resource);
  }
  for (const task of resolved.tasks.values()) {
    const resource = task.specSource?.resource;
    if (resource && !involved.includes(resource)) involved.push(resource);
  }
  return involved.filter((resource) => set.resources.includes(resource));
}
