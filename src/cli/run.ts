// `tekton-sim run FILE|DIR...`: simulate one PipelineRun and print it as tkn would describe
// it, or as `kubectl get pipelinerun,taskrun -o yaml|json` would show it.
// Only what every run needs is imported here: the cluster model (and its schema) and the
// kubectl renderer load when --cluster, --slots or -o yaml|json ask for them, so a plain run
// does not pay for their modules.
import type { Argv } from 'yargs';
import type { LivenessError, SpecStatusPatch } from '../engine/simulation.js';
import { simulateRunShowingBound, stoppedRun } from '../engine/simulated-run.js';
import { DEFAULT_PROFILE, profileNames } from '../model/profiles.js';
import type { RunView } from '../model/status.js';
import { createdRunMetadata, type PreparedRun, preparePipelineRun } from '../plan/prepare.js';
import { formatRunTable } from '../report/table.js';
import { buildRunView } from '../scheduler/view.js';
import { loadFiles } from '../tekton/load.js';
import { selectRun } from '../tekton/resolve.js';
import { EXIT_SUCCESS, UsageError } from './errors.js';
import { type CliCommand, repeatWarningCount, wantsColor, writePreparedWarnings } from './io.js';
import { writeInChunks } from './text-chunks.js';
import { seedOption } from './scenario-pick.js';
import type { RunArguments } from './run-arguments.js';
import {
  CONFIGMAP_OPTION,
  configMapsOption,
  parseAtOption,
  parseCancelOption,
  writeNotes,
  parseDurationOption,
  parseStartTimeOption,
  renderAtStartTime,
} from './options.js';

/**
 * Alone, as today, or on the cluster --cluster or --slots describe; to its end, or up to
 * and including the events at `stopAtMs` (--at), shown as it stands then.
 */
async function simulate(
  prepared: PreparedRun,
  args: RunArguments,
  patches: SpecStatusPatch[],
  stopAtMs: number | undefined,
): Promise<{ view: RunView; result: { fileWarnings: string[] }; stopped?: LivenessError }> {
  if (args.cluster !== undefined && args.slots !== undefined)
    throw new UsageError(
      '--cluster and --slots cannot be used together',
      "Run 'tekton-sim run --help' for usage.",
    );
  if (args.cluster === undefined && args.slots === undefined)
    return simulateRunShowingBound(prepared.plan, {
      patches,
      seed: seedOption(args.seed),
      stopAtMs,
    });
  const [{ loadClusterFile, slotsCluster }, { runOnCluster }] = await Promise.all([
    import('../workload/cluster-file.js'),
    import('../workload/run-on-cluster.js'),
  ]);
  const file = args.cluster !== undefined ? loadClusterFile(args.cluster) : undefined;
  const cluster = file?.cluster ?? slotsCluster(args.slots as string);
  const seed = seedOption(args.seed);
  try {
    const fleet = runOnCluster(prepared, cluster, {
      seed,
      patches,
      locate: file?.locate,
      stopAtMs,
    });
    const [run] = fleet.runs;
    // Stopped mid-way, the PipelineRun shows the status its reconciles last wrote.
    const view = buildRunView(run.state, stopAtMs ?? fleet.endTimeMs, run.writtenStatus);
    return { view, result: run };
  } catch (error) {
    const stopped = stoppedRun(error);
    if (!stopped) throw error;
    return stopped;
  }
}

export const runCommand: CliCommand<RunArguments> = {
  command: 'run <files..>',
  describe: 'Simulate one PipelineRun or TaskRun and print its status',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'Tekton YAML files or directories',
      })
      .option('pipelinerun', {
        type: 'string',
        describe: 'metadata.name of the PipelineRun to simulate',
      })
      .option('taskrun', {
        type: 'string',
        describe: 'metadata.name of the TaskRun to simulate on its own',
      })
      .option('seed', {
        type: 'string',
        default: '1',
        describe: "Seed of the run's random streams",
      })
      .option('profile', {
        type: 'string',
        default: DEFAULT_PROFILE,
        choices: profileNames(),
        describe: 'Tekton release semantics',
      })
      .option('cancel', {
        type: 'string',
        describe:
          "Patch spec.status at a virtual time, e.g. StoppedRunFinally@1s (a TaskRun's: TaskRunCancelled@1s)",
      })
      .option('default-timeout', {
        type: 'string',
        describe:
          'Default timeout of a run that sets none (Go duration; default: 60m, or default-timeout-minutes of a --configmap)',
      })
      .option('configmap', CONFIGMAP_OPTION)
      .option('start-time', {
        type: 'string',
        default: '2000-01-01T00:00:00Z',
        describe: 'Wall-clock time of virtual time 0 (RFC 3339)',
      })
      .option('cluster', {
        type: 'string',
        describe: "Run on the cluster a YAML file describes (a Scenario's spec.cluster fields)",
      })
      .option('slots', {
        type: 'string',
        describe: 'Run on a cluster of N slots (at most N pods at once)',
      })
      .option('at', {
        type: 'string',
        describe:
          'Show the run as it stands at this virtual time (Go duration since its creation, e.g. 30s), after the events of that instant',
      })
      .option('output', {
        alias: 'o',
        choices: ['table', 'yaml', 'json'] as const,
        default: 'table' as const,
      }) as unknown as Argv<RunArguments>,
  run: async (args, io) => {
    const timeoutText = args['default-timeout'];
    const defaultTimeoutMs =
      timeoutText === undefined ? undefined : parseDurationOption('--default-timeout', timeoutText);
    const startTimeEpochMs = parseStartTimeOption(args['start-time']);
    const stopAtMs = args.at === undefined ? undefined : parseAtOption(args.at);
    const configMaps = configMapsOption(args.configmap);
    if (configMaps) writeNotes(configMaps.reading.notes, io.stderr);
    if (defaultTimeoutMs !== undefined && configMaps?.reading.setsDefaultTimeout)
      throw new UsageError(
        '--default-timeout and default-timeout-minutes of a --configmap both set the default timeout; keep one',
        "Run 'tekton-sim run --help' for usage.",
      );
    const set = loadFiles(args.files, { readStdin: io.readStdin });
    const selected = selectRun(set, { pipelineRun: args.pipelinerun, taskRun: args.taskrun });
    if (selected.kind === 'TaskRun') {
      const { runTaskRun } = await import('./run-taskrun.js');
      return runTaskRun(set, selected, args, io, {
        defaultTimeoutMs,
        tektonConfig: configMaps?.reading.config,
        startTimeEpochMs,
        stopAtMs,
      });
    }
    const patches = args.cancel ? [parseCancelOption(args.cancel)] : [];
    const prepared = preparePipelineRun(set, {
      pipelineRun: selected.metadata.name,
      profile: args.profile,
      defaultTimeoutMs,
      tektonConfig: configMaps?.reading.config,
    });
    let warningCount = writePreparedWarnings(io, prepared);
    const { view, result, stopped } = await simulate(prepared, args, patches, stopAtMs);
    for (const warning of result.fileWarnings) io.stderr.write(`warning: ${warning}\n`);
    warningCount += result.fileWarnings.length;
    // Tekton's run would go on; the simulation stops at its bound and shows the run as it
    // stood then, an outcome like any other (exit 0), said on stderr for whoever reads JSON.
    if (stopped) io.stderr.write(`tekton-sim: ${stopped.message}; shown as it stood then\n`);
    if (args.output === 'table') {
      io.stdout.write(formatRunTable(view, { color: wantsColor(io) }));
      return EXIT_SUCCESS;
    }
    const metadata = createdRunMetadata(prepared);
    const [{ toKubectlList }, { kubectlListPieces }] = await Promise.all([
      import('../report/kubectl.js'),
      import('../report/kubectl-list-text.js'),
    ]);
    const list = renderAtStartTime(args['start-time'], () =>
      toKubectlList(
        view,
        { spec: prepared.run.spec, metadata },
        {
          startTimeEpochMs,
          defaultServiceAccount: prepared.plan.tektonConfig.defaults.defaultServiceAccount,
        },
      ),
    );
    writeInChunks(io.stdout, kubectlListPieces(list, args.output));
    repeatWarningCount(io, warningCount);
    return EXIT_SUCCESS;
  },
};
