// The options every many-seed command shares (check, report): which scenarios, which seeds,
// how many worker threads. One definition, so their help and defaults cannot drift apart.
import os from 'node:os';
import type { Argv } from 'yargs';
import { compileKernel, ENGINE_CHOICES, type EngineChoice } from '../kernel/index.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { InputError } from '../tekton/diagnostics.js';
import type { CompiledScenario } from '../workload/index.js';

/**
 * More worker threads than cores only adds start-up cost and memory (each loads the simulator
 * and compiles the schema), so the bound is a small multiple of this machine's cores.
 */
export const MAX_WORKERS = 4 * os.availableParallelism();

/**
 * Without --workers a run takes one thread per core, but at most one per this many seeds: a
 * worker costs about half a CPU second to start (it loads the simulator and compiles the
 * scenario), as much as 1,500 seeds of a small pipeline.
 */
export const SEEDS_PER_DEFAULT_WORKER = 2000;

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

/** The worker threads for `seeds` seeds: as chosen, or by default one per core (see above). */
export function workersFor(chosen: number | undefined, seeds: number): number {
  if (chosen !== undefined) return chosen;
  const cores = os.availableParallelism();
  return Math.max(1, Math.min(cores, Math.floor(seeds / SEEDS_PER_DEFAULT_WORKER)));
}

/** `--workers`, shared by check, report and compare. */
export const WORKERS_OPTION = {
  type: 'string',
  describe: `Worker threads (default: one per core, at most one per ${SEEDS_PER_DEFAULT_WORKER} seeds)`,
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
