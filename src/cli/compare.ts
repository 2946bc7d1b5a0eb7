// `tekton-sim compare A B` or `compare A --profiles P1,P2`: the same seeds through both sides,
// then per metric the paired difference and a verdict. Exit 1 when a metric named by
// --fail-on got worse (a CI gate for pipeline changes), 2 on bad input.
import type { CompileOptions } from '../workload/index.js';
import { CONFIGMAP_OPTION, configMapsOption, writeNotes } from './options.js';
import type { Argv } from 'yargs';
import { buildCompareResult, type CompareResult } from '../check/compare-result.js';
import type { ReportScenarioInput } from '../check/report-result.js';
import {
  formatCompareHtml,
  formatCompareJson,
  formatCompareMarkdown,
} from '../report/compare-format.js';
import {
  InputError,
  loadScenarios,
  planScenarios,
  type PlannedScenario,
  type SeedRange,
} from '../index.js';
import { resolveSeeds } from './check.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_SUCCESS, UsageError } from './errors.js';
import { removingCreatedDirectoriesLeftEmpty } from './output-directory.js';
import type { CliCommand } from './io.js';
import { prepareOutputDirectory, writeOutputFiles } from './output-files.js';
import {
  interruptedEmpty,
  refuseFilesWithoutOut,
  reportInputs,
  runPlanned,
  speedLine,
} from './report.js';
import {
  cutToWhatRan,
  MAX_TIME_OPTION,
  parseMaxTime,
  partialOf,
  refuseEmptyMaxTime,
} from './run-control.js';
import { totalSeeds, type RunOutcome } from '../runner/runner.js';
import {
  engineOption,
  engineOptionSpec,
  seedsOnKernel,
  workersFor,
  workersOption,
  WORKERS_OPTION,
} from './seed-selection.js';
import type { EngineChoice } from '../kernel/index.js';
import { pickScenario, profileOption } from './scenario-pick.js';
import { packageVersion } from './version.js';

interface CompareArguments {
  a: string;
  b?: string;
  seeds?: string;
  'seed-range'?: string;
  profiles?: string;
  'fail-on'?: string;
  workers?: string;
  engine?: EngineChoice;
  out?: string;
  format: string;
  'max-time'?: string;
  configmap?: string | string[];
}

const COMPARE_FORMATS = ['md', 'json', 'html'] as const;

function inputError(message: string): InputError {
  return new InputError({ severity: 'error', message });
}

/**
 * `FILE` or `FILE#SCENARIO`, loaded under `profile` when given and planned among the other
 * scenarios of its file, since workers find a scenario again by its position in the file.
 */
function planSide(
  spec: string,
  profile: string | undefined,
  seeds: SeedRange | undefined,
  configMaps: CompileOptions['configMaps'],
): PlannedScenario {
  const hash = spec.lastIndexOf('#');
  const file = hash > 0 ? spec.slice(0, hash) : spec;
  const name = hash > 0 ? spec.slice(hash + 1) : undefined;
  const scenarios = loadScenarios([file], {
    ...(profile === undefined ? {} : { profile }),
    configMaps,
  });
  const chosen = pickScenario(scenarios, file, name, 'hash');
  const planned = planScenarios(scenarios, seeds ?? chosen.seeds, profile);
  return planned[scenarios.indexOf(chosen)];
}

function parseProfiles(text: string): [string, string] {
  const names = text.split(',').map((name) => name.trim());
  if (names.length !== 2)
    throw inputError(`--profiles: "${text}" should name two profiles, e.g. v1.12,v1.15`);
  return [profileOption(names[0], '--profiles'), profileOption(names[1], '--profiles')];
}

function parseCompareFormats(text: string): (typeof COMPARE_FORMATS)[number][] {
  const names = text.split(',').map((name) => name.trim());
  for (const name of names)
    if (!(COMPARE_FORMATS as readonly string[]).includes(name))
      throw inputError(
        `--format: "${name}" is not a compare format; use a comma-separated list of ${COMPARE_FORMATS.join(', ')}`,
      );
  return names as (typeof COMPARE_FORMATS)[number][];
}

/** What both sides ran: the shorter of the two prefixes, for A and for B. */
function pairedPrefix(outcome: RunOutcome): Pick<RunOutcome, 'ran' | 'stopped'> {
  const [a, b] = outcome.ran;
  const both = a && b ? { first: a.first, last: Math.min(a.last, b.last) } : undefined;
  return { ran: [both, both], stopped: outcome.stopped };
}

/** The --fail-on metrics that got worse; a name no metric has is an input error. */
export function worsened(result: CompareResult, failOn: readonly string[]): string[] {
  const names = result.metrics.map((line) => line.name);
  for (const name of failOn)
    if (!names.includes(name))
      throw inputError(
        `--fail-on: "${name}" is not a compared metric; they are: ${names.join(', ')}`,
      );
  return result.metrics
    .filter((line) => failOn.includes(line.name) && line.verdict === 'worse')
    .map((line) => line.name);
}

export const compareCommand: CliCommand<CompareArguments> = {
  command: 'compare <a> [b]',
  describe: 'Run the same seeds through two scenarios (or two profiles) and compare them pairwise',
  builder: (yargs: Argv) =>
    yargs
      .positional('a', { type: 'string', describe: 'Scenario A: FILE or FILE#NAME' })
      .positional('b', { type: 'string', describe: 'Scenario B (omit with --profiles)' })
      .option('seeds', { type: 'string', describe: "Run seeds 1..N (default: A's own range)" })
      .option('seed-range', { type: 'string', describe: 'Run seeds A..B' })
      .option('profiles', { type: 'string', describe: 'Run scenario A under two profiles: P1,P2' })
      .option('fail-on', {
        type: 'string',
        describe: 'Exit 1 when one of these metrics got worse, e.g. makespan,finally-completes',
      })
      .option('workers', WORKERS_OPTION)
      .option('engine', engineOptionSpec)
      .option('out', {
        type: 'string',
        describe: 'Write compare.md/.json/.html into this directory',
      })
      .option('format', {
        type: 'string',
        default: 'md',
        describe: `Formats: ${COMPARE_FORMATS.join(', ')} (without --out, md goes to stdout)`,
      })
      .option('max-time', MAX_TIME_OPTION)
      .option('configmap', CONFIGMAP_OPTION) as unknown as Argv<CompareArguments>,
  run: (args, io) =>
    removingCreatedDirectoriesLeftEmpty(args.out, async () => {
      const workers = workersOption(args.workers);
      const maxTimeMs = parseMaxTime(args['max-time']);
      const formats = parseCompareFormats(args.format);
      refuseFilesWithoutOut('compare', args.format, 'md', args.out);
      const profiles = args.profiles === undefined ? undefined : parseProfiles(args.profiles);
      if (profiles && args.b !== undefined)
        throw new UsageError(
          '--profiles compares one scenario under two profiles; name one scenario',
          "Run 'tekton-sim compare --help' for usage.",
        );
      if (!profiles && args.b === undefined)
        throw new UsageError(
          'name two scenarios, or one with --profiles P1,P2',
          "Run 'tekton-sim compare --help' for usage.",
        );
      const seeds = resolveSeeds(args.seeds, args['seed-range']);
      const configMaps = configMapsOption(args.configmap);
      if (configMaps) writeNotes(configMaps.reading.notes, io.stderr);
      const plannedA = planSide(args.a, profiles?.[0], seeds, configMaps);
      // B runs A's seeds, so every seed has its pair.
      const plannedB = planSide(args.b ?? args.a, profiles?.[1], plannedA.seeds, configMaps);
      const side = (planned: PlannedScenario, spec: string): ReportScenarioInput => ({
        ...reportInputs([planned])[0],
        namedInReplay: spec.includes('#'),
        profileChosen: profiles !== undefined,
      });
      // A directory that cannot take the files is found now, not after every seed has run.
      if (args.out !== undefined) prepareOutputDirectory(args.out, '--out');
      const engine = engineOption(args.engine, [plannedA.scenario, plannedB.scenario]);
      // The sides take turns chunk by chunk, so a stop leaves both about as far along.
      const { outcome, speed } = await runPlanned(
        [plannedA, plannedB],
        workersFor(
          workers,
          totalSeeds([plannedA, plannedB]),
          seedsOnKernel([plannedA, plannedB], engine),
        ),
        io,
        { maxTimeMs, engine, interleave: true },
      );
      io.stderr.write(speedLine(speed));
      const bothRan = pairedPrefix(outcome);
      const partial = partialOf([plannedA, plannedB], bothRan);
      refuseEmptyMaxTime(partial, args['max-time']);
      if (partial?.runs === 0) return interruptedEmpty(io);
      const [inputA, inputB] = cutToWhatRan(
        [side(plannedA, args.a), side(plannedB, args.b ?? args.a)],
        bothRan.ran,
      );
      // Seeds are paired by number, so a side that ran further adds nothing unpaired.
      const result = {
        ...buildCompareResult(
          inputA,
          inputB,
          outcome.stores[0],
          outcome.stores[1],
          packageVersion(),
        ),
        ...(partial ? { partial } : {}),
      };
      const failOn = (args['fail-on'] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const worse = worsened(result, failOn);
      // Ctrl-C leaves the previous files as they were (the seeds that ran still show, on
      // stdout); --max-time writes the partial ones.
      const interrupted = partial?.reason === 'interrupted';
      if (args.out === undefined || interrupted) io.stdout.write(formatCompareMarkdown(result));
      if (args.out !== undefined && interrupted)
        io.stderr.write(`interrupted: nothing written; ${args.out} left as it was\n`);
      else if (args.out !== undefined) {
        const render = {
          md: formatCompareMarkdown,
          json: formatCompareJson,
          html: formatCompareHtml,
        };
        const files = formats.map((format) => ({
          name: `compare.${format}`,
          text: render[format](result),
        }));
        io.stderr.write(
          `compare written: ${writeOutputFiles(args.out, files, '--out').join(', ')}\n`,
        );
      }
      if (interrupted) return EXIT_INTERRUPTED;
      if (worse.length > 0) {
        io.stderr.write(`worse: ${worse.join(', ')}\n`);
        return EXIT_FAILURE;
      }
      return EXIT_SUCCESS;
    }),
};

export default compareCommand;
