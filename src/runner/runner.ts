// Runs seeds A..B of every scenario, on K workers, and returns every seed's result sorted by
// scenario (in the order given) then seed. Each scenario is cut into about 2K contiguous
// chunks so that a slow scenario does not leave workers idle. A run stopped early (Ctrl-C,
// --max-time) keeps, per scenario, the seeds from its first up to the first one not finished.
import type { SeedResult } from '../check/seed-result.js';
import type { PlantedFaults } from '../engine/faults.js';
import type { EngineChoice } from '../kernel/index.js';
import type { CompiledScenario } from '../workload/index.js';
import type { ChunkJob } from './chunk.js';
import { runJobs } from './pool.js';
import { seedCount, splitRange, type SeedRange } from './seeds.js';
import type { StopReason } from './stop.js';

/** Chunks per scenario when scenarios take turns, so a stop leaves them about as far along. */
const INTERLEAVED_CHUNKS = 16;
/**
 * With worker threads, chunks of at most this many seeds: the workers then move through a
 * scenario's seeds side by side, so a stop, which keeps seeds only up to the first unfinished
 * one, loses at most a chunk per worker (seconds of work), not most of the run.
 */
const CHUNK_SEEDS_MAX = 2000;

export interface RunnerOptions {
  /** Overrides every scenario's own seed range. */
  seeds?: SeedRange;
  workers?: number;
  paranoid?: boolean;
  faults?: PlantedFaults;
  /** auto by default: the kernel for the scenarios it models exactly. */
  engine?: EngineChoice;
  /** Called with the seeds finished so far and the total. */
  onProgress?(done: number, total: number): void;
  /** Aborted (with a StopReason) to stop after the seeds in progress. */
  signal?: AbortSignal;
  /** A wall clock, to pace how often a run on the main thread lets Ctrl-C and timers in. */
  nowMs?: () => number;
  /**
   * The scenarios' chunks take turns instead of running one scenario after the other, so that
   * a stop leaves every scenario with about as many seeds (compare pairs them).
   */
  interleave?: boolean;
}

export interface RunOutcome {
  /** The results of the seeds in `ran`, by scenario then seed. */
  results: SeedResult[];
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
): Promise<SeedResult[]> {
  return (await runScenariosStoppable(planned, options)).results;
}

/** As runScenarios, telling which seeds ran when `options.signal` stopped the run early. */
export async function runScenariosStoppable(
  planned: readonly PlannedScenario[],
  options: RunnerOptions = {},
): Promise<RunOutcome> {
  const workers = Math.max(1, options.workers ?? 1);
  const chunksPerScenario = options.interleave
    ? Math.max(INTERLEAVED_CHUNKS, workers * 2)
    : workers === 1
      ? 1
      : workers * 2;
  const perScenario: ChunkJob[][] = planned.map((entry) =>
    splitRange(
      entry.seeds,
      workers === 1
        ? chunksPerScenario
        : Math.max(chunksPerScenario, Math.ceil(seedCount(entry.seeds) / CHUNK_SEEDS_MAX)),
    ).map((seeds) => ({
      file: entry.scenario.file,
      scenarioIndex: entry.indexInFile,
      ...(entry.profile === undefined ? {} : { profile: entry.profile }),
      seeds,
      fullRange: entry.fullRange ?? entry.seeds,
    })),
  );
  const jobs = options.interleave ? takingTurns(perScenario) : perScenario.flat();
  const total = totalSeeds(planned);
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
    options.signal && { signal: options.signal, nowMs: options.nowMs },
  );
  const resultsOf = new Map(jobs.map((job, index) => [job, chunks[index]]));
  const prefixes = perScenario.map((scenarioJobs) => finishedPrefix(scenarioJobs, resultsOf));
  // flat(), not push(...): a spread of a million results overflows the stack.
  const results = prefixes.flat();
  const ran = prefixes.map((prefix, index) => {
    const first = planned[index].seeds.first;
    return prefix.length === 0 ? undefined : { first, last: first + prefix.length - 1 };
  });
  const complete = ran.every(
    (range, index) => range !== undefined && range.last === planned[index].seeds.last,
  );
  return {
    results,
    ran,
    ...(complete ? {} : { stopped: (options.signal?.reason as StopReason) ?? 'interrupted' }),
  };
}

/** The first chunk of every scenario, then the second of every scenario, and so on. */
function takingTurns(perScenario: readonly ChunkJob[][]): ChunkJob[] {
  const longest = Math.max(0, ...perScenario.map((jobs) => jobs.length));
  const order: ChunkJob[] = [];
  for (let turn = 0; turn < longest; turn++)
    for (const jobs of perScenario) if (turn < jobs.length) order.push(jobs[turn]);
  return order;
}

/**
 * A scenario's results from its first seed up to the first seed that did not finish: with
 * several workers, later chunks may have finished while an earlier one was stopped, and their
 * seeds are left out so that what ran is always one range, A..k.
 */
function finishedPrefix(
  jobs: readonly ChunkJob[],
  resultsOf: ReadonlyMap<ChunkJob, SeedResult[] | undefined>,
): SeedResult[] {
  const prefix: SeedResult[][] = [];
  for (const job of jobs) {
    const results = resultsOf.get(job);
    if (results === undefined) break;
    prefix.push(results);
    if (results.length < seedCount(job.seeds)) break;
  }
  return prefix.flat();
}
