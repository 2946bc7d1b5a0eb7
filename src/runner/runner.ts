// Runs seeds A..B of every scenario, on K workers, and returns every seed's result sorted by
// scenario (in the order given) then seed. Each scenario is cut into about 2K contiguous
// chunks so that a slow scenario does not leave workers idle.
import type { SeedResult } from '../check/seed-result.js';
import { SeriesAccumulator } from '../check/time-series.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import type { CompiledScenario } from '../workload/index.js';
import type { ChunkJob } from './chunk.js';
import { runJobs } from './pool.js';
import { seedCount, splitRange, type SeedRange } from './seeds.js';

export interface RunnerOptions {
  /** Overrides every scenario's own seed range. */
  seeds?: SeedRange;
  workers?: number;
  paranoid?: boolean;
  faults?: PlantedFaults;
  /** Accumulate each scenario's series over time (utilisation, queues) for the report. */
  series?: boolean;
  /** auto by default: the kernel for the scenarios it models exactly. */
  engine?: EngineChoice;
  /** Called with the seeds finished so far and the total. */
  onProgress?(done: number, total: number): void;
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
): Promise<SeedResult[]> {
  return (await runScenariosWithSeries(planned, options)).results;
}

/** As runScenarios, with each planned scenario's series accumulated when options.series is set. */
export async function runScenariosWithSeries(
  planned: readonly PlannedScenario[],
  options: RunnerOptions = {},
): Promise<{ results: SeedResult[]; series: SeriesAccumulator[] }> {
  const workers = Math.max(1, options.workers ?? 1);
  const plannedOfJob: number[] = [];
  const jobs: ChunkJob[] = planned.flatMap((entry, index) =>
    splitRange(entry.seeds, workers === 1 ? 1 : workers * 2).map((seeds) => {
      plannedOfJob.push(index);
      return {
        file: entry.scenario.file,
        scenarioIndex: entry.indexInFile,
        ...(entry.profile === undefined ? {} : { profile: entry.profile }),
        seeds,
        fullRange: entry.fullRange ?? entry.seeds,
        ...(options.series ? { series: true } : {}),
      };
    }),
  );
  const total = planned.reduce((sum, entry) => sum + seedCount(entry.seeds), 0);
  let done = 0;
  const chunks = await runJobs(
    jobs,
    {
      paranoid: options.paranoid === true,
      faults: options.faults,
      ...(options.engine === undefined ? {} : { engine: options.engine }),
    },
    workers,
    (seeds) => options.onProgress?.((done += seeds), total),
  );
  const series = planned.map(() => new SeriesAccumulator());
  chunks.forEach((chunk, index) => {
    const accumulator = chunk.series && SeriesAccumulator.fromData(chunk.series);
    if (accumulator) series[plannedOfJob[index]].merge(accumulator);
  });
  return { results: chunks.flatMap((chunk) => chunk.results), series };
}
