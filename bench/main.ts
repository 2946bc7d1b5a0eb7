// `npm run bench`: every figure of the speed issue, each with its target and PASS/FAIL,
// measured in one run against baselines measured in the same run. Prints the table and keeps
// it, with the machine it ran on, in reports/bench/ (latest.md and latest.json).
//
//   npm run bench                      the full sizes of the issue (many minutes)
//   npm run bench -- --quick           a tenth of the seeds, fleets to 1,000, RSS to 100k
//   npm run bench -- --only 1,3        some figures only
//   npm run bench -- --max-seeds N     leave out the memory sizes above N seeds
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Figure } from './figure.js';
import { fleetFigures } from './figure-fleet.js';
import { simpyFigures } from './figure-simpy.js';
import { sizeFigures } from './figure-size.js';
import { memoryFigures, workerFigures } from './figure-workers.js';
import { describeMachine, type Machine } from './machine.js';
import { PROJECT_ROOT } from './paths.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'max-seeds': { type: 'string' },
  },
});
const quick = values.quick === true;
const only = new Set((values.only ?? '1,2,3,4,5,6').split(',').map((part) => part.trim()));
const maxSeeds = Number(values['max-seeds'] ?? (quick ? 100_000 : Number.POSITIVE_INFINITY));
const sizes = {
  simpySeeds: quick ? 2_000 : 10_000,
  fleetCounts: quick ? [100, 1_000] : [100, 1_000, 10_000],
  workerSeeds: quick ? 10_000 : 100_000,
  memorySeeds: [10_000, 100_000, 1_000_000],
};

async function main(): Promise<void> {
  const machine = describeMachine();
  process.stdout.write(`${machineLine(machine)}\n\n`);
  const figures: Figure[] = [];
  const add = (batch: Figure[]) => {
    for (const figure of batch) process.stdout.write(`${figureLine(figure)}\n`);
    figures.push(...batch);
  };
  if (only.has('1') || only.has('2')) add(await simpyFigures(sizes.simpySeeds));
  if (only.has('3')) add(sizeFigures());
  if (only.has('4')) add(fleetFigures(sizes.fleetCounts));
  if (only.has('5')) add(workerFigures(sizes.workerSeeds));
  if (only.has('6')) add(memoryFigures(sizes.memorySeeds, maxSeeds));
  const note = closingNote(figures);
  process.stdout.write(`\n${note}\n`);
  writeReport(machine, figures, note);
}

function machineLine(machine: Machine): string {
  return `machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGb} GB, node ${machine.node}, ${machine.platform}, load average ${machine.loadAverage1m}${quick ? ' (--quick)' : ''}`;
}

function figureLine(figure: Figure): string {
  const note = figure.note ? `  (${figure.note})` : '';
  return `${figure.verdict.padEnd(4)}  ${figure.name.padEnd(44)}  ${figure.measured}  [target ${figure.target}]${note}`;
}

function closingNote(figures: readonly Figure[]): string {
  const count = (verdict: Figure['verdict']) =>
    figures.filter((figure) => figure.verdict === verdict).length;
  const failed = figures
    .filter((figure) => figure.verdict === 'FAIL')
    .map((figure) => `${figure.name}: ${figure.measured}`);
  return [
    `${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('SKIP')} SKIP of ${figures.length} figures.`,
    ...failed.map((line) => `  not met: ${line}`),
  ].join('\n');
}

function writeReport(machine: Machine, figures: readonly Figure[], note: string): void {
  const directory = path.join(PROJECT_ROOT, 'reports', 'bench');
  mkdirSync(directory, { recursive: true });
  const rows = figures.map(
    (figure) =>
      `| ${figure.verdict} | ${figure.name} | ${figure.measured} | ${figure.target} | ${figure.note ?? ''} |`,
  );
  const markdown = [
    '# tekton-sim bench',
    '',
    machineLine(machine),
    '',
    '| verdict | figure | measured | target | note |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '```',
    note,
    '```',
    '',
  ].join('\n');
  writeFileSync(path.join(directory, 'latest.md'), markdown);
  writeFileSync(
    path.join(directory, 'latest.json'),
    `${JSON.stringify({ machine, quick, figures }, null, 2)}\n`,
  );
}

await main();
