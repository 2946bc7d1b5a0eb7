// Figures 5 and 6, both from `tekton-sim check` of the SimPy-equivalent scenario as a child
// process. Workers: wall time with 1 and with 2 workers (the one figure that has to be wall
// time, since the point is running in parallel) and their outputs compared byte for byte.
// Memory: peak RSS at growing seed counts.
import path from 'node:path';
import { type Figure, formatNumber, skipped, verdict } from './figure.js';
import { canMeasureChildren, runChild, type ChildRun } from './measure.js';
import { CLI, PROJECT_ROOT, SIMPY_EQUIVALENT } from './paths.js';

const SPEEDUP_TARGET = 1.7;
const RSS_LIMIT_MB = 500;

function check(seeds: number, workers: number): ChildRun {
  return runChild(
    process.execPath,
    [
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

export function workerFigures(seeds: number): Figure[] {
  const name = `5. ${formatNumber(seeds)} seeds, 2 workers vs 1`;
  const target = `>= ${SPEEDUP_TARGET}x, byte-identical`;
  if (!canMeasureChildren()) return [skipped(name, target, 'GNU time is missing')];
  const one = check(seeds, 1);
  const two = check(seeds, 2);
  const speedup = one.wallS / two.wallS;
  const identical = one.stdout === two.stdout && one.status === two.status;
  return [
    {
      name,
      measured: `${speedup.toFixed(2)}x wall (${one.wallS.toFixed(1)} s vs ${two.wallS.toFixed(1)} s), ${identical ? 'identical' : 'OUTPUT DIFFERS'}`,
      target,
      verdict: verdict(speedup >= SPEEDUP_TARGET && identical),
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
