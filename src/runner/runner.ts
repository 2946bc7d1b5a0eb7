// Runs seeds A..B of every scenario, on K workers, and returns one columnar store per
// scenario (in the order given) holding its seeds in order. Each scenario is cut into at least
// 2K contiguous chunks, so that a slow scenario does not leave workers idle, and into chunks
// of at most CHUNK_SEEDS seeds, so that the chunks waiting for an earlier one to finish (and
// the one being run) stay small whatever the number of seeds. Chunks are added to their
// store, and their per-attempt CSV handed on, strictly in seed order.
import { ScenarioStore } from '../check/store/scenario-store.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import type { CompiledScenario } from '../workload/index.js';
import type { ChunkJob, ChunkResult } from './chunk.js';
import { runJobs } from './pool.js';
import { seedCount, splitRange, type SeedRange } from './seeds.js';

/** The most seeds one chunk runs. */
export const CHUNK_SEEDS = 2000;

export interface RunnerOptions {
  /** Overrides every scenario's own seed range. */
  seeds?: SeedRange;
  workers?: number;
  paranoid?: boolean;
  faults?: PlantedFaults;
  /** auto by default: the kernel for the scenarios it models exactly. */
  engine?: EngineChoice;
  /** Collect each scenario's series over time into its store, for the report. */
  series?: boolean;
  /** Called with the seeds finished so far and the total. */
  onProgress?(done: number, total: number): void;
  /**
   * Called with the per-attempt CSV lines of every seed, in scenario then seed order, with the
   * position of their scenario among those planned; the rows are made only when this is given.
   */
  onAttemptsCsv?(text: string, planIndex: number): void;
}

export interface PlannedScenario {
  scenario: CompiledScenario;
  /** Position among the scenarios of its file (workers find it again by this). */
  indexInFile: number;
  seeds: SeedRange;
  /** The profile override the scenario was loaded with, for the workers to load it the same way. */
  profile?: string;
  /**
   * The whole range when `seeds` is one shard of it: the determinism sample is drawn from the
   * whole range, so every shard checks the seeds one run over all of them would.
   */
  fullRange?: SeedRange;
}

export function planScenarios(
  scenarios: readonly CompiledScenario[],
  seeds?: SeedRange,
  profile?: string,
): PlannedScenario[] {
  const seenPerFile = new Map<string, number>();
  return scenarios.map((scenario) => {
    const indexInFile = seenPerFile.get(scenario.file) ?? 0;
    seenPerFile.set(scenario.file, indexInFile + 1);
    return {
      scenario,
      indexInFile,
      seeds: seeds ?? scenario.seeds,
      ...(profile === undefined ? {} : { profile }),
    };
  });
}

export async function runScenarios(
  planned: readonly PlannedScenario[],
  options: RunnerOptions = {},
): Promise<ScenarioStore[]> {
  const workers = Math.max(1, options.workers ?? 1);
  const jobs: (ChunkJob & { planIndex: number })[] = planned.flatMap((entry, planIndex) => {
    const chunks = Math.max(
      workers === 1 ? 1 : workers * 2,
      Math.ceil(seedCount(entry.seeds) / CHUNK_SEEDS),
    );
    return splitRange(entry.seeds, chunks).map((seeds) => ({
      planIndex,
      file: entry.scenario.file,
      scenarioIndex: entry.indexInFile,
      ...(entry.profile === undefined ? {} : { profile: entry.profile }),
      seeds,
      fullRange: entry.fullRange ?? entry.seeds,
    }));
  });
  const stores = planned.map(
    ({ scenario }) => new ScenarioStore(scenario.file, scenario.name, scenario.fleet !== undefined),
  );
  const total = planned.reduce((sum, entry) => sum + seedCount(entry.seeds), 0);
  let done = 0;
  // Results that arrived before an earlier job's, held until it comes.
  const waiting = new Map<number, ChunkResult>();
  let nextId = 0;
  const take = (id: number, result: ChunkResult) => {
    waiting.set(id, result);
    for (let ready = waiting.get(nextId); ready; ready = waiting.get(nextId)) {
      waiting.delete(nextId);
      stores[jobs[nextId].planIndex].append(ready.store);
      if (ready.attemptsCsv) options.onAttemptsCsv?.(ready.attemptsCsv, jobs[nextId].planIndex);
      nextId++;
    }
  };
  await runJobs(
    jobs,
    {
      paranoid: options.paranoid === true,
      faults: options.faults,
      attempts: options.onAttemptsCsv !== undefined,
      ...(options.series ? { series: true } : {}),
      ...(options.engine === undefined ? {} : { engine: options.engine }),
    },
    workers,
    take,
    (seeds) => options.onProgress?.((done += seeds), total),
  );
  return stores;
}
