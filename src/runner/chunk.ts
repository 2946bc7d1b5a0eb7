// A contiguous range of seeds of one scenario: the unit of work a worker thread takes. The
// same function runs in-process when there is one worker, so K=1 and K>1 share every line.
import { determinismSample } from '../check/invariants/determinism.js';
import type { SeedResult } from '../check/seed-result.js';
import { SeriesAccumulator, type SeriesData } from '../check/time-series.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import { loadScenarios, type CompiledScenario } from '../workload/index.js';
import { runSeed } from './run-seed.js';
import type { SeedRange } from './seeds.js';

export interface ChunkJob {
  file: string;
  /** Position of the scenario among those its file holds. */
  scenarioIndex: number;
  /** Runs the scenario under this semantics profile instead of its own. */
  profile?: string;
  seeds: SeedRange;
  /** The whole range being checked, from which the determinism sample is drawn. */
  fullRange: SeedRange;
  /** Accumulate the seeds' series over time (the HTML and JSON report draw them). */
  series?: boolean;
}

/** What a chunk gives back: its seeds' results, and their series over time when asked. */
export interface ChunkOutput {
  results: SeedResult[];
  series?: SeriesData;
}

export interface ChunkSettings {
  paranoid: boolean;
  faults?: PlantedFaults;
  engine?: EngineChoice;
}

// A worker compiles each file once, however many chunks of it it takes.
const scenarioCache = new Map<string, CompiledScenario[]>();

function scenariosOf(file: string, profile: string | undefined): CompiledScenario[] {
  const key = `${profile ?? ''}\u0000${file}`;
  let scenarios = scenarioCache.get(key);
  if (!scenarios) {
    scenarios = loadScenarios([file], profile === undefined ? {} : { profile });
    scenarioCache.set(key, scenarios);
  }
  return scenarios;
}

export async function runChunk(job: ChunkJob, settings: ChunkSettings): Promise<ChunkOutput> {
  const scenario = scenariosOf(job.file, job.profile)[job.scenarioIndex];
  const sample = determinismSample(job.fullRange.first, job.fullRange.last, settings.paranoid);
  const results: SeedResult[] = [];
  // One accumulator per chunk: a seed's series is folded in and dropped as the seed ends.
  const series = job.series ? new SeriesAccumulator() : undefined;
  for (let seed = job.seeds.first; seed <= job.seeds.last; seed++) {
    results.push(
      runSeed(scenario, seed, {
        twice: sample.has(seed),
        faults: settings.faults,
        engine: settings.engine,
        series,
      }),
    );
  }
  return series ? { results, series: series.toData() } : { results };
}
