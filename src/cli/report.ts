// `tekton-sim report SCENARIO...`: runs the seeds, computes the one result object and writes
// it in the formats asked for (Markdown, CSV, JSON, self-contained HTML) into --out, or the
// Markdown to stdout when no directory is given. The engine's speed goes to stderr, and into
// the Markdown and HTML only with --engine-speed, so the files stay byte-identical by default.
import { tektonConfigChanges } from '../model/tekton-config.js';
import type { Argv } from 'yargs';
import { InputError, planScenarios } from '../index.js';
import {
  runScenariosStoppable,
  totalSeeds,
  type PlannedScenario,
  type RunOutcome,
} from '../runner/runner.js';
import { buildPartial, partialFileName } from '../runner/partial.js';
import { parseShard, shardPlan, type Shard } from '../runner/shards.js';
import { REPORT_FORMATS, renderReportFiles, type ReportFormat } from '../report/report-files.js';
import { formatReportMarkdown } from '../report/report-markdown.js';
import {
  buildReportResult,
  type EngineSpeed,
  type ReportScenarioInput,
} from '../check/report-result.js';
import { openAttemptsSpool } from './attempts-spool.js';
import { partFilePieces, partHeaderLine, refuseLongHeader } from './part-file.js';
import { resolveSeeds } from './check.js';
import { EXIT_INTERRUPTED, EXIT_SUCCESS, UsageError } from './errors.js';
import { CONFIGMAP_OPTION, configMapsOption, scenarioPaths, writeNotes } from './options.js';
import { loadScenarioPaths } from './scenario-pick.js';
import { removingCreatedDirectoriesLeftEmpty } from './output-directory.js';
import type { CliCommand, CliIo } from './io.js';
import { prepareOutputDirectory, writeOutputFiles } from './output-files.js';
import { packageVersion } from './version.js';
import {
  engineOption,
  seedsOnKernel,
  withSeedSelection,
  workersFor,
  workersOption,
} from './seed-selection.js';
import type { EngineChoice } from '../kernel/index.js';
import {
  cutToWhatRan,
  MAX_TIME_OPTION,
  parseMaxTime,
  partialOf,
  refuseEmptyMaxTime,
  startRunControl,
  thoseThatRan,
  watchLateInterrupt,
} from './run-control.js';

interface ReportArguments {
  scenarios: string[];
  seeds?: string;
  'seed-range'?: string;
  workers?: string;
  engine?: EngineChoice;
  out?: string;
  format: string;
  'engine-speed': boolean;
  shard?: string;
  'max-time'?: string;
  configmap?: string | string[];
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
 * Without --out only the Markdown is printed, so formats that are files (csv, json, html)
 * asked for by name would be dropped without a word: refused instead. The default list,
 * given or not, keeps printing the Markdown.
 */
export function refuseFilesWithoutOut(
  command: string,
  formatText: string,
  defaultText: string,
  out: string | undefined,
): void {
  if (out !== undefined || formatText === defaultText) return;
  const files = formatText
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'md');
  if (files.length > 0)
    throw new UsageError(
      `--format ${files.join(',')}: these are written as files; name their directory with --out (without --out, ${command} prints the Markdown)`,
      `Run 'tekton-sim ${command} --help' for usage.`,
    );
}

/**
 * The formats that show series over time: the Markdown does not, so a Markdown-only report
 * skips collecting them.
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
    ...(scenario.configMapFiles.length > 0 ? { configMapFiles: scenario.configMapFiles } : {}),
    ...tektonConfigField(scenario),
  }));
}

/** Only when ConfigMaps changed a setting, so reports without them stay as they were. */
function tektonConfigField(scenario: PlannedScenario['scenario']): { tektonConfig?: string[] } {
  const changes = tektonConfigChanges(scenario.prepared.plan.tektonConfig);
  return changes.length > 0 ? { tektonConfig: changes } : {};
}

/** How runPlanned runs: its --max-time, the engine, whether scenarios take turns, the CSV sink. */
export interface RunPlannedOptions {
  maxTimeMs?: number;
  engine?: EngineChoice;
  interleave?: boolean;
  /** Receives the per-attempt CSV rows in seed order; they are made only when given. */
  onAttemptsCsv?: (text: string, planIndex: number) => void;
  /** Collect the series over time (the formats other than Markdown draw them). */
  series?: boolean;
}

/**
 * Runs every planned seed with a progress bar, until Ctrl-C or the --max-time budget stops it;
 * the wall time is for the speed line only.
 */
export async function runPlanned(
  planned: readonly PlannedScenario[],
  workers: number,
  io: CliIo,
  options: RunPlannedOptions = {},
): Promise<{ outcome: RunOutcome; speed: EngineSpeed }> {
  const control = startRunControl(io, options.maxTimeMs);
  const startedMs = io.nowMs();
  const outcome = await runScenariosStoppable(planned, {
    workers,
    engine: options.engine ?? 'auto',
    signal: control.signal,
    nowMs: io.nowMs,
    onProgress: control.onProgress,
    ...(options.interleave ? { interleave: true } : {}),
    ...(options.series ? { series: true } : {}),
    ...(options.onAttemptsCsv ? { onAttemptsCsv: options.onAttemptsCsv } : {}),
  }).finally(control.finish);
  const { stores } = outcome;
  const events = stores.reduce((sum, store) => sum + store.totalEvents(), 0);
  const runs = stores.reduce((sum, store) => sum + store.seeds, 0);
  return { outcome, speed: { wallMs: io.nowMs() - startedMs, runs, events, workers } };
}

/** Ctrl-C before the first seed finished: nothing to show or write. */
export function interruptedEmpty(io: CliIo): number {
  io.stderr.write('interrupted before the first seed finished; nothing was written\n');
  return EXIT_INTERRUPTED;
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
  const inputs = reportInputs(planned);
  // Each scenario's attempt rows go to a temporary file as they are made, filed under its
  // index among every scenario of the sweep (a slice leaves out the scenarios it has no seeds of).
  const scenarioIndex = slice.map(({ scenario }) =>
    inputs.findIndex((input) => input.file === scenario.file && input.name === scenario.name),
  );
  const spool = openAttemptsSpool();
  try {
    const { outcome, speed } = await runPlanned(
      slice,
      workersFor(workersOption(args.workers), totalSeeds(slice), seedsOnKernel(slice, engine)),
      io,
      {
        engine,
        onAttemptsCsv: (text, planIndex) => spool.write(text, scenarioIndex[planIndex]),
        // A part carries the series whatever the formats: merge may be asked for any of them.
        series: true,
      },
    );
    // merge needs every seed of a shard: one cut short is not written.
    if (outcome.stopped !== undefined) {
      io.stderr.write(`interrupted: no partial result written; ${args.out} left as it was\n`);
      return EXIT_INTERRUPTED;
    }
    const { header, sections } = buildPartial(packageVersion(), shard, inputs, outcome.stores, {
      bytes: (index) => spool.byteLength(index),
      text: (index) => spool.pieces(index),
    });
    const headerLine = partHeaderLine(header);
    refuseLongHeader(headerLine, shard);
    io.stderr.write(speedLine(speed));
    const file = { name: partialFileName(shard), text: partFilePieces(headerLine, sections) };
    io.stderr.write(
      `partial result written: ${writeOutputFiles(args.out, [file], '--out').join(', ')}\n`,
    );
    return EXIT_SUCCESS;
  } finally {
    spool.dispose();
  }
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
      })
      .option('max-time', MAX_TIME_OPTION)
      .option('configmap', CONFIGMAP_OPTION) as unknown as Argv<ReportArguments>,
  run: (args, io) =>
    removingCreatedDirectoriesLeftEmpty(args.out, async () => {
      const paths = scenarioPaths(args.scenarios, 'report');
      const workers = workersOption(args.workers);
      const maxTimeMs = parseMaxTime(args['max-time']);
      if (maxTimeMs !== undefined && args.shard !== undefined)
        throw new UsageError(
          '--max-time cannot be used with --shard: merge needs every seed of a shard',
          "Run 'tekton-sim report --help' for usage.",
        );
      const formats = parseFormats(args.format);
      if (args.shard === undefined)
        refuseFilesWithoutOut('report', args.format, REPORT_FORMATS.join(','), args.out);
      const seeds = resolveSeeds(args.seeds, args['seed-range']);
      const configMaps = configMapsOption(args.configmap);
      if (configMaps) writeNotes(configMaps.reading.notes, io.stderr);
      const scenarios = loadScenarioPaths(paths, { configMaps });
      for (const scenario of scenarios) writeNotes(scenario.configNotes, io.stderr);
      const planned = planScenarios(scenarios, seeds);
      const shard = args.shard === undefined ? undefined : parseShard(args.shard);
      // A report that cannot be written is found now, not after every seed has run.
      if (args.out !== undefined) prepareOutputDirectory(args.out, '--out');
      if (shard !== undefined) return runShard(planned, shard, args, io);
      const engine = engineOption(args.engine, scenarios);
      // The per-attempt rows are made only for a CSV, and go to a temporary file as they come.
      const spool =
        args.out !== undefined && formats.includes('csv') ? openAttemptsSpool() : undefined;
      const series = args.out !== undefined && drawsSeries(formats);
      try {
        const { outcome, speed } = await runPlanned(
          planned,
          workersFor(workers, totalSeeds(planned), seedsOnKernel(planned, engine)),
          io,
          {
            maxTimeMs,
            engine,
            ...(spool ? { onAttemptsCsv: (text) => spool.write(text) } : {}),
            series,
          },
        );
        const partial = partialOf(planned, outcome);
        refuseEmptyMaxTime(partial, args['max-time']);
        if (partial?.runs === 0) return interruptedEmpty(io);
        // A scenario stopped early is reported over the seeds that ran; one with none is left out.
        const stores = thoseThatRan(outcome.stores, outcome.ran);
        const result = {
          ...buildReportResult(
            cutToWhatRan(reportInputs(planned), outcome.ran),
            stores,
            packageVersion(),
          ),
          ...(partial ? { partial } : {}),
        };
        const shownSpeed = args['engine-speed'] ? speed : undefined;
        io.stderr.write(speedLine(speed));
        const interrupted = partial?.reason === 'interrupted';
        if (args.out === undefined) {
          io.stdout.write(formatReportMarkdown(result, shownSpeed));
          return interrupted ? EXIT_INTERRUPTED : EXIT_SUCCESS;
        }
        // Ctrl-C leaves the previous report as it was (the seeds that ran still show, on
        // stdout); --max-time writes the partial one.
        if (interrupted) {
          io.stdout.write(formatReportMarkdown(result, shownSpeed));
          io.stderr.write(`interrupted: no report written; ${args.out} left as it was\n`);
          return EXIT_INTERRUPTED;
        }
        const late = watchLateInterrupt(io);
        const files = await renderReportFiles(
          result,
          stores,
          formats,
          shownSpeed,
          spool?.bytes(),
        ).finally(late.stop);
        if (late.interrupted()) {
          io.stdout.write(formatReportMarkdown(result, shownSpeed));
          io.stderr.write(`interrupted: no report written; ${args.out} left as it was\n`);
          return EXIT_INTERRUPTED;
        }
        const written = writeOutputFiles(args.out, files, '--out');
        io.stderr.write(`report written: ${written.join(', ')}\n`);
        return EXIT_SUCCESS;
      } finally {
        spool?.dispose();
      }
    }),
};

export default reportCommand;
