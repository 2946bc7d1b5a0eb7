// `tekton-sim replay SCENARIO --seed N`: reruns one seed and prints the statuses as `run`
// does; with --trace, every event in virtual-time order; then any invariant it violates.
// Exits 1 when the seed violates an invariant, so a replay can gate a script as check does.
import {
  checkRun,
  InputError,
  toKubectlList,
  formatRunTable,
  loadScenarios,
  runScenarioSeed,
  type SimulatedRun,
} from '../index.js';
import type { Argv } from 'yargs';
import { createdRunMetadata } from '../plan/prepare.js';
import { formatGanttSvg, GANTT_SIGNATURE, ganttBarCount, MAX_GANTT_BARS } from '../report/gantt.js';
import { kubectlListPieces } from '../report/kubectl-list-text.js';
import { isOurPerfetto, perfettoJsonPieces } from '../report/perfetto.js';
import { type RunTimeline, runTimeline } from '../report/run-timeline.js';
import { describeTraceEvent, formatOffset } from '../report/trace-text.js';
import { type FileEnds, refuseForeignFile, writeOwnedFile } from './output-files.js';
import { writeInChunks } from './text-chunks.js';
import { replayFleetPerfetto } from './replay-fleet.js';
import { EXIT_FAILURE, EXIT_SUCCESS } from './errors.js';
import { type CliCommand, wantsColor } from './io.js';
import {
  CONFIGMAP_OPTION,
  configMapsOption,
  parseStartTimeOption,
  renderAtStartTime,
  writeNotes,
} from './options.js';
import { pickScenario, refuseFleet, profileOption, seedOption } from './scenario-pick.js';

interface ReplayArguments {
  file: string;
  seed: string;
  scenario?: string;
  profile?: string;
  trace: boolean;
  gantt?: string;
  perfetto?: string;
  'start-time': string;
  output: 'table' | 'yaml' | 'json';
  configmap?: string | string[];
}

/**
 * `--trace`: a line per event, made as it is written; a run of a million events is tens of
 * megabytes of lines, never joined into one string.
 */
export function* traceLines(run: SimulatedRun): Generator<string> {
  const { state, trace } = run.result;
  const taskNames = state.plan.tasks.map((task) => task.name);
  const taskRunNames = state.taskRuns.map((taskRun) => taskRun.name);
  for (const event of trace)
    yield `${formatOffset(event.atMs)}  ${describeTraceEvent(event, taskNames, taskRunNames)}\n`;
}

const isOurGantt = (ends: FileEnds) => ends.head.startsWith(GANTT_SIGNATURE);
const isOurPerfettoFile = (ends: FileEnds) => isOurPerfetto(ends.tail);

/** A picture file that may not be written is refused before the run prints anything. */
function refusePictureTargets(args: ReplayArguments): void {
  if (args.gantt !== undefined) refuseForeignFile(args.gantt, isOurGantt, '--gantt');
  if (args.perfetto !== undefined)
    refuseForeignFile(args.perfetto, isOurPerfettoFile, '--perfetto');
}

/**
 * A chart past the bars it can draw is refused before anything is printed, naming the limit
 * and the picture that has none.
 */
export function refuseBigGantt(timeline: RunTimeline, maxBars = MAX_GANTT_BARS): void {
  const bars = ganttBarCount(timeline);
  if (bars > maxBars)
    throw new InputError({
      severity: 'error',
      message: `--gantt: this run has ${bars} bars (pending times, attempts, skipped tasks), more than the ${maxBars} one chart draws; use --perfetto FILE.json, which has no such limit`,
    });
}

async function writePictures(
  timeline: RunTimeline | undefined,
  args: ReplayArguments,
): Promise<void> {
  if (timeline === undefined) return;
  if (args.gantt !== undefined)
    writeOwnedFile(args.gantt, await formatGanttSvg(timeline), isOurGantt, '--gantt');
  if (args.perfetto !== undefined)
    writeOwnedFile(args.perfetto, perfettoJsonPieces(timeline), isOurPerfettoFile, '--perfetto');
}

export const replayCommand: CliCommand<ReplayArguments> = {
  command: 'replay <file>',
  describe: 'Rerun one seed of a scenario and print its statuses (and trace)',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file' })
      .option('seed', { type: 'string', demandOption: true, describe: 'The seed to rerun' })
      .option('scenario', {
        type: 'string',
        describe: 'Scenario name, when the file holds several',
      })
      .option('profile', {
        type: 'string',
        describe:
          "Tekton semantics profile instead of the scenario's own (as compare --profiles ran it)",
      })
      .option('trace', {
        type: 'boolean',
        default: false,
        describe: 'Print every event in virtual-time order',
      })
      .option('gantt', { type: 'string', describe: 'Draw the run as a Gantt chart into FILE.svg' })
      .option('perfetto', {
        type: 'string',
        describe:
          'Write the run as Chrome trace-event JSON (Perfetto, chrome://tracing) into FILE.json',
      })
      .option('start-time', {
        type: 'string',
        default: '2000-01-01T00:00:00Z',
        describe: 'Wall-clock time of virtual time 0 (RFC 3339)',
      })
      .option('output', {
        alias: 'o',
        choices: ['table', 'yaml', 'json'] as const,
        default: 'table' as const,
      })
      .option('configmap', CONFIGMAP_OPTION) as unknown as Argv<ReplayArguments>,
  run: async (args, io) => {
    const seed = seedOption(args.seed);
    const startTimeEpochMs = parseStartTimeOption(args['start-time']);
    refusePictureTargets(args);
    const configMaps = configMapsOption(args.configmap);
    if (configMaps) writeNotes(configMaps.reading.notes, io.stderr);
    const loaded = loadScenarios([args.file], {
      ...(args.profile === undefined ? {} : { profile: profileOption(args.profile) }),
      configMaps,
    });
    const scenario = pickScenario(loaded, args.file, args.scenario);
    writeNotes(scenario.configNotes, io.stderr);
    if (scenario.fleet && args.perfetto !== undefined && args.gantt === undefined && !args.trace)
      return replayFleetPerfetto(scenario, seed, args.perfetto, io);
    refuseFleet(
      scenario,
      'replay',
      seed,
      `, or draw it whole with \`tekton-sim replay ${args.file} --seed ${seed} --perfetto FILE.json\``,
    );
    const run = runScenarioSeed(scenario, seed, { trace: true, showBound: true });
    const { view, result } = run;
    const timeline =
      args.gantt === undefined && args.perfetto === undefined ? undefined : runTimeline(run);
    if (timeline !== undefined && args.gantt !== undefined) refuseBigGantt(timeline);
    if (args.output === 'table') {
      io.stdout.write(formatRunTable(view, { color: wantsColor(io) }));
    } else {
      const list = renderAtStartTime(args['start-time'], () =>
        toKubectlList(
          view,
          { spec: scenario.prepared.run.spec, metadata: createdRunMetadata(scenario.prepared) },
          {
            startTimeEpochMs,
            defaultServiceAccount:
              scenario.prepared.plan.tektonConfig.defaults.defaultServiceAccount,
          },
        ),
      );
      writeInChunks(io.stdout, kubectlListPieces(list, args.output));
    }
    if (args.trace) {
      io.stdout.write('\n');
      writeInChunks(io.stdout, traceLines(run));
    }
    await writePictures(timeline, args);
    // A run stopped at the event bound is shown as it stood; only liveness judges it, as in
    // check, whose replay command for such a seed is this one.
    const checked = run.stopped
      ? { violations: [{ invariant: 'liveness', message: run.stopped.message }], findings: [] }
      : checkRun({ plan: result.state.plan, result });
    // Machine-readable output stays pure; the verdict goes to stderr then.
    const verdict = io.stdout.isTTY || args.output === 'table' ? io.stdout : io.stderr;
    for (const violation of checked.violations)
      verdict.write(`violated ${violation.invariant}: ${violation.message}\n`);
    for (const finding of checked.findings)
      verdict.write(`known Tekton bug ${finding.bug}: ${finding.message}\n`);
    return checked.violations.length > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
  },
};

export default replayCommand;
