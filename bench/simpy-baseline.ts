// The SimPy model of the same workload, run as a child process in the same bench run, so the
// ratio compares two programs on one machine at one moment. Absent SimPy or baseline: undefined,
// and the caller prints a note instead of a ratio.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { canMeasureChildren, runChild } from './measure.js';
import { PROJECT_ROOT, PYTHON, SIMPY_DIR, present } from './paths.js';

const OUTCOMES_SCRIPT = path.join(PROJECT_ROOT, 'bench', 'simpy_outcomes.py');

export interface SimpyRun {
  runs: number;
  outcomes: Record<string, number>;
  /** Makespan percentiles in seconds (nearest rank). */
  makespanP50S: number;
  makespanP95S: number;
  events: number;
  /** Whole process: interpreter start, imports and the runs. */
  cpuS: number;
  /** The model's own wall time around its runs. */
  wallS: number;
}

export function simpyMissing(): string | undefined {
  if (!present(path.join(SIMPY_DIR, 'tekton_sim.py')))
    return 'the SimPy baseline is not beside the project';
  if (!canMeasureChildren()) return 'GNU time is not installed, so child CPU time cannot be read';
  const probe = spawnSync(PYTHON, ['-c', 'import simpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'SimPy is not installed (apt-get install -y python3-simpy3)';
  return undefined;
}

/**
 * The model's makespans (seconds, sorted) per outcome over its first `runs` seeds, from
 * bench/simpy_outcomes.py, which imports the model and keeps what its own output pools.
 */
export function runSimpyByOutcome(runs: number): Record<string, Float64Array> {
  const child = spawnSync(PYTHON, [OUTCOMES_SCRIPT, SIMPY_DIR, String(runs)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`simpy_outcomes.py failed: ${child.stderr}`);
  const parsed = JSON.parse(child.stdout) as Record<string, number[]>;
  return Object.fromEntries(
    Object.entries(parsed).map(([outcome, values]) => [outcome, Float64Array.from(values)]),
  );
}

export function runSimpy(runs: number): SimpyRun {
  const child = runChild(
    PYTHON,
    ['tekton_sim.py', '--mode', 'sequential', '--runs', String(runs)],
    SIMPY_DIR,
  );
  const parsed = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  const [p50, p95] = parsed.pipeline_duration_p50_p95_p99 as number[];
  return {
    runs,
    outcomes: parsed.outcomes,
    makespanP50S: p50,
    makespanP95S: p95,
    events: parsed.events,
    cpuS: child.cpuS,
    wallS: parsed.wall_s,
  };
}
