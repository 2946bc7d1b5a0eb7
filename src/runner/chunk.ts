// A contiguous range of seeds of one scenario: the unit of work a worker thread takes. The
// same function runs in-process when there is one worker, so K=1 and K>1 share every line.
import { determinismSample } from '../check/invariants/determinism.js';
import type { PlantedFaults } from '../scheduler/faults.js';
import { loadWorkloadApi, type ScenarioLike, type WorkloadApi } from './scenario-port.js';
import { runSeed } from './run-seed.js';
import type { SeedResult } from './seed-result.js';
import type { SeedRange } from './seeds.js';

export interface ChunkJob {
  file: string;
  /** Position of the scenario among those its file holds. */
  scenarioIndex: number;
  seeds: SeedRange;
  /** The whole range being checked, from which the determinism sample is drawn. */
  fullRange: SeedRange;
}

export interface ChunkSettings {
  paranoid: boolean;
  faults?: PlantedFaults;
  workloadModule?: string;
}

const scenarioCache = new Map<string, ScenarioLike[]>();

function scenariosOf(api: WorkloadApi, file: string): ScenarioLike[] {
  let scenarios = scenarioCache.get(file);
  if (!scenarios) {
    scenarios = api.loadScenarios([file]);
    scenarioCache.set(file, scenarios);
  }
  return scenarios;
}

export async function runChunk(job: ChunkJob, settings: ChunkSettings): Promise<SeedResult[]> {
  const api = await loadWorkloadApi(settings.workloadModule);
  const scenario = scenariosOf(api, job.file)[job.scenarioIndex];
  const sample = determinismSample(job.fullRange.first, job.fullRange.last, settings.paranoid);
  const results: SeedResult[] = [];
  for (let seed = job.seeds.first; seed <= job.seeds.last; seed++) {
    results.push(
      runSeed(api, scenario, seed, { twice: sample.has(seed), faults: settings.faults }),
    );
  }
  return results;
}
