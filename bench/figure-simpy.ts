// Figures 1 and 2: the SimPy-equivalent scenario against the SimPy model, and engine events per
// second against the bare typed-array heap. The same seeds run twice here: once in this
// process (for outcome shares, makespans and events, timed by CPU) and once as `tekton-sim
// check` in a child process, timed the same way the SimPy model is (whole process CPU).
import path from 'node:path';
import { loadScenarios, planScenarios, runScenarios } from '../src/index.js';
import type { ScenarioStore } from '../src/check/store/scenario-store.js';
import { type Figure, formatNumber, skipped, verdict } from './figure.js';
import { canMeasureChildren, runChild, timedAsync } from './measure.js';
import { CLI, PROJECT_ROOT, SIMPY_DIR, SIMPY_EQUIVALENT, present } from './paths.js';
import { byOutcomeNote } from './by-outcome.js';
import { runSimpy, runSimpyByOutcome, simpyMissing, type SimpyRun } from './simpy-baseline.js';
import { nearestRank, percentileError, shareDifferenceError } from './statistics.js';

const OUTCOMES = ['Succeeded', 'Failed', 'PipelineRunTimeout'];
const RATIO_TARGET = 20;
const EVENTS_TARGET_PER_S = 2_000_000;
const BARE_HEAP_FACTOR = 5;
/** SimPy seeds run again for the makespans by outcome (its own output pools them). */
const SPLIT_SEEDS = 20_000;

export interface EngineRun {
  /** Every seed of the one scenario. */
  store: ScenarioStore;
  cpuS: number;
  events: number;
}

export async function runEquivalent(seeds: number): Promise<EngineRun> {
  const planned = planScenarios(loadScenarios([SIMPY_EQUIVALENT]), { first: 1, last: seeds });
  const run = await timedAsync(() => runScenarios(planned, { workers: 1 }));
  const [store] = run.value;
  return { store, cpuS: run.cpuS, events: store.totalEvents() };
}

export async function simpyFigures(seeds: number): Promise<Figure[]> {
  const ours = await runEquivalent(seeds);
  const missing = simpyMissing();
  const simpy = missing === undefined ? runSimpy(seeds) : undefined;
  const theirsByOutcome =
    missing === undefined ? runSimpyByOutcome(Math.min(seeds, SPLIT_SEEDS)) : undefined;
  return [
    ...equivalenceFigures(ours, simpy, missing, theirsByOutcome),
    speedFigure(seeds, simpy, missing),
    ...eventFigures(ours),
  ];
}

function equivalenceFigures(
  ours: EngineRun,
  simpy: SimpyRun | undefined,
  missing: string | undefined,
  theirsByOutcome: Record<string, Float64Array> | undefined,
): Figure[] {
  const { store } = ours;
  const n = store.seeds;
  const makespan = store.rows.metrics.field('makespanMs');
  const unsortedS = Float64Array.from({ length: n }, (_, index) => {
    const [start, end] = store.rowRange(index);
    return (end > start ? (makespan?.values.get(start) ?? 0) : 0) / 1000;
  });
  const makespansS = unsortedS.slice().sort();
  const reasons = Array.from({ length: n }, (_, index) => store.reasonOf(index));
  const oursByOutcome = (outcome: string) =>
    unsortedS.filter((_, index) => outcomeOf(reasons[index]) === outcome).sort();
  const figures: Figure[] = [];
  for (const outcome of OUTCOMES) {
    const name = `1. share ${outcome} vs SimPy`;
    const target = 'within 3 standard errors';
    const share = reasons.filter((reason) => outcomeOf(reason) === outcome).length / n;
    if (!simpy) {
      figures.push(skipped(name, target, `ours ${percent(share)}; ${missing}`));
      continue;
    }
    const theirs = (simpy.outcomes[outcome] ?? 0) / simpy.runs;
    const errors = Math.abs(share - theirs) / shareDifferenceError(share, n, theirs, simpy.runs);
    figures.push({
      name,
      measured: `${percent(share)} vs ${percent(theirs)} (${errors.toFixed(1)} SE)`,
      target,
      verdict: verdict(errors <= 3),
    });
  }
  for (const [q, label] of [
    [0.5, 'p50'],
    [0.95, 'p95'],
  ] as const) {
    const name = `1. makespan ${label} vs SimPy`;
    const target = 'within 3 standard errors';
    const mine = nearestRank(makespansS, q);
    if (!simpy) {
      figures.push(skipped(name, target, `ours ${mine.toFixed(1)} s; ${missing}`));
      continue;
    }
    const theirs = label === 'p50' ? simpy.makespanP50S : simpy.makespanP95S;
    // Both samples have about the same spread, so the difference's error is ours times root 2.
    const error = percentileError(makespansS, q) * Math.SQRT2;
    const errors = Math.abs(mine - theirs) / error;
    const note = theirsByOutcome && byOutcomeNote(q, oursByOutcome, theirsByOutcome);
    figures.push({
      name,
      measured: `${mine.toFixed(1)} s vs ${theirs.toFixed(1)} s (${errors.toFixed(1)} SE)`,
      target,
      verdict: verdict(errors <= 3),
      ...(note ? { note } : {}),
    });
  }
  return figures;
}

function speedFigure(
  seeds: number,
  simpy: SimpyRun | undefined,
  missing: string | undefined,
): Figure {
  const name = '1. runs/s vs SimPy (check, 1 worker)';
  const target = `>= ${RATIO_TARGET}x (aim 50x)`;
  if (!canMeasureChildren()) return skipped(name, target, 'GNU time is missing');
  const checkCpuS = (count: number) =>
    runChild(
      process.execPath,
      [
        CLI,
        'check',
        path.relative(PROJECT_ROOT, SIMPY_EQUIVALENT),
        '--seeds',
        String(count),
        // One worker, as the figure says: --workers defaults to the cores.
        '--workers',
        '1',
      ],
      PROJECT_ROOT,
    ).cpuS;
  const cpuS = checkCpuS(seeds);
  const oursPerS = seeds / cpuS;
  // Where the time goes: a check of few seeds is mostly start-up; the rest is per seed.
  const fewSeeds = 1000;
  const startS = seeds > fewSeeds ? checkCpuS(fewSeeds) : Number.NaN;
  const note = Number.isNaN(startS)
    ? undefined
    : `check of ${formatNumber(fewSeeds)} seeds ${startS.toFixed(2)} s CPU (start-up, determinism sample); then ${(((cpuS - startS) / (seeds - fewSeeds)) * 1e6).toFixed(1)} us a seed`;
  if (!simpy)
    return skipped(
      name,
      target,
      `ours ${formatNumber(oursPerS)} runs/s; ${missing}${note ? `; ${note}` : ''}`,
    );
  const theirsPerS = simpy.runs / simpy.cpuS;
  const ratio = oursPerS / theirsPerS;
  return {
    name,
    measured: `${ratio.toFixed(2)}x (${formatNumber(oursPerS)} vs ${formatNumber(theirsPerS)} runs/s, CPU)`,
    target,
    verdict: verdict(ratio >= RATIO_TARGET),
    ...(note ? { note } : {}),
  };
}

function eventFigures(ours: EngineRun): Figure[] {
  const perS = ours.events / ours.cpuS;
  const figures: Figure[] = [
    {
      name: '2. engine events/s (SimPy-equivalent)',
      measured: `${formatNumber(perS)} events/s (${formatNumber(ours.events)} events, every invariant checked)`,
      target: `>= ${formatNumber(EVENTS_TARGET_PER_S)}`,
      verdict: verdict(perS >= EVENTS_TARGET_PER_S),
      // About 12 of our events make a run, against SimPy's 74: each carries more work.
      note: `runScenarios in this process, cold, with the store and the determinism sample: ${((ours.cpuS / ours.store.seeds) * 1e6).toFixed(1)} us a seed`,
    },
  ];
  const name = '2. events/s vs bare_heap.mjs soa';
  const target = `within ${BARE_HEAP_FACTOR}x`;
  const bareHeap = path.join(SIMPY_DIR, 'bare_heap.mjs');
  if (!present(bareHeap) || !canMeasureChildren())
    return [...figures, skipped(name, target, 'bare_heap.mjs or GNU time is missing')];
  const reps = 5;
  const bare = runChild(
    process.execPath,
    [bareHeap, '--mode', 'soa', '--reps', String(reps)],
    SIMPY_DIR,
  );
  const parsed = JSON.parse(bare.stdout.trim());
  // Whole-process CPU over every repetition, the same basis as ours (it includes the cold one).
  const bareCpuPerS = (parsed.events * reps) / bare.cpuS;
  const factor = bareCpuPerS / perS;
  figures.push({
    name,
    measured: `${factor.toFixed(1)}x slower (bare ${formatNumber(bareCpuPerS)} events/s CPU, warm wall ${formatNumber(parsed.warm_events_per_s)})`,
    target,
    verdict: verdict(factor <= BARE_HEAP_FACTOR),
  });
  return figures;
}

function outcomeOf(reason: string): string {
  // The SimPy model's three outcomes: any reason but success or the timeout is a failure.
  if (reason === 'Succeeded' || reason === 'Completed') return 'Succeeded';
  return reason === 'PipelineRunTimeout' ? 'PipelineRunTimeout' : 'Failed';
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
