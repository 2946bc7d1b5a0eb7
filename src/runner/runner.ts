// Runs seeds A..B of every scenario, on K workers, and returns one columnar store per
// scenario (in the order given) holding its seeds in order. Each scenario is cut into at least
// 2K contiguous chunks, so that a slow scenario does not leave workers idle, and into chunks
// of at most CHUNK_SEEDS seeds, so that the chunks waiting for an earlier one to finish (and
// the one being run) stay small whatever the number of seeds. Chunks are added to their
// store, and their per-attempt CSV handed on, strictly in seed order. A run stopped early
// (Ctrl-C, --max-time) keeps, per scenario, its seeds from the first up to the first one not
// finished; small chunks keep what is dropped after that small.
import { ScenarioStore } from '../check/store/scenario-store.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import type { CompiledScenario } from '../workload/index.js';
import { rememberScenario, type ChunkJob, type ChunkResult } from './chunk.js';
import { runJobs } from './pool.js';
import { seedCount, splitRange, type SeedRange } from './seeds.js';
import type { StopReason } from './stop.js';

/** The most seeds one chunk runs. */
export const CHUNK_SEEDS = 2000;
/** Chunks per scenario at least when scenarios take turns, so a stop leaves them about as far along. */
const INTERLEAVED_CHUNKS = 16;

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
  /** Aborted (with a StopReason) to stop after the seeds in progress. */
  signal?: AbortSignal;
  /** A wall clock, to pace how often a run on the main thread lets Ctrl-C and timers in. */
  nowMs?: () => number;
  /**
   * The scenarios' chunks take turns instead of running one scenario after the other, so that
   * a stop leaves every scenario with about as many seeds (compare pairs them). The
   * per-attempt CSV then comes in turns too.
   */
  interleave?: boolean;
}

export interface RunOutcome {
  /** One store per planned scenario, holding the seeds in `ran`. */
  stores: ScenarioStore[];
  /** Per planned scenario, the seeds that ran: all, a prefix, or none (undefined). */
  ran: (SeedRange | undefined)[];
  /** Why the run ended before every seed ran; undefined when every seed ran. */
  stopped?: StopReason;
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

/** Every seed of every planned scenario. */
export function totalSeeds(planned: readonly PlannedScenario[]): number {
  return planned.reduce((sum, entry) => sum + seedCount(entry.seeds), 0);
}

export async function runScenarios(
  planned: readonly PlannedScenario[],
  options: RunnerOptions = {},
): Promise<ScenarioStore[]> {
  return (await runScenariosStoppable(planned, options)).stores;
}

/** As runScenarios, telling which seeds ran when `options.signal` stopped the run early. */
export async function runScenariosStoppable(
  planned: readonly PlannedScenario[],
  options: RunnerOptions = {},
): Promise<RunOutcome> {
  const workers = Math.max(1, options.workers ?? 1);
  const perScenario: (ChunkJob & { planIndex: number })[][] = planned.map((entry, planIndex) => {
    const chunks = Math.max(
      workers === 1 ? 1 : workers * 2,
      options.interleave ? INTERLEAVED_CHUNKS : 1,
      Math.ceil(seedCount(entry.seeds) / CHUNK_SEEDS),
    );
    return splitRange(entry.seeds, chunks).map((seeds) => ({
      planIndex,
      file: entry.scenario.file,
      scenarioIndex: entry.indexInFile,
      ...(entry.profile === undefined ? {} : { profile: entry.profile }),
      ...(entry.scenario.configMapFiles.length > 0
        ? { configMapFiles: entry.scenario.configMapFiles }
        : {}),
      seeds,
      fullRange: entry.fullRange ?? entry.seeds,
    }));
  });
  const jobs = options.interleave ? takingTurns(perScenario) : perScenario.flat();
  for (const entry of planned) rememberScenario(entry.scenario, entry.indexInFile, entry.profile);
  const stores = planned.map(
    ({ scenario }) => new ScenarioStore(scenario.file, scenario.name, scenario.fleet !== undefined),
  );
  let done = 0;
  const total = totalSeeds(planned);
  // A scenario is cut at its first chunk that did not finish: nothing after it is kept.
  const cut = planned.map(() => false);
  const keep = (id: number, result: ChunkResult) => {
    const { planIndex, seeds } = jobs[id];
    if (cut[planIndex]) return;
    const store = stores[planIndex];
    const first = store.seeds === (result.inPlace ? result.seedsRun : 0);
    if (!result.inPlace) store.append(result.store);
    // Sized once for every seed to come, from what the first chunk took.
    if (first) store.reserveFor(seedCount(planned[planIndex].seeds));
    if (result.attemptsCsv) options.onAttemptsCsv?.(result.attemptsCsv, planIndex);
    if (result.seedsRun < seedCount(seeds)) cut[planIndex] = true;
  };
  // Results that arrived before an earlier job's, held until it comes.
  const waiting = new Map<number, ChunkResult>();
  let nextId = 0;
  // A job run in this thread when every job before it is kept adds its seeds to its
  // scenario's store itself: nothing can be kept before it, so they stay in seed order.
  const storeFor = (id: number) =>
    id === nextId && waiting.size === 0 && !cut[jobs[id].planIndex]
      ? stores[jobs[id].planIndex]
      : undefined;
  const take = (id: number, result: ChunkResult) => {
    waiting.set(id, result);
    for (let ready = waiting.get(nextId); ready; ready = waiting.get(nextId)) {
      waiting.delete(nextId);
      keep(nextId, ready);
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
    options.signal && { signal: options.signal, nowMs: options.nowMs },
    storeFor,
  );
  // After a stop, jobs never run leave gaps: each scenario keeps what came before its first.
  for (let id = nextId; id < jobs.length; id++) {
    const result = waiting.get(id);
    if (result === undefined) cut[jobs[id].planIndex] = true;
    else keep(id, result);
  }
  const ran = stores.map((store, index) =>
    store.seeds === 0
      ? undefined
      : { first: planned[index].seeds.first, last: planned[index].seeds.first + store.seeds - 1 },
  );
  const complete = ran.every(
    (range, index) => range !== undefined && range.last === planned[index].seeds.last,
  );
  return {
    stores,
    ran,
    ...(complete ? {} : { stopped: (options.signal?.reason as StopReason) ?? 'interrupted' }),
  };
}

/** The first chunk of every scenario, then the second of every scenario, and so on. */
function takingTurns<Job>(perScenario: readonly Job[][]): Job[] {
  const longest = Math.max(0, ...perScenario.map((jobs) => jobs.length));
  const order: Job[] = [];
  for (let turn = 0; turn < longest; turn++)
    for (const jobs of perScenario) if (turn < jobs.length) order.push(jobs[turn]);
  return order;
}
