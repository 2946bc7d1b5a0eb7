// `tekton-sim check SCENARIO...`: runs every seed of every scenario under every invariant and
// the scenario's expectations, prints a summary, and exits 0 when all hold, 1 when any is
// violated, 2 on bad input.
import { tektonConfigChanges } from '../model/tekton-config.js';
import {
  formatCheckSummaryJson,
  formatCheckSummaryMarkdown,
  formatCheckSummaryText,
  planScenarios,
  type CompiledScenario,
  INVARIANTS,
  buildCheckSummary,
  type ScenarioInput,
  parseSeedRange,
  seedsFromCount,
  type SeedRange,
} from '../index.js';
import type { Argv } from 'yargs';
import { runScenariosStoppable, totalSeeds } from '../runner/runner.js';
import { expectationLines } from './check-expectations.js';
import { writeCheckReport } from './check-report.js';
import { prepareOutputDirectory } from './output-files.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_SUCCESS, UsageError } from './errors.js';
import {
  CONFIGMAP_OPTION,
  configMapArguments,
  configMapsOption,
  scenarioPaths,
  writeNotes,
} from './options.js';
import { removingCreatedDirectoriesLeftEmpty } from './output-directory.js';
import type { CliCommand } from './io.js';
import {
  cutToWhatRan,
  MAX_TIME_OPTION,
  parseMaxTime,
  partialOf,
  refuseEmptyMaxTime,
  startRunControl,
  thoseThatRan,
} from './run-control.js';
import { fleetRerunCommand, loadScenarioPaths } from './scenario-pick.js';
import {
  engineOption,
  seedsOnKernel,
  withSeedSelection,
  workersFor,
  workersOption,
} from './seed-selection.js';
import type { EngineChoice } from '../kernel/index.js';

interface CheckArguments {
  scenarios: string[];
  seeds?: string;
  'seed-range'?: string;
  workers?: string;
  engine?: EngineChoice;
  paranoid: boolean;
  list: boolean;
  report?: string;
  output: 'text' | 'json' | 'markdown';
  'max-time'?: string;
  configmap?: string | string[];
}

export function listInvariants(): string {
  const width = Math.max(...INVARIANTS.map((invariant) => invariant.name.length));
  return (
    INVARIANTS.map((invariant) => `${invariant.name.padEnd(width)}  ${invariant.description}`).join(
      '\n',
    ) + '\n'
  );
}

/** The command that reruns one seed; `--scenario` only when the file holds several. */
export function replayCommand(
  scenario: CompiledScenario,
  all: readonly CompiledScenario[],
  seed: number,
): string {
  // replay follows one PipelineRun alone; a seed of a shared cluster is rerun by check itself.
  const configMaps = configMapArguments(scenario.configMapFiles);
  if (scenario.fleet) return fleetRerunCommand(scenario.file, seed) + configMaps;
  const several = all.filter((other) => other.file === scenario.file).length > 1;
  return `tekton-sim replay ${scenario.file} --seed ${seed}${several ? ` --scenario ${scenario.name}` : ''}${configMaps}`;
}

export function resolveSeeds(
  seeds: string | undefined,
  range: string | undefined,
): SeedRange | undefined {
  if (seeds !== undefined && range !== undefined)
    throw new UsageError(
      '--seeds and --seed-range cannot be used together',
      "Run 'tekton-sim check --help' for usage.",
    );
  if (range !== undefined) return parseSeedRange(range);
  if (seeds !== undefined) return seedsFromCount(seeds);
  return undefined;
}

export const checkCommand: CliCommand<CheckArguments> = {
  command: 'check [scenarios..]',
  describe: 'Run many seeds of scenarios under every invariant and expectation',
  builder: (yargs: Argv) =>
    withSeedSelection(yargs)
      .option('paranoid', {
        type: 'boolean',
        default: false,
        describe: 'Run every seed twice for the determinism check',
      })
      .option('list', { type: 'boolean', default: false, describe: 'List the invariants and exit' })
      .option('report', {
        type: 'string',
        describe: 'Write summary.md, summary.json and runs.csv into this directory',
      })
      .option('output', {
        alias: 'o',
        choices: ['text', 'json', 'markdown'] as const,
        default: 'text' as const,
      })
      .option('max-time', MAX_TIME_OPTION)
      .option('configmap', CONFIGMAP_OPTION) as unknown as Argv<CheckArguments>,
  run: (args, io) =>
    removingCreatedDirectoriesLeftEmpty(args.report, async () => {
      if (args.list) {
        io.stdout.write(listInvariants());
        return EXIT_SUCCESS;
      }
      const paths = scenarioPaths(args.scenarios, 'check');
      const workers = workersOption(args.workers);
      const maxTimeMs = parseMaxTime(args['max-time']);
      const seeds = resolveSeeds(args.seeds, args['seed-range']);
      const configMaps = configMapsOption(args.configmap);
      if (configMaps) writeNotes(configMaps.reading.notes, io.stderr);
      const scenarios = loadScenarioPaths(paths, { configMaps });
      for (const scenario of scenarios) writeNotes(scenario.configNotes, io.stderr);
      const engine = engineOption(args.engine, scenarios);
      const planned = planScenarios(scenarios, seeds);
      // A report that cannot be written is found now, not after every seed has run.
      if (args.report !== undefined) prepareOutputDirectory(args.report, '--report');
      const control = startRunControl(io, maxTimeMs);
      const outcome = await runScenariosStoppable(planned, {
        workers: workersFor(workers, totalSeeds(planned), seedsOnKernel(planned, engine)),
        engine,
        paranoid: args.paranoid,
        signal: control.signal,
        nowMs: io.nowMs,
        onProgress: control.onProgress,
      }).finally(control.finish);
      const partial = partialOf(planned, outcome);
      refuseEmptyMaxTime(partial, args['max-time']);
      if (partial?.runs === 0) {
        io.stderr.write('interrupted before the first seed finished; nothing was written\n');
        return EXIT_INTERRUPTED;
      }
      // A scenario stopped early is summarised over the seeds that ran; one with none is left out.
      const stores = thoseThatRan(outcome.stores, outcome.ran);
      const inputs: ScenarioInput[] = cutToWhatRan(planned, outcome.ran).map(
        ({ scenario, seeds: range }, index) => ({
          name: scenario.name,
          file: scenario.file,
          profile: scenario.prepared.plan.profile.name,
          tektonConfig: tektonConfigChanges(scenario.prepared.plan.tektonConfig),
          seeds: range,
          replay: (seed) => replayCommand(scenario, scenarios, seed),
          cluster: scenario.fleet !== undefined,
          expectations: expectationLines(
            scenario.expectations,
            stores[index].rows,
            range.last - range.first + 1,
          ),
        }),
      );
      const summary = {
        ...buildCheckSummary(inputs, stores, args.paranoid),
        ...(partial ? { partial } : {}),
      };
      const format =
        args.output === 'json'
          ? formatCheckSummaryJson
          : args.output === 'markdown'
            ? formatCheckSummaryMarkdown
            : formatCheckSummaryText;
      io.stdout.write(format(summary));
      // Ctrl-C leaves the previous report as it was; --max-time writes the partial one.
      if (partial?.reason === 'interrupted') {
        if (args.report)
          io.stderr.write(`interrupted: no report written; ${args.report} left as it was\n`);
        return EXIT_INTERRUPTED;
      }
      if (args.report) {
        const written = writeCheckReport(args.report, summary, stores);
        io.stderr.write(`report written: ${written.join(', ')}\n`);
      }
      return summary.ok ? EXIT_SUCCESS : EXIT_FAILURE;
    }),
};

export default checkCommand;
