// `npm run bench`: every figure of the speed issue, each with its target and PASS/FAIL,
// measured in one run against baselines measured in the same run. Prints the table and keeps
// it, with the machine it ran on, in reports/bench/ (latest.md and latest.json; a run of some
// figures only writes latest-1-2.md and so on, and --quick adds -quick).
//
//   npm run bench                      the full sizes of the issue (many minutes)
//   npm run bench -- --quick           a tenth of the seeds, fleets to 1,000, RSS to 100k
//   npm run bench -- --only 1,3        some figures only
//   npm run bench -- --max-seeds N     leave out the memory sizes above N seeds
//   npm run bench -- --simpy-seeds N   figures 1 and 2 at N seeds (start-up weighs less)
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
import { reportStem } from './report-name.js';

const USAGE = `usage: npm run bench -- [--quick] [--only 1,2,...,6] [--max-seeds N] [--simpy-seeds N]
  --quick          a tenth of the seeds, fleets to 1,000, RSS to 100k
  --only LIST      some figures only (1..6, comma-separated)
  --max-seeds N    leave out the memory sizes above N seeds (1,000..1,000,000)
  --simpy-seeds N  seeds of figures 1 and 2 (1,000..1,000,000; default 10,000, --quick 2,000)
`;

function usageError(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        'max-seeds': { type: 'string' },
        'simpy-seeds': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}

/** A whole number typed by the user, within [min, max], or exit 2 naming the option. */
function boundedCount(option: string, text: string | undefined, min: number, max: number) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    usageError(`--${option} ${JSON.stringify(text)}: expected a whole number ${min}..${max}`);
  return Number(text);
}

const values = parseOptions();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const quick = values.quick === true;
const only = new Set((values.only ?? '1,2,3,4,5,6').split(',').map((part) => part.trim()));
for (const figure of only)
  if (!/^[1-6]$/.test(figure))
    usageError(`--only ${JSON.stringify(values.only)}: figures are 1..6`);
const maxSeeds =
  boundedCount('max-seeds', values['max-seeds'], 1_000, 1_000_000) ??
  (quick ? 100_000 : Number.POSITIVE_INFINITY);
const sizes = {
  simpySeeds:
    boundedCount('simpy-seeds', values['simpy-seeds'], 1_000, 1_000_000) ??
    (quick ? 2_000 : 10_000),
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
  // A run of some figures only keeps its own file, so it does not hide the last full run.
  const name = reportStem(values.only === undefined ? undefined : [...only], quick);
  writeFileSync(path.join(directory, `${name}.md`), markdown);
  writeFileSync(
    path.join(directory, `${name}.json`),
    `${JSON.stringify({ machine, quick, figures }, null, 2)}\n`,
  );
}

await main();
