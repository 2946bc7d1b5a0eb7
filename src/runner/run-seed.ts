// One seed of one scenario, watched by every invariant: run it with a trace, check it, run it
// again when it is in the determinism sample, and keep the metric row.
import { checkRun } from '../check/invariants/index.js';
import {
  compareKernelRuns,
  determinismViolation,
  traceHash,
} from '../check/invariants/determinism.js';
import { anyRecordTimedOut, attemptRows, type AttemptRow } from '../check/attempt-rows.js';
import { stateRunMetrics } from '../check/metrics.js';
import type { SeedResult } from '../check/seed-result.js';
import type { ScenarioStore } from '../check/store/scenario-store.js';
import { singleRunSeries } from '../check/seed-series.js';
import type { SeriesAccumulator } from '../check/time-series.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { SimulatedRun } from '../engine/simulated-run.js';
import {
  KernelColumns,
  kernelRunnerFor,
  type EngineChoice,
  type KernelRunner,
} from '../kernel/index.js';
import { runScenarioSeed, type CompiledScenario } from '../workload/index.js';
import { notCompleted } from './not-completed.js';
import { runFleetSeedResult } from './run-fleet-seed.js';

export interface SeedSettings {
  /**
   * Run this seed twice and compare hashes: of the SeedResult when the kernel runs it, of the
   * trace when the reference engine does.
   */
  twice: boolean;
  faults?: PlantedFaults;
  /** Where the seed's series over time go, when the report draws them. */
  series?: SeriesAccumulator;
  /** auto (the default): the kernel where it is exact, else the reference engine. */
  engine?: EngineChoice;
  /** Build the per-attempt rows (only a per-attempt CSV reads them). */
  attempts?: boolean;
}

/** A chunk's seeds run on the kernel straight into its store (see directSeeds). */
export interface DirectSeeds {
  /**
   * Runs the seed into the store, and its series into the chunk's accumulator when the report
   * draws them; false when it must go through runSeed instead.
   */
  run(seed: number): boolean;
  /** The per-attempt rows of the seed `run` just stored. */
  attemptRows(): AttemptRow[];
  /** Puts the seeds run so far into the store: before anything else is stored, and at the end. */
  flush(): void;
}

/**
 * The seeds of a chunk that runSeed would run on the kernel go straight into the store's
 * columns: this is the kernel and its writer for `store`, or undefined when that path does
 * not apply.
 */
export function directSeeds(
  scenario: CompiledScenario,
  store: ScenarioStore,
  settings: Omit<SeedSettings, 'twice'>,
): DirectSeeds | undefined {
  if (settings.faults || settings.engine === 'reference') return undefined;
  const runner = kernelRunnerFor(scenario);
  if (typeof runner === 'string') return undefined;
  let columns = writers.get(store);
  if (columns === undefined || columns.runner !== runner) {
    columns = { runner, columns: new KernelColumns(runner.kernel, store) };
    writers.set(store, columns);
  }
  const writer = columns.columns;
  const { series } = settings;
  return {
    run(seed) {
      if (!runner.runInto(seed, writer)) return false;
      series?.add(runner.seedSeries());
      return true;
    },
    attemptRows: () => runner.attemptRows(),
    flush: () => writer.flush(),
  };
}

/**
 * Each store's kernel column writer, kept for the next chunk that adds seeds to the same
 * store: it has found the store's columns already (runner.ts hands in-thread chunks one store).
 */
const writers = new WeakMap<ScenarioStore, { runner: KernelRunner; columns: KernelColumns }>();

export function runSeed(
  scenario: CompiledScenario,
  seed: number,
  settings: SeedSettings,
): SeedResult {
  // Planted faults need the reference engine; a seed the kernel hands back (a violation, a
  // finding, the event bound) is rerun there for its words, and there it is checked for
  // determinism when sampled.
  if (!settings.faults && settings.engine !== 'reference') {
    const runner = kernelRunnerFor(scenario);
    if (typeof runner !== 'string') {
      const result = runner.run(seed);
      if (result) {
        // Read before a second run, and added after it: the two results compared hold neither.
        const attempts = settings.attempts ? runner.attemptRows() : undefined;
        settings.series?.add(runner.seedSeries());
        const outcome = settings.twice ? runAgainOnKernel(runner, seed, result) : result;
        if (attempts) outcome.attempts = attempts;
        return outcome;
      }
    }
  }
  if (scenario.fleet) return runFleetSeedResult(scenario, seed, settings);
  const base = { scenario: scenario.name, file: scenario.file, seed };
  const simulate = () => runScenarioSeed(scenario, seed, { trace: true, faults: settings.faults });
  let run: SimulatedRun;
  try {
    run = simulate();
  } catch (error) {
    return notCompleted(base, error);
  }
  const { result } = run;
  const checked = checkRun({
    plan: result.state.plan,
    result,
  });
  const outcome: SeedResult = {
    ...base,
    status: result.state.condition.status,
    reason: result.state.condition.reason,
    eventCount: result.eventCount,
    endTimeMs: result.endTimeMs,
    violations: checked.violations,
    findings: checked.findings,
    // From the state: the status view is built only for the per-attempt rows.
    metrics: stateRunMetrics(result, seed),
    pipelineRuns: [{ name: result.state.plan.pipelineRunName, arrivalMs: 0 }],
    taskRunTimedOut: anyRecordTimedOut(result.state.taskRuns),
    ...(settings.attempts ? { attempts: attemptRows(run.view) } : {}),
  };
  settings.series?.add(singleRunSeries(result.trace, result.endTimeMs));
  if (settings.twice) {
    const first = traceHash(result.trace);
    const second = traceHash(simulate().result.trace);
    const message = determinismViolation(first, second);
    if (message) outcome.violations.push({ invariant: 'determinism', message });
    outcome.traceHash = first;
  }
  return outcome;
}

/**
 * A sampled seed the kernel ran: run again on the kernel (the engine whose numbers the user
 * gets) and the two results compared by hash. Each run starts from the kernel's reset state
 * (KernelRunner.simulate), and a result is a plain object built when its run ends, sharing
 * nothing with the kernel's arrays, so the second run leaves the first result as it was.
 */
function runAgainOnKernel(runner: KernelRunner, seed: number, first: SeedResult): SeedResult {
  const second = runner.run(seed) ?? { handedBack: runner.deferredBecause };
  const { hash, message } = compareKernelRuns(first, second);
  if (message) first.violations.push({ invariant: 'determinism', message });
  first.resultHash = hash;
  return first;
}
