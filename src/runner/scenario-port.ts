// What the runner needs from the workload layer (src/workload/), named here so the runner,
// its workers and shrink depend on one small surface. Workers import the module themselves,
// by URL, so tests can hand them a stand-in module with the same two functions.
import type { PlantedFaults } from '../scheduler/faults.js';
import type { PreparedRun, SimulatedRun } from '../simulator.js';

export interface AttemptDraw {
  durationMs: number;
  exitCode: number;
  failedContainer?: string;
  results: { name: string; value: string; atMs: number }[];
}

export type PatchStatus = 'Cancelled' | 'CancelledRunFinally' | 'StoppedRunFinally';

/** Every random choice of one run: replaying these reproduces it with no randomness at all. */
export interface RunDraws {
  /** By pipeline task name, or `task#matrixIndex` for a matrix fan-out. */
  attempts: Record<string, AttemptDraw[]>;
  patch?: { atMs: number; status: PatchStatus };
}

export interface ScenarioLike {
  name: string;
  file: string;
  prepared: PreparedRun;
  seeds: { first: number; last: number };
  expectations: unknown[];
  cancelLatencyMs?: number;
}

export interface SeedRunOptions {
  trace?: boolean;
  faults?: PlantedFaults;
  draws?: RunDraws;
}

export interface WorkloadApi {
  loadScenarios(paths: readonly string[]): ScenarioLike[];
  runScenarioSeed(
    scenario: ScenarioLike,
    seed: number,
    options?: SeedRunOptions,
  ): SimulatedRun & { draws: RunDraws };
}

export const DEFAULT_WORKLOAD_MODULE = new URL('../workload/index.js', import.meta.url).href;

const loaded = new Map<string, Promise<WorkloadApi>>();

/** Imports the workload module once per thread. */
export function loadWorkloadApi(moduleUrl: string = DEFAULT_WORKLOAD_MODULE): Promise<WorkloadApi> {
  let api = loaded.get(moduleUrl);
  if (!api) {
    // Under tsx the sources are .ts files; the built package has .js.
    const url =
      import.meta.url.endsWith('.ts') &&
      moduleUrl.endsWith('.js') &&
      moduleUrl === DEFAULT_WORKLOAD_MODULE
        ? moduleUrl.replace(/\.js$/, '.ts')
        : moduleUrl;
    api = import(url) as Promise<WorkloadApi>;
    loaded.set(moduleUrl, api);
  }
  return api;
}
