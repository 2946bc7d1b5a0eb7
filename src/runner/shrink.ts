// Shrink: from one violating seed of a scenario to a smaller plain PipelineRun that still
// violates the same invariant. Every candidate is judged exactly as `tekton-sim run` would
// run it (its YAML loaded, prepared and simulated with no randomness), so what shrink writes
// is what it checked.
import type { TektonConfig } from '../model/tekton-config.js';
import { LivenessError } from '../engine/simulation.js';
import type { PlantedFaults } from '../engine/faults.js';
import { preparePipelineRun } from '../plan/prepare.js';
import { simulateRun } from '../engine/simulated-run.js';
import { InputError } from '../tekton/diagnostics.js';
import { loadText } from '../tekton/load.js';
import { findInvariant } from '../check/invariants/index.js';
import type { Invariant, RunObservation } from '../check/invariants/types.js';
import { runScenarioSeed, type CompiledScenario } from '../workload/index.js';
import { caseFromPlan, type ReproCase } from './repro-case.js';
import { renderReproducer } from './reproducer.js';
import { candidates } from './shrink-candidates.js';

export interface ShrinkSize {
  tasks: number;
  attempts: number;
  events: number;
}

export interface ShrinkOptions {
  invariant: string;
  faults?: PlantedFaults;
  /** Bound on candidates tried, so shrinking a huge case ends. */
  maxCandidates?: number;
}

export interface ShrinkResult {
  repro: ReproCase;
  profile: string;
  defaultTimeoutMs: number;
  steps: number;
  candidatesTried: number;
  before: ShrinkSize;
  after: ShrinkSize;
  /** The violation the shrunk case shows. */
  violation: string;
  /** The simplifications kept, in order. */
  log: string[];
}

interface Verdict {
  violation?: string;
  size: ShrinkSize;
}

export function shrinkableInvariant(name: string): Invariant {
  const invariant = findInvariant(name);
  if (!invariant)
    throw new InputError({
      severity: 'error',
      message: `--invariant: unknown invariant "${name}"`,
    });
  if (!invariant.check) {
    throw new InputError({
      severity: 'error',
      message: `--invariant: ${name} is judged across runs, not from one trace, and cannot be shrunk`,
    });
  }
  return invariant;
}

export function shrinkSeed(
  scenario: CompiledScenario,
  seed: number,
  options: ShrinkOptions,
): ShrinkResult {
  const invariant = shrinkableInvariant(options.invariant);
  const original = runScenarioSeed(scenario, seed, { trace: true, faults: options.faults });
  const plan = original.result.state.plan;
  const observed = invariant.check?.({ plan, result: original.result }).violations ?? [];
  if (observed.length === 0) {
    throw new InputError({
      severity: 'error',
      message: `seed ${seed} of scenario ${scenario.name} does not violate ${invariant.name}; nothing to shrink`,
    });
  }
  const settings = {
    profile: plan.profile.name,
    defaultTimeoutMs: plan.defaultTimeoutMs,
    tektonConfig: plan.tektonConfig,
    faults: options.faults,
    invariant,
  };
  let current = caseFromPlan(plan, original.draws);
  let verdict = judge(current, settings);
  if (verdict.violation === undefined) {
    throw new Error(
      `the plain PipelineRun written from seed ${seed} does not reproduce the ${invariant.name} violation; the seed's draws could not be replayed without randomness`,
    );
  }
  const before: ShrinkSize = {
    tasks: plan.tasks.length,
    attempts: countAttempts(original.result.trace),
    events: original.result.trace.length,
  };
  const maxCandidates = options.maxCandidates ?? 5000;
  const log: string[] = [];
  let tried = 0;
  let progressed = true;
  while (progressed && tried < maxCandidates) {
    progressed = false;
    for (const candidate of candidates(current)) {
      if (++tried > maxCandidates) break;
      const next = judge(candidate.repro, settings);
      if (next.violation === undefined) continue;
      current = candidate.repro;
      verdict = next;
      log.push(candidate.what);
      progressed = true;
      break;
    }
  }
  return {
    repro: current,
    profile: settings.profile,
    defaultTimeoutMs: settings.defaultTimeoutMs,
    steps: log.length,
    candidatesTried: Math.min(tried, maxCandidates),
    before,
    after: verdict.size,
    violation: verdict.violation as string,
    log,
  };
}

interface JudgeSettings {
  profile: string;
  defaultTimeoutMs: number;
  tektonConfig?: TektonConfig;
  faults?: PlantedFaults;
  invariant: Invariant;
}

/** Runs a case as `tekton-sim run` would and says whether it still violates. */
export function judge(repro: ReproCase, settings: JudgeSettings): Verdict {
  const yaml = renderReproducer(repro, { comments: [], runFlags: [], file: 'shrink.yaml' });
  const observation = runReproducerText(yaml, repro, settings);
  if (!observation) return { size: { tasks: repro.tasks.length, attempts: 0, events: 0 } };
  const size = {
    tasks: observation.plan.tasks.length,
    attempts: countAttempts(observation.result.trace),
    events: observation.result.trace.length,
  };
  const violations = settings.invariant.check?.(observation).violations ?? [];
  return { violation: violations[0], size };
}

/** Loads, prepares and simulates reproducer YAML; undefined when it is not valid input or never ends. */
export function runReproducerText(
  yaml: string,
  repro: Pick<ReproCase, 'patch'>,
  settings: {
    profile: string;
    defaultTimeoutMs: number;
    tektonConfig?: TektonConfig;
    faults?: PlantedFaults;
  },
): RunObservation | undefined {
  try {
    const prepared = preparePipelineRun(loadText(yaml, 'shrink.yaml'), {
      profile: settings.profile,
      defaultTimeoutMs: settings.defaultTimeoutMs,
      tektonConfig: settings.tektonConfig,
    });
    const patches = repro.patch ? [{ atMs: repro.patch.atMs, status: repro.patch.status }] : [];
    const { result } = simulateRun(prepared.plan, {
      patches,
      trace: true,
      faults: settings.faults,
    });
    return { plan: prepared.plan, result };
  } catch (error) {
    if (error instanceof InputError || error instanceof LivenessError) return undefined;
    throw error;
  }
}

function countAttempts(trace: readonly { kind: string }[]): number {
  return trace.filter((event) => event.kind === 'attempt-started').length;
}
