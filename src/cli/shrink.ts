// `tekton-sim shrink SCENARIO --seed N --invariant NAME`: reduces a violating seed to a small
// plain PipelineRun that still violates, and writes it (stdout, or --out FILE; an existing
// file only with --force). Prints the steps taken and the sizes before and after. A reproducer
// too big for `run` to read is refused (reproducer-output.ts).
import { SIMULATOR_TEKTON_CONFIG } from '../model/tekton-config.js';
import { CONFIGMAP_OPTION, configMapsOption, writeNotes } from './options.js';
import {
  INVARIANT_NAMES,
  DEFAULT_PROFILE,
  InputError,
  loadScenarios,
  type CompiledScenario,
  renderReproducer,
  shrinkSeed,
  type ShrinkResult,
  type ShrinkSize,
  DEFAULT_TIMEOUT_MS,
} from '../index.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { formatGoDuration } from '../tekton/duration.js';
import { EXIT_SUCCESS } from './errors.js';
import type { CliCommand } from './io.js';
import { writeReproducer } from './reproducer-output.js';
import { pickScenario, refuseFleet, seedOption } from './scenario-pick.js';

interface ShrinkArguments {
  file: string;
  seed: string;
  scenario?: string;
  invariant: string;
  out?: string;
  force: boolean;
  configmap?: string | string[];
}

export function reproducerText(
  result: ShrinkResult,
  scenario: CompiledScenario,
  seed: number,
  outFile: string,
  invariant: string,
): string {
  const runFlags = [
    ...(result.profile === DEFAULT_PROFILE ? [] : [`--profile ${result.profile}`]),
    // The --configmap files below may give the default timeout themselves; run refuses both.
    ...(result.defaultTimeoutMs === DEFAULT_TIMEOUT_MS ||
    (scenario.configMapFiles.length > 0 &&
      result.defaultTimeoutMs === scenario.prepared.plan.tektonConfig.defaults.defaultTimeoutMs)
      ? []
      : [`--default-timeout ${formatGoDuration(result.defaultTimeoutMs)}`]),
    ...scenario.configMapFiles.map((file) => `--configmap ${file}`),
  ];
  // ConfigMaps written in the Scenario have no file a `run` could be given.
  const configNote =
    scenario.configMapFiles.length === 0 && scenarioSetsConfigMaps(scenario)
      ? [
          "Simulated with the Scenario's spec.configMaps: give `run` the same ConfigMaps with --configmap FILE.",
        ]
      : [];
  return renderReproducer(result.repro, {
    file: outFile,
    runFlags,
    comments: [
      `Shrunk by tekton-sim shrink from ${scenario.file} (scenario ${scenario.name}), seed ${seed}.`,
      `Violates ${invariant}: ${result.violation}`,
      "Steps sleep and exit as the seed's draws did; nothing here is random.",
      ...configNote,
    ],
  });
}

export function formatShrinkReport(result: ShrinkResult, invariant: string): string {
  const size = (s: ShrinkSize) =>
    `${s.tasks} tasks, ${s.attempts} attempts, ${s.events} trace events`;
  return [
    `shrink: ${result.steps} step(s) kept of ${result.candidatesTried} tried; still violates ${invariant}`,
    `  before: ${size(result.before)}`,
    `  after:  ${size(result.after)}`,
    ...result.log.map((step) => `  - ${step}`),
    '',
  ].join('\n');
}

export const shrinkCommand: CliCommand<ShrinkArguments> = {
  command: 'shrink <file>',
  describe: 'Reduce a violating seed to a small plain PipelineRun that still violates',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file' })
      .option('seed', { type: 'string', demandOption: true, describe: 'The violating seed' })
      .option('scenario', {
        type: 'string',
        describe: 'Scenario name, when the file holds several',
      })
      .option('invariant', {
        type: 'string',
        demandOption: true,
        choices: INVARIANT_NAMES as string[],
        describe: 'The invariant the seed violates',
      })
      .option('out', { type: 'string', describe: 'Write the PipelineRun here instead of stdout' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Overwrite --out if it exists',
      })
      .option('configmap', CONFIGMAP_OPTION) as unknown as Argv<ShrinkArguments>,
  run: async (args, io) => {
    const seed = seedOption(args.seed);
    if (args.out && fs.existsSync(args.out) && !args.force) {
      throw new InputError({
        severity: 'error',
        message: `--out: ${args.out} exists; pass --force to overwrite it`,
      });
    }
    const configMaps = configMapsOption(args.configmap);
    if (configMaps) writeNotes(configMaps.reading.notes, io.stderr);
    const scenario = pickScenario(
      loadScenarios([args.file], { configMaps }),
      args.file,
      args.scenario,
    );
    refuseFleet(scenario, 'shrink', seed);
    const result = shrinkSeed(scenario, seed, { invariant: args.invariant });
    const outName =
      args.out ??
      `${path.basename(args.file, path.extname(args.file))}-seed${seed}-${args.invariant}.yaml`;
    const text = reproducerText(result, scenario, seed, outName, args.invariant);
    const report = formatShrinkReport(result, args.invariant);
    writeReproducer({ text, report, out: args.out }, io);
    return EXIT_SUCCESS;
  },
};

export default shrinkCommand;

function scenarioSetsConfigMaps(scenario: CompiledScenario): boolean {
  return scenario.prepared.plan.tektonConfig !== SIMULATOR_TEKTON_CONFIG;
}
