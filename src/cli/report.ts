// `tekton-sim report SCENARIO...`: runs the seeds, computes the one result object and writes
// it in the formats asked for (Markdown, CSV, JSON, self-contained HTML) into --out, or the
// Markdown to stdout when no directory is given. The engine's speed goes to stderr, and into
// the Markdown and HTML only with --engine-speed, so the files stay byte-identical by default.
import type { Argv } from 'yargs';
import { InputError, loadScenarios, planScenarios, runScenarios } from '../index.js';
import type { ScenarioStore } from '../check/store/scenario-store.js';
import type { PlannedScenario } from '../runner/runner.js';
import { buildPartial, partialFileName } from '../runner/partial.js';
import { createProgressBar } from '../runner/progress.js';
import { parseShard, shardPlan, type Shard } from '../runner/shards.js';
import { REPORT_FORMATS, renderReportFiles, type ReportFormat } from '../report/report-files.js';
import { formatReportMarkdown } from '../report/report-markdown.js';
import {
  buildReportResult,
  type EngineSpeed,
  type ReportScenarioInput,
} from '../check/report-result.js';
import { openAttemptsSpool } from './attempts-spool.js';
import { resolveSeeds } from './check.js';
import { EXIT_SUCCESS, UsageError } from './errors.js';
import type { CliCommand, CliIo } from './io.js';
import { prepareOutputDirectory, writeOutputFiles } from './output-files.js';
import { packageVersion } from './version.js';
import { engineOption, withSeedSelection, workersOption } from './seed-selection.js';
import type { EngineChoice } from '../kernel/index.js';

interface ReportArguments {
  scenarios: string[];
  seeds?: string;
  'seed-range'?: string;
  workers: string;
  engine?: EngineChoice;
  out?: string;
  format: string;
  'engine-speed': boolean;
  shard?: string;
}

export function parseFormats(text: string): ReportFormat[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(REPORT_FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new InputError({
      severity: 'error',
      message: `--format: "${unknown[0] ?? text}" is not a report format; use a comma-separated list of ${REPORT_FORMATS.join(', ')}`,
    });
  return names as ReportFormat[];
}

/**
 * The formats that show series over time: the Markdown does not, so a Markdown-only report
 * skips collecting them (and can run on the kernel, which records none).
 */
export function drawsSeries(formats: readonly ReportFormat[]): boolean {
  return formats.some((format) => format !== 'md');
}

export function reportInputs(planned: readonly PlannedScenario[]): ReportScenarioInput[] {
  return planned.map(({ scenario, seeds }) => ({
    name: scenario.name,
    file: scenario.file,
    profile: scenario.prepared.plan.profile.name,
    seeds,
    namedInReplay: planned.filter((other) => other.scenario.file === scenario.file).length > 1,
  }));
}

/**
 * Runs every planned seed with a progress bar; the wall time is for the speed line only.
 * `onAttemptsCsv`, when given, receives the per-attempt CSV rows in seed order.
 */
export async function runPlanned(
  planned: readonly PlannedScenario[],
  workers: number,
  io: CliIo,
  engine: EngineChoice = 'auto',
  onAttemptsCsv?: (text: string, planIndex: number) => void,
  /** Collect the series over time (the formats other than Markdown draw them). */
  series = false,
): Promise<{ stores: ScenarioStore[]; speed: EngineSpeed }> {
  const progress = createProgressBar(io.stderr, io.nowMs);
  const startedMs = io.nowMs();
  const stores = await runScenarios(planned, {
    workers,
    engine,
    series,
    onProgress: (done, total) => progress.update(done, total),
    ...(onAttemptsCsv ? { onAttemptsCsv } : {}),
  });
  progress.finish();
  const events = stores.reduce((sum, store) => sum + store.totalEvents(), 0);
  const runs = stores.reduce((sum, store) => sum + store.seeds, 0);
  return { stores, speed: { wallMs: io.nowMs() - startedMs, runs, events, workers } };
}

export function speedLine(speed: EngineSpeed): string {
  const seconds = speed.wallMs / 1000;
  const rate = (count: number) => (seconds > 0 ? Math.round(count / seconds) : 0);
  return `engine: ${speed.runs} runs, ${speed.events} events in ${seconds.toFixed(2)} s on ${speed.workers} worker(s): ${rate(speed.runs)} runs/s, ${rate(speed.events)} events/s\n`;
}

/** One shard of the sweep: its slice of the seeds, written as a partial result for merge. */
async function runShard(
  planned: readonly PlannedScenario[],
  shard: Shard,
  args: ReportArguments,
  io: CliIo,
): Promise<number> {
  if (args.out === undefined)
    throw new UsageError(
      '--shard writes a partial result file; name its directory with --out',
      "Run 'tekton-sim report --help' for usage.",
    );
  const engine = engineOption(
    args.engine,
    planned.map((entry) => entry.scenario),
  );
  const slice = shardPlan(planned, shard);
  const attempts = new Map<string, string[]>();
  const { stores, speed } = await runPlanned(
    slice,
    workersOption(args.workers),
    io,
    engine,
    (text, planIndex) => {
      const { scenario } = slice[planIndex];
      const key = `${scenario.file}\u0000${scenario.name}`;
      attempts.set(key, [...(attempts.get(key) ?? []), text]);
    },
    // A part carries the series whatever the formats: merge may be asked for any of them.
    engine !== 'kernel',
  );
  const partial = buildPartial(
    packageVersion(),
    shard,
    reportInputs(planned),
    stores,
    new Map([...attempts].map(([key, pieces]) => [key, pieces.join('')])),
  );
  io.stderr.write(speedLine(speed));
  const file = { name: partialFileName(shard), text: `${JSON.stringify(partial)}\n` };
  io.stderr.write(
    `partial result written: ${writeOutputFiles(args.out, [file], '--out').join(', ')}\n`,
  );
  return EXIT_SUCCESS;
}

export const reportCommand: CliCommand<ReportArguments> = {
  command: 'report [scenarios..]',
  describe: 'Run many seeds and write a report: Markdown, CSV, JSON and self-contained HTML',
  builder: (yargs: Argv) =>
    withSeedSelection(yargs)
      .option('out', { type: 'string', describe: 'Write the report files into this directory' })
      .option('format', {
        type: 'string',
        default: REPORT_FORMATS.join(','),
        describe: `Formats to write, comma-separated: ${REPORT_FORMATS.join(', ')}`,
      })
      .option('shard', {
        type: 'string',
        describe: 'Run only slice I of N of the seeds and write part-I-of-N.json for merge',
      })
      .option('engine-speed', {
        type: 'boolean',
        default: false,
        describe: "Put this machine's runs/s and events/s into the Markdown and HTML",
      }) as unknown as Argv<ReportArguments>,
  run: async (args, io) => {
    const paths = args.scenarios ?? [];
    if (paths.length === 0)
      throw new UsageError(
        'name at least one scenario file or directory',
        "Run 'tekton-sim report --help' for usage.",
      );
    const workers = workersOption(args.workers);
    const formats = parseFormats(args.format);
    const seeds = resolveSeeds(args.seeds, args['seed-range']);
    const scenarios = loadScenarios(paths);
    if (scenarios.length === 0)
      throw new InputError({
        severity: 'error',
        message: `no Scenario documents found in ${paths.join(', ')}`,
      });
    const planned = planScenarios(scenarios, seeds);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    // A report that cannot be written is found now, not after every seed has run.
    if (args.out !== undefined) prepareOutputDirectory(args.out, '--out');
    if (shard !== undefined) return runShard(planned, shard, args, io);
    const engine = engineOption(args.engine, scenarios);
    // The per-attempt rows are made only for a CSV, and go to a temporary file as they come.
    const spool =
      args.out !== undefined && formats.includes('csv') ? openAttemptsSpool() : undefined;
    try {
      const { stores, speed } = await runPlanned(
        planned,
        workers,
        io,
        engine,
        spool ? (text) => spool.write(text) : undefined,
        args.out !== undefined && drawsSeries(formats) && engine !== 'kernel',
      );
      const result = buildReportResult(reportInputs(planned), stores, packageVersion());
      const shownSpeed = args['engine-speed'] ? speed : undefined;
      io.stderr.write(speedLine(speed));
      if (args.out === undefined) {
        io.stdout.write(formatReportMarkdown(result, shownSpeed));
        return EXIT_SUCCESS;
      }
      const files = await renderReportFiles(result, stores, formats, shownSpeed, spool?.pieces());
      const written = writeOutputFiles(args.out, files, '--out');
      io.stderr.write(`report written: ${written.join(', ')}\n`);
      return EXIT_SUCCESS;
    } finally {
      spool?.dispose();
    }
  },
};

export default reportCommand;
