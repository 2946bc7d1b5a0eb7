// Figures 5 and 6, both from `tekton-sim check` of the SimPy-equivalent scenario as a child
// process. Workers: wall time with 1 and with 2 workers (the one figure that has to be wall
// time, since the point is running in parallel) and their outputs compared byte for byte.
// Each is run WORKER_RUNS times, alternating, and the fastest wall time of each is taken, as
// the one least stretched by other work on the machine; the CPU time of the two (median) says
// what the second thread costs whatever the load: its start, loading the scenario, warming
// up V8's JIT and V8's compiler threads, paid once per thread. Each child also reports the
// CPU of each of its threads (thread-cpu.cjs), from which the wall time of an idle machine
// is estimated: one thread takes its own CPU time (V8's threads run on the other core); with
// two, what the main thread did before the worker was started and after it ended, plus the
// longest of the main thread's share, the worker's, and half of all the threads' CPU while
// the worker ran (V8's compiler threads included, which the two threads then share cores with).
// The note gives the ceiling this machine puts on the figure: however little the second thread
// cost, 2 workers cannot take less wall time than the 1-worker run's CPU spread over every core.
// Memory: peak RSS at growing seed counts.
import os from 'node:os';
import path from 'node:path';
import { type Figure, formatNumber, skipped, verdict } from './figure.js';
import { canMeasureChildren, runChild, type ChildRun } from './measure.js';
import { CLI, PROJECT_ROOT, SIMPY_EQUIVALENT, THREAD_CPU } from './paths.js';

const THREAD_CPU_MARKER = 'THREAD-CPU';

const SPEEDUP_TARGET = 1.7;
const RSS_LIMIT_MB = 500;

/** thread-cpu.cjs's lines: the main thread's, and one per worker thread. */
export interface ThreadCpu {
  thread: 'main' | 'worker';
  ms: number;
  firstWorkerMs?: number;
  lastWorkerMs?: number;
  v8Ms?: number;
  v8WhileWorkersMs?: number;
}

function threadCpu(run: ChildRun): ThreadCpu[] {
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith(`${THREAD_CPU_MARKER} `))
    .map((line) => JSON.parse(line.slice(THREAD_CPU_MARKER.length + 1)) as ThreadCpu);
}

/** Seconds an idle machine with 2 cores would take (see the top), or undefined off Linux. */
export function idleWallEstimateS(threads: readonly ThreadCpu[]): number | undefined {
  const main = threads.find((thread) => thread.thread === 'main');
  if (!main) return undefined;
  const workers = threads.filter((thread) => thread.thread === 'worker').map((t) => t.ms);
  if (workers.length === 0 || main.firstWorkerMs === undefined || main.lastWorkerMs === undefined)
    return main.ms / 1000;
  const before = main.firstWorkerMs;
  const after = main.ms - main.lastWorkerMs;
  const mainShare = main.lastWorkerMs - main.firstWorkerMs;
  const v8Ms = main.v8WhileWorkersMs ?? main.v8Ms ?? 0;
  const all = mainShare + workers.reduce((sum, ms) => sum + ms, 0) + v8Ms;
  return (before + Math.max(mainShare, ...workers, all / 2) + after) / 1000;
}

/**
 * The most 2 workers could gain over 1 on `cores` cores if the second thread cost nothing: the
 * 2-worker run still has the 1-worker run's CPU to do (V8's compiler and GC threads included),
 * so its wall time is at least that CPU over the cores; and no more than 2x with 2 workers.
 */
export function speedupCeiling(wallOneS: number, cpuOneS: number, cores: number): number {
  return Math.min(2, (wallOneS * cores) / cpuOneS);
}

function check(seeds: number, workers: number): ChildRun {
  return runChild(
    process.execPath,
    [
      '-r',
      THREAD_CPU,
      CLI,
      'check',
      path.relative(PROJECT_ROOT, SIMPY_EQUIVALENT),
      '--seeds',
      String(seeds),
      '--workers',
      String(workers),
    ],
    PROJECT_ROOT,
  );
}

/** Runs of each worker count; the fastest wall time of each is compared. */
const WORKER_RUNS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function workerFigures(seeds: number): Figure[] {
  const name = `5. ${formatNumber(seeds)} seeds, 2 workers vs 1`;
  const target = `>= ${SPEEDUP_TARGET}x, byte-identical`;
  if (!canMeasureChildren()) return [skipped(name, target, 'GNU time is missing')];
  const ones: ChildRun[] = [];
  const twos: ChildRun[] = [];
  for (let run = 0; run < WORKER_RUNS; run++) {
    ones.push(check(seeds, 1));
    twos.push(check(seeds, 2));
  }
  const wallOne = Math.min(...ones.map((run) => run.wallS));
  const wallTwo = Math.min(...twos.map((run) => run.wallS));
  const cpuOne = median(ones.map((run) => run.cpuS));
  const cpuTwo = median(twos.map((run) => run.cpuS));
  const speedup = wallOne / wallTwo;
  const estimate = (runs: readonly ChildRun[]) => {
    const seconds = runs
      .map((run) => idleWallEstimateS(threadCpu(run)))
      .filter((value): value is number => value !== undefined);
    return seconds.length === runs.length ? median(seconds) : undefined;
  };
  const idleOne = estimate(ones);
  const idleTwo = estimate(twos);
  const idle =
    idleOne !== undefined && idleTwo !== undefined
      ? `; estimated idle ${(idleOne / idleTwo).toFixed(2)}x from each thread's CPU (${idleOne.toFixed(2)} s vs ${idleTwo.toFixed(2)} s)`
      : '';
  const cores = os.availableParallelism();
  // From the idle estimate where there is one: on a busy machine the wall time is stretched.
  const oneS = idleOne ?? wallOne;
  const ceiling = speedupCeiling(oneS, cpuOne, cores);
  const identical = [...ones, ...twos].every(
    (run) => run.stdout === ones[0].stdout && run.status === ones[0].status,
  );
  return [
    {
      name,
      measured: `${speedup.toFixed(2)}x wall, fastest of ${WORKER_RUNS} (${wallOne.toFixed(2)} s vs ${wallTwo.toFixed(2)} s); CPU ${cpuOne.toFixed(2)} s vs ${cpuTwo.toFixed(2)} s (the second thread costs ${(cpuTwo - cpuOne).toFixed(2)} s)${idle}; ${identical ? 'identical' : 'OUTPUT DIFFERS'}`,
      target,
      verdict: verdict(speedup >= SPEEDUP_TARGET && identical),
      note: `ceiling on ${cores} cores: ${ceiling.toFixed(2)}x even if the second thread cost nothing (1 worker: ${oneS.toFixed(2)} s ${idleOne === undefined ? 'wall' : 'estimated idle wall'} x ${cores} cores / ${cpuOne.toFixed(2)} s CPU)`,
    },
  ];
}

export function memoryFigures(counts: readonly number[], maxSeeds: number): Figure[] {
  const figures: Figure[] = [];
  const measured: { seeds: number; rssMb: number }[] = [];
  for (const seeds of counts) {
    const name = `6. peak RSS, ${formatNumber(seeds)} seeds`;
    const target = seeds >= 1_000_000 ? `< ${RSS_LIMIT_MB} MB` : 'sublinear in seeds';
    if (!canMeasureChildren()) {
      figures.push(skipped(name, target, 'GNU time is missing'));
      continue;
    }
    if (seeds > maxSeeds) {
      figures.push(skipped(name, target, `left out by --max-seeds ${maxSeeds}`));
      continue;
    }
    const run = check(seeds, 1);
    measured.push({ seeds, rssMb: run.peakRssMb });
    const previous = measured.at(-2);
    // Sublinear: ten times the seeds must cost less than ten times the memory.
    const growth = previous ? run.peakRssMb / previous.rssMb / (seeds / previous.seeds) : 0;
    const met = (seeds < 1_000_000 || run.peakRssMb < RSS_LIMIT_MB) && growth < 1;
    figures.push({
      name,
      measured: `${run.peakRssMb.toFixed(0)} MB (${run.cpuS.toFixed(1)} s CPU${previous ? `; ${(run.peakRssMb / previous.rssMb).toFixed(2)}x the memory for ${seeds / previous.seeds}x the seeds` : ''})`,
      target,
      verdict: verdict(met),
    });
  }
  return figures;
}
