// `tekton-sim run` for a standalone TaskRun (`--taskrun NAME`, or the files' only run): the
// TaskRun prepared as a Plan of one task (plan/prepare-taskrun.ts), simulated by the same
// engine as a PipelineRun's TaskRuns, and printed as `tkn taskrun describe` or
// `kubectl get taskrun -o yaml|json` would show it. No PipelineRun is printed: none exists.
import { simulateRunShowingBound } from '../engine/simulated-run.js';
import type { TektonConfig } from '../model/tekton-config.js';
import { prepareTaskRun } from '../plan/prepare-taskrun.js';
import { formatTaskRunTable } from '../report/taskrun-table.js';
import { formatGoDuration } from '../tekton/duration.js';
import type { LoadedSet } from '../tekton/load.js';
import type { TaskRunResource } from '../tekton/resource.js';
import { EXIT_SUCCESS, UsageError } from './errors.js';
import { type CliIo, repeatWarningCount, wantsColor, writePreparedWarnings } from './io.js';
import { parseTaskRunCancelOption, renderAtStartTime } from './options.js';
import type { RunArguments } from './run-arguments.js';
import { seedOption } from './scenario-pick.js';
import { writeInChunks } from './text-chunks.js';

export interface TaskRunSettings {
  defaultTimeoutMs?: number;
  tektonConfig?: TektonConfig;
  startTimeEpochMs: number;
  stopAtMs?: number;
}

export async function runTaskRun(
  set: LoadedSet,
  run: TaskRunResource,
  args: RunArguments,
  io: CliIo,
  settings: TaskRunSettings,
): Promise<number> {
  if (args.cluster !== undefined || args.slots !== undefined)
    throw new UsageError(
      `--cluster and --slots place a PipelineRun's pods; TaskRun "${run.metadata.name}" runs on its own, without them`,
      "Run 'tekton-sim run --help' for usage.",
    );
  const patches = args.cancel ? [parseTaskRunCancelOption(args.cancel)] : [];
  const prepared = prepareTaskRun(set, run, {
    profile: args.profile,
    defaultTimeoutMs: settings.defaultTimeoutMs,
    tektonConfig: settings.tektonConfig,
  });
  let warningCount = writePreparedWarnings(io, prepared);
  const simulated = simulateRunShowingBound(prepared.plan, {
    patches,
    seed: seedOption(args.seed),
    stopAtMs: settings.stopAtMs,
  });
  const view = simulated.view;
  for (const warning of simulated.result.fileWarnings) io.stderr.write(`warning: ${warning}\n`);
  warningCount += simulated.result.fileWarnings.length;
  if (simulated.stopped)
    io.stderr.write(`tekton-sim: ${simulated.stopped.message}; shown as it stood then\n`);
  if (args.output === 'table') {
    const timeoutMs = prepared.plan.tasks[0].effectiveTimeoutMs;
    io.stdout.write(
      formatTaskRunTable(
        view,
        // The Task's name as referenced, seen into or not (a resolver's has none).
        prepared.resolved.task.taskName ?? run.spec.taskRef?.name,
        timeoutMs === 0 ? '0s (none)' : formatGoDuration(timeoutMs),
        { color: wantsColor(io) },
      ),
    );
    return EXIT_SUCCESS;
  }
  const [{ toKubectlTaskRunList }, { kubectlListPieces }] = await Promise.all([
    import('../report/kubectl-taskrun.js'),
    import('../report/kubectl-list-text.js'),
  ]);
  const list = renderAtStartTime(args['start-time'], () =>
    toKubectlTaskRunList(
      view,
      {
        metadata: { ...run.metadata, namespace: prepared.plan.namespace },
        spec: run.spec,
      },
      {
        startTimeEpochMs: settings.startTimeEpochMs,
        defaultServiceAccount: prepared.plan.tektonConfig.defaults.defaultServiceAccount,
      },
    ),
  );
  writeInChunks(io.stdout, kubectlListPieces(list, args.output));
  repeatWarningCount(io, warningCount);
  return EXIT_SUCCESS;
}
