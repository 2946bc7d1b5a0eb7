// A contiguous range of seeds of one scenario: the unit of work a worker thread takes. The
// same function runs in-process when there is one worker, so K=1 and K>1 share every line.
import { determinismSample } from '../check/invariants/determinism.js';
import type { SeedResult } from '../check/seed-result.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import { loadScenarios, type CompiledScenario } from '../workload/index.js';
import { runSeed } from './run-seed.js';
import type { SeedRange } from './seeds.js';
import type { ChunkHooks } from './stop.js';

export interface ChunkJob {
  file: string;
  /** Position of the scenario among those its file holds. */
  scenarioIndex: number;
  /** Runs the scenario under this semantics profile instead of its own. */
  profile?: string;
  seeds: SeedRange;
  /** The whole range being checked, from which the determinism sample is drawn. */
  fullRange: SeedRange;
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

/** The chunk's seeds in order; stopped by `hooks`, the ones before the stop (a prefix). */
export async function runChunk(
  job: ChunkJob,
  settings: ChunkSettings,
  hooks?: ChunkHooks,
): Promise<SeedResult[]> {
  const scenario = scenariosOf(job.file, job.profile)[job.scenarioIndex];
  const sample = determinismSample(job.fullRange.first, job.fullRange.last, settings.paranoid);
  const results: SeedResult[] = [];
  for (let seed = job.seeds.first; seed <= job.seeds.last; seed++) {
    if (hooks?.shouldStop()) break;
    results.push(
      runSeed(scenario, seed, {
        twice: sample.has(seed),
        faults: settings.faults,
        engine: settings.engine,
      }),
    );
    if (hooks) await hooks.seedDone();
  }
  return results;
}
