// The options every many-seed command shares (check, report): which scenarios, which seeds,
// how many worker threads. One definition, so their help and defaults cannot drift apart.
import os from 'node:os';
import type { Argv } from 'yargs';
import {
  compileKernel,
  ENGINE_CHOICES,
  kernelRunnerFor,
  type EngineChoice,
} from '../kernel/index.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { InputError } from '../tekton/diagnostics.js';
import type { PlannedScenario } from '../runner/runner.js';
import { seedCount } from '../runner/seeds.js';
import { MAX_WORKERS } from '../runner/threads.js';
import type { CompiledScenario } from '../workload/index.js';

export { MAX_WORKERS };

/**
 * Without --workers a run takes one thread per core, but no more than its seeds are worth. A
 * worker thread costs CPU before it pays off: it starts, loads the simulator and the scenario,
 * warms up V8's JIT, and V8 compiles the hot code again for it, about 0.6 s of CPU with the
 * kernel's scenario bench/simpy-equivalent.yaml, where on 2 cores a second thread first gains
 * wall time at about 55,000 seeds (at 30,000 it loses 0.14 s, at 100,000 it gains 0.25 s). A
 * seed on the reference engine costs some 40 times a kernel seed, so one thread per this many
 * seeds on the reference engine...
 */
export const SEEDS_PER_DEFAULT_WORKER = 2000;
/** ...and per this many seeds run on the kernel. */
export const KERNEL_SEEDS_PER_DEFAULT_WORKER = 50_000;

/** `--workers` as typed, checked; undefined when not given (see workersFor). */
export function workersOption(raw: number | string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const workers = parseWholeNumber(raw);
  if (workers === undefined || workers < 1 || workers > MAX_WORKERS)
    throw new InputError({
      severity: 'error',
      message: `--workers: "${raw}" should be a whole number from 1 to ${MAX_WORKERS} (4 per core)`,
    });
  return workers;
}

/**
 * The threads for `seeds` seeds, `kernelSeeds` of them run on the kernel: as chosen, or by
 * default one per core, but none beyond what the seeds are worth (see above).
 */
export function workersFor(chosen: number | undefined, seeds: number, kernelSeeds = 0): number {
  if (chosen !== undefined) return chosen;
  const cores = os.availableParallelism();
  const worth =
    (seeds - kernelSeeds) / SEEDS_PER_DEFAULT_WORKER +
    kernelSeeds / KERNEL_SEEDS_PER_DEFAULT_WORKER;
  return Math.max(1, Math.min(cores, Math.floor(worth)));
}

/**
 * The seeds of `planned` that will run on the kernel: those of the scenarios it models
 * exactly, unless the reference engine is chosen.
 */
export function seedsOnKernel(planned: readonly PlannedScenario[], engine: EngineChoice): number {
  if (engine === 'reference') return 0;
  let seeds = 0;
  for (const entry of planned)
    if (typeof kernelRunnerFor(entry.scenario) !== 'string') seeds += seedCount(entry.seeds);
  return seeds;
}

/** `--workers`, shared by check, report and compare. */
export const WORKERS_OPTION = {
  type: 'string',
  describe: `Threads running seeds, the main thread being one (default: one per core, at most one per ${SEEDS_PER_DEFAULT_WORKER} seeds, or per ${KERNEL_SEEDS_PER_DEFAULT_WORKER} seeds on the kernel)`,
} as const;

export function withSeedSelection(yargs: Argv): Argv {
  return (
    yargs
      .positional('scenarios', {
        type: 'string',
        array: true,
        describe: 'Scenario files or directories',
      })
      // Numbers are kept as typed and checked by the handler, so errors echo them exactly.
      .option('seeds', {
        type: 'string',
        describe: "Run seeds 1..N (default: each scenario's own range)",
      })
      .option('seed-range', { type: 'string', describe: 'Run seeds A..B' })
      .option('workers', WORKERS_OPTION)
      .option('engine', engineOptionSpec)
  );
}

/** --engine: shared by check, report and compare. */
export const engineOptionSpec = {
  choices: ENGINE_CHOICES,
  default: 'auto' as EngineChoice,
  describe:
    'auto: the table-driven kernel for the scenarios it models exactly, the reference engine otherwise; kernel: refuse a scenario the kernel cannot run',
} as const;

/** `--engine kernel` refuses, before any run, a scenario the kernel cannot run, saying why. */
export function engineOption(
  engine: EngineChoice | undefined,
  scenarios: readonly CompiledScenario[],
): EngineChoice {
  const choice = engine ?? 'auto';
  if (choice !== 'kernel') return choice;
  for (const scenario of scenarios) {
    const compiled = compileKernel(scenario);
    if ('reason' in compiled)
      throw new InputError({
        severity: 'error',
        message: `--engine kernel: scenario ${scenario.name} (${scenario.file}) cannot run on the kernel: ${compiled.reason}; use --engine auto or reference`,
      });
  }
  return choice;
}
