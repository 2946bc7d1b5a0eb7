// A contiguous range of seeds of one scenario: the unit of work a worker thread takes. The
// same function runs in-process when there is one worker, so K=1 and K>1 share every line.
// Each seed's result goes into the chunk's columnar store as soon as it is made, so a chunk
// holds a few bytes per seed however many seeds it has.
import { determinismSample } from '../check/invariants/determinism.js';
import { ScenarioStore, type ScenarioStoreData } from '../check/store/scenario-store.js';
import { SeriesAccumulator } from '../check/time-series.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import { AttemptsCsv } from '../report/attempts-csv.js';
import { loadScenarios, type CompiledScenario } from '../workload/index.js';
import { loadConfigMapFiles } from '../tekton/config-maps/index.js';
import { directSeeds, runSeed } from './run-seed.js';
import type { SeedRange } from './seeds.js';
import type { ChunkHooks } from './stop.js';

export interface ChunkJob {
  file: string;
  /** Position of the scenario among those its file holds. */
  scenarioIndex: number;
  /** Runs the scenario under this semantics profile instead of its own. */
  profile?: string;
  /** Tekton ConfigMap files (`--configmap`) that replace the scenario's spec.configMaps. */
  configMapFiles?: readonly string[];
  seeds: SeedRange;
  /** The whole range being checked, from which the determinism sample is drawn. */
  fullRange: SeedRange;
}

export interface ChunkSettings {
  paranoid: boolean;
  faults?: PlantedFaults;
  engine?: EngineChoice;
  /** Make the per-attempt CSV rows (only `report`'s CSV asks). */
  attempts?: boolean;
  /** Collect the seeds' series over time into the store (report's JSON, CSV and HTML). */
  series?: boolean;
}

/** What a chunk gives back: its seeds' store, and their per-attempt CSV lines when asked. */
export interface ChunkResult {
  /** The chunk's own store, or the store it was told to add its seeds to (runChunk's `into`). */
  store: ScenarioStore;
  /** Set when `store` is the one given to runChunk: the seeds are in it already. */
  inPlace?: true;
  /** Seeds the chunk ran: all of its range, or a prefix when it was stopped. */
  seedsRun: number;
  attemptsCsv?: string;
}

/** A ChunkResult as plain data, to post from a worker as a copy (see chunk-message.ts). */
export interface ChunkData {
  store: ScenarioStoreData;
  attemptsCsv?: string;
}

// A worker compiles each file once, however many chunks of it it takes.
const scenarioCache = new Map<string, CompiledScenario[]>();

const cacheKey = (file: string, profile: string | undefined, configMapFiles?: readonly string[]) =>
  `${profile ?? ''}\u0000${file}\u0000${(configMapFiles ?? []).join('\u0000')}`;

/**
 * Scenarios the caller already compiled, for chunks run in this thread: the file is not read
 * and compiled again (about 20 ms of a check's start). Workers load their own.
 */
export function rememberScenario(
  scenario: CompiledScenario,
  indexInFile: number,
  profile: string | undefined,
): void {
  const key = cacheKey(scenario.file, profile, scenario.configMapFiles);
  const known = scenarioCache.get(key) ?? [];
  known[indexInFile] = scenario;
  scenarioCache.set(key, known);
}

function scenarioOf(job: ChunkJob): CompiledScenario {
  const { file, profile, configMapFiles, scenarioIndex: index } = job;
  const key = cacheKey(file, profile, configMapFiles);
  let scenarios = scenarioCache.get(key);
  if (scenarios?.[index] === undefined) {
    scenarios = loadScenarios([file], {
      ...(profile === undefined ? {} : { profile }),
      ...(configMapFiles && configMapFiles.length > 0
        ? { configMaps: { files: configMapFiles, reading: loadConfigMapFiles(configMapFiles) } }
        : {}),
    });
    scenarioCache.set(key, scenarios);
  }
  return scenarios[index];
}

/**
 * The chunk's seeds in order; stopped by `hooks`, the ones before the stop (a prefix). With
 * `into` (the scenario's store, whose last seed is the one before the chunk's first), the
 * seeds are added to it directly: a chunk run in the main thread when it is next in seed
 * order needs no store of its own to be copied over afterwards, and the kernel's column
 * writer of that store is reused from chunk to chunk.
 */
export async function runChunk(
  job: ChunkJob,
  settings: ChunkSettings,
  hooks?: ChunkHooks,
  into?: ScenarioStore,
): Promise<ChunkResult> {
  const scenario = scenarioOf(job);
  const sample = determinismSample(job.fullRange.first, job.fullRange.last, settings.paranoid);
  // Series are merged per chunk (below), so a chunk that collects them keeps its own store.
  const inPlace = into !== undefined && !settings.series;
  const store = inPlace
    ? into
    : new ScenarioStore(scenario.file, scenario.name, scenario.fleet !== undefined);
  const seedsBefore = store.seeds;
  const attempts = settings.attempts ? new AttemptsCsv() : undefined;
  // One accumulator per chunk: a seed's series is folded in and dropped as the seed ends.
  const series = settings.series ? new SeriesAccumulator() : undefined;
  if (series) store.series = series;
  const direct = directSeeds(scenario, store, { ...settings, series });
  for (let seed = job.seeds.first; seed <= job.seeds.last; seed++) {
    if (hooks?.shouldStop()) break;
    // A seed the kernel hands back is run again below, on the reference engine; a sampled
    // seed goes below too, to be run twice and compared through its SeedResult.
    if (direct !== undefined && !sample.has(seed) && direct.run(seed)) {
      attempts?.add(scenario.name, seed, direct.attemptRows());
      const turn = hooks?.seedDone();
      if (turn) await turn;
      continue;
    }
    const result = runSeed(scenario, seed, {
      twice: sample.has(seed),
      faults: settings.faults,
      engine: settings.engine,
      attempts: settings.attempts === true,
      series,
    });
    direct?.flush();
    store.ingest(result);
    attempts?.add(result.scenario, seed, result.attempts);
    // Awaited only when it is a promise: awaiting nothing still costs a microtask per seed.
    const turn = hooks?.seedDone();
    if (turn) await turn;
  }
  direct?.flush();
  return {
    store,
    ...(inPlace ? { inPlace: true as const } : {}),
    seedsRun: store.seeds - seedsBefore,
    ...(attempts ? { attemptsCsv: attempts.text() } : {}),
  };
}

export function chunkToData(result: ChunkResult): ChunkData {
  if (result.inPlace)
    throw new Error('chunk: a chunk run into a given store has no data of its own');
  return {
    store: result.store.toData(),
    ...(result.attemptsCsv === undefined ? {} : { attemptsCsv: result.attemptsCsv }),
  };
}

export function chunkFromData(data: ChunkData): ChunkResult {
  const store = ScenarioStore.fromData(data.store);
  return {
    store,
    seedsRun: store.seeds,
    ...(data.attemptsCsv === undefined ? {} : { attemptsCsv: data.attemptsCsv }),
  };
}
