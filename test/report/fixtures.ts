// Hand-built RunViews for the formatter tests, one per situation, built by name. Times are
// virtual milliseconds; the tests pin the wall clock with START_TIME_EPOCH_MS.
import type {
  ConditionStatus,
  RunView,
  SucceededCondition,
  TaskRunAttemptView,
  TaskRunView,
} from '../../src/model/status.js';
import type { PipelineRunInput } from '../../src/report/kubectl.js';

/** 2000-01-01T00:00:00Z: round, so expected timestamps can be read off the virtual times. */
export const START_TIME_EPOCH_MS = Date.UTC(2000, 0, 1);

export interface Fixture {
  view: RunView;
  run: PipelineRunInput;
}

export function condition(
  status: ConditionStatus,
  reason: string,
  message: string,
  lastTransitionTimeMs: number,
): SucceededCondition {
  return { type: 'Succeeded', status, reason, message, lastTransitionTimeMs };
}

export function attempt(fields: {
  condition: SucceededCondition;
  startTimeMs?: number;
  completionTimeMs?: number;
}): TaskRunAttemptView {
  return { results: [], ...fields };
}

/** A TaskRun of PipelineRun `runName` for pipeline task `task`; unset fields get defaults. */
export function taskRun(
  runName: string,
  task: string,
  fields: Partial<TaskRunView> & Pick<TaskRunView, 'condition'>,
): TaskRunView {
  return {
    name: `${runName}-${task}`,
    pipelineTaskName: task,
    isFinally: false,
    createdAtMs: fields.startTimeMs ?? 0,
    params: [],
    retries: 0,
    results: [],
    retriesStatus: [],
    ...fields,
  };
}

function childReferences(taskRuns: TaskRunView[]): RunView['pipelineRun']['childReferences'] {
  return taskRuns.map((entry) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    name: entry.name,
    pipelineTaskName: entry.pipelineTaskName,
  }));
}

/** Two TaskRuns in sequence, both succeed; the run has a result. */
export function succeededRun(): Fixture {
  const name = 'build-run';
  const taskRuns = [
    taskRun(name, 'fetch', {
      params: [{ name: 'url', value: 'https://example.com/repo.git' }],
      startTimeMs: 0,
      completionTimeMs: 10_000,
      condition: condition('True', 'Succeeded', 'All Steps have completed executing', 10_000),
      results: [{ name: 'commit', value: 'abc123' }],
    }),
    taskRun(name, 'test', {
      params: [{ name: 'flags', value: ['-v', '-race'] }],
      createdAtMs: 10_000,
      startTimeMs: 10_000,
      completionTimeMs: 75_000,
      condition: condition('True', 'Succeeded', 'All Steps have completed executing', 75_000),
      results: [{ name: 'report', value: { passed: '12', failed: '0' } }],
    }),
  ];
  return {
    run: {
      metadata: { name, namespace: 'ci', uid: 'uid-build-run', labels: { team: 'platform' } },
      spec: {
        pipelineRef: { name: 'build' },
        params: [{ name: 'url', value: 'https://example.com/repo.git' }],
      },
    },
    view: {
      pipelineRunName: name,
      namespace: 'ci',
      pipelineName: 'build',
      pipelineRun: {
        condition: condition(
          'True',
          'Succeeded',
          'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0',
          75_000,
        ),
        startTimeMs: 0,
        completionTimeMs: 75_000,
        skippedTasks: [],
        childReferences: childReferences(taskRuns),
        results: [{ name: 'commit', value: 'abc123' }],
      },
      taskRuns,
    },
  };
}

/** The first task runs past its own 30s timeout; its child is skipped; finally still runs. */
export function taskTimeoutRun(): Fixture {
  const name = 'release-run';
  const taskRuns = [
    taskRun(name, 'build', {
      timeout: '30s',
      startTimeMs: 0,
      completionTimeMs: 30_000,
      condition: condition(
        'False',
        'TaskRunTimeout',
        'TaskRun "release-run-build" failed to finish within "30s"',
        30_000,
      ),
    }),
    taskRun(name, 'notify', {
      isFinally: true,
      createdAtMs: 30_000,
      startTimeMs: 30_500,
      completionTimeMs: 35_500,
      condition: condition('True', 'Succeeded', 'All Steps have completed executing', 35_500),
    }),
  ];
  return {
    run: {
      metadata: { name, namespace: 'default' },
      spec: {
        pipelineSpec: {
          tasks: [{ name: 'build' }, { name: 'publish', runAfter: ['build'] }],
          finally: [{ name: 'notify' }],
        },
        timeouts: { pipeline: '1h', tasks: '50m' },
      },
    },
    view: {
      pipelineRunName: name,
      namespace: 'default',
      pipelineRun: {
        condition: condition(
          'False',
          'Failed',
          'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
          35_500,
        ),
        startTimeMs: 0,
        completionTimeMs: 35_500,
        finallyStartTimeMs: 30_000,
        skippedTasks: [{ name: 'publish', reason: 'PipelineRun was stopping' }],
        childReferences: childReferences(taskRuns),
        results: [],
      },
      taskRuns,
    },
  };
}

/** The user cancels the run at 20s while `unit` runs; `lint` had already succeeded. */
export function cancelledRun(): Fixture {
  const name = 'nightly-run';
  const cancelMessage = 'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.';
  const taskRuns = [
    taskRun(name, 'lint', {
      startTimeMs: 0,
      completionTimeMs: 5_000,
      condition: condition('True', 'Succeeded', 'All Steps have completed executing', 5_000),
    }),
    taskRun(name, 'unit', {
      createdAtMs: 5_000,
      startTimeMs: 5_000,
      completionTimeMs: 20_000,
      specStatus: 'TaskRunCancelled',
      specStatusMessage: cancelMessage,
      condition: condition(
        'False',
        'TaskRunCancelled',
        `TaskRun "nightly-run-unit" was cancelled. ${cancelMessage}`,
        20_000,
      ),
    }),
  ];
  return {
    run: {
      metadata: { name, namespace: 'default', annotations: { 'example.com/owner': 'qa' } },
      spec: {
        status: 'Cancelled',
        pipelineRef: { name: 'nightly' },
        taskRunTemplate: { serviceAccountName: 'builder' },
      },
    },
    view: {
      pipelineRunName: name,
      namespace: 'default',
      pipelineName: 'nightly',
      pipelineRun: {
        condition: condition(
          'False',
          'Cancelled',
          'PipelineRun "nightly-run" was cancelled',
          20_000,
        ),
        startTimeMs: 0,
        completionTimeMs: 20_000,
        skippedTasks: [],
        childReferences: childReferences(taskRuns),
        results: [],
      },
      taskRuns,
    },
  };
}

/** `e2e` fails twice on a step, then succeeds on its third attempt. */
export function retriedRun(): Fixture {
  const name = 'flaky-run';
  const stepFailed = (atMs: number) =>
    condition('False', 'StepFailed', '"step-run" exited with code 1', atMs);
  const taskRuns = [
    taskRun(name, 'e2e', {
      retries: 2,
      timeout: '10m',
      createdAtMs: 0,
      startTimeMs: 21_000,
      completionTimeMs: 31_000,
      condition: condition('True', 'Succeeded', 'All Steps have completed executing', 31_000),
      retriesStatus: [
        attempt({ startTimeMs: 0, completionTimeMs: 10_000, condition: stepFailed(10_000) }),
        attempt({ startTimeMs: 10_500, completionTimeMs: 20_500, condition: stepFailed(20_500) }),
      ],
    }),
  ];
  return {
    run: {
      metadata: { name, namespace: 'default' },
      spec: { pipelineRef: { name: 'flaky' } },
    },
    view: {
      pipelineRunName: name,
      namespace: 'default',
      pipelineName: 'flaky',
      pipelineRun: {
        condition: condition(
          'True',
          'Succeeded',
          'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0',
          31_000,
        ),
        startTimeMs: 0,
        completionTimeMs: 31_000,
        skippedTasks: [],
        childReferences: childReferences(taskRuns),
        results: [],
      },
      taskRuns,
    },
  };
}

/** A JSON object as the kubectl tests read it back. */
export type Json = Record<string, unknown>;

/** The TaskRun of `pipelineTask` in a `-o json` List, found by Tekton's pipelineTask label. */
export function taskRunOfList(json: string, pipelineTask: string): Json {
  const items = (JSON.parse(json) as { items: Json[] }).items;
  const found = items.find(
    (entry) =>
      entry.kind === 'TaskRun' &&
      ((entry.metadata as Json).labels as Json)['tekton.dev/pipelineTask'] === pipelineTask,
  );
  if (!found) throw new Error(`no TaskRun for ${pipelineTask}`);
  return found;
}
