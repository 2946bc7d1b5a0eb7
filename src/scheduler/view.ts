// The Tekton-shaped status of a simulation (status.ts), built once at its end (or at the
// instant `run --at` shows): the PipelineRun's status and every TaskRun in creation order.
import { formatGoDuration } from '../tekton/duration.js';
import { buildSkippedTasks } from './skipped-tasks.js';
import type { TaskRunRecord } from '../model/taskrun.js';
import type { RunState } from './state.js';
import type { Plan, PlanTask } from '../plan/plan.js';
import type {
  DeclaredStepResult,
  ChildReference,
  PipelineRunStatusView,
  RunMetadataSources,
  RunView,
  TaskRunView,
} from '../model/status.js';
import { SUCCEEDED_CONDITION, TaskRunSpecStatus } from '../model/reasons.js';
import { attemptStepsView } from '../taskrun/steps-view.js';
import { taskRunTaskSpecs } from '../taskrun/task-specs.js';
import { prepareFailure } from '../taskrun/lifecycle.js';
import { statusPipelineSpec } from '../plan/status-pipeline-spec.js';
import { substituteString } from '../tekton/substitute.js';
import { referenceResolves, taskResultValue } from './lookup.js';

/**
 * `asOfMs`: the virtual time the view shows, when known (the simulation's end).
 * `writtenStatus`: for a run stopped mid-way on a cluster, the PipelineRun status its last
 * reconcile wrote (null: none has written one yet), which lags what the scheduler decided
 * while that reconcile's calls wait for the rate limiter; undefined: the status as decided.
 */
export function buildRunView(
  state: RunState,
  asOfMs?: number,
  writtenStatus?: PipelineRunStatusView | null,
): RunView {
  const { plan } = state;
  const view: RunView = {
    pipelineRunName: plan.pipelineRunName,
    namespace: plan.namespace,
    pipelineName: plan.pipelineName,
    ...(asOfMs === undefined ? {} : { asOfMs }),
    defaultTimeoutMs: plan.defaultTimeoutMs,
    pipelineRun:
      writtenStatus === undefined
        ? pipelineRunStatusView(state)
        : (writtenStatus ?? {
            statusUnwritten: true,
            condition: state.condition,
            skippedTasks: [],
            childReferences: [],
            results: [],
          }),
    taskRuns: state.taskRuns.map((taskRun) => taskRunView(state, taskRun)),
  };
  Object.defineProperty(view, 'metadataSources', { value: runMetadataSources(plan) });
  return view;
}

// Per Plan, shared by every seed's view.
const metadataSources = new WeakMap<Plan, RunMetadataSources>();

function runMetadataSources(plan: Plan): RunMetadataSources {
  let sources = metadataSources.get(plan);
  if (sources === undefined) {
    sources = {
      rules: plan.profile.metadata,
      managedBy: plan.tektonConfig.defaults.defaultManagedByLabelValue,
      tasks: new Map(plan.tasks.map((task) => [task.name, task.metadataSources])),
    };
    if (plan.pipelineMetadata) sources.pipeline = plan.pipelineMetadata;
    metadataSources.set(plan, sources);
  }
  return sources;
}

/**
 * The PipelineRun's status as the scheduler's state has it now: what the reconcile that
 * decided it writes at its end (GetChildReferences, skippedTasks, the condition).
 */
export function pipelineRunStatusView(state: RunState): PipelineRunStatusView {
  const { plan } = state;
  const childReferences: ChildReference[] = childReferenceOrder(state).map((taskRun) => {
    const task = plan.tasks[taskRun.taskIndex];
    const reference: ChildReference = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      name: taskRun.name,
      pipelineTaskName: task.name,
    };
    const displayName = childDisplayName(task, taskRun, resultsFilledIn(state, task));
    if (displayName) reference.displayName = displayName;
    if (task.when.length > 0)
      reference.whenExpressions = state.resolvedWhen[task.index] ?? task.when;
    return reference;
  });
  const view: PipelineRunStatusView = {
    condition: state.condition,
    startTimeMs: state.startTimeMs,
    completionTimeMs: state.completionTimeMs,
    finallyStartTimeMs: state.finallyStartTimeMs,
    skippedTasks: state.frozenSkippedTasks ?? buildSkippedTasks(state),
    childReferences,
    results: state.results,
  };
  if (state.pipelineSpecWritten) {
    const applied = !plan.startFailure?.beforeParams;
    Object.defineProperty(view, 'pipelineSpec', {
      value: () => statusPipelineSpec(plan, applied),
    });
  }
  return view;
}

/**
 * GetChildReferences walks the reconcile's state: the tasks that had TaskRuns when it began,
 * in spec order (DAG, then finally), then those it created, in spec order; a task's own
 * TaskRuns in creation order. The status shows the last reconcile that wrote it (a hard
 * cancel, say, returns before writing).
 */
function childReferenceOrder(state: RunState): TaskRunRecord[] {
  const written = state.childReferencesWrittenIn;
  const group = (taskRun: TaskRunRecord) =>
    state.createdInReconcile[taskRun.taskIndex] === written ? 1 : 0;
  // A reconcile that failed creating a TaskRun returned before writing them.
  const shown = state.taskRuns.filter(
    (taskRun) => state.createdInReconcile[taskRun.taskIndex] <= written,
  );
  return shown.sort(
    (a, b) => group(a) - group(b) || a.taskIndex - b.taskIndex || a.index - b.index,
  );
}

/**
 * The displayName as ResolvePipelineTask leaves it at every reconcile: ApplyTaskResults fills
 * in the results of the references it resolved, which are those of the task's params, matrix,
 * when and embedded steps (PipelineTaskResultRefs), all or none; a reference written only in
 * the displayName is not among them and stays as written.
 */
function resultsFilledIn(state: RunState, task: PlanTask): string | undefined {
  const written = task.pipelineTask.displayName;
  if (!written || task.resultReferences.length === 0) return written;
  if (!task.resultReferences.every((reference) => referenceResolves(state, reference)))
    return written;
  const resolved = new Set(task.resultReferences.map((ref) => `${ref.task}\u0000${ref.result}`));
  return substituteString(written, {
    taskResult: (producer, result) =>
      resolved.has(`${producer}\u0000${result}`)
        ? taskResultValue(state, producer, result)
        : undefined,
  });
}

/**
 * getDisplayName: the TaskRun's own string params fill `$(params.x)` in the displayName, and
 * every matrix include row with a name whose params all equal the TaskRun's gives its name
 * (so filled), joined by spaces, in place of the displayName.
 */
function childDisplayName(
  task: PlanTask,
  taskRun: TaskRunRecord,
  written: string | undefined,
): string | undefined {
  const replacements = new Map<string, string>();
  for (const param of taskRun.params) {
    if (typeof param.value === 'string') replacements.set(param.name, param.value);
  }
  const fill = (text: string) =>
    text.replace(
      /\$\(params\.([^)]*)\)/g,
      (whole, name: string) => replacements.get(name) ?? whole,
    );
  let displayName = written ? fill(written) : undefined;
  let fromRows = '';
  for (const row of task.pipelineTask.matrix?.include ?? []) {
    if (!row?.name) continue;
    const matches = (row.params ?? []).every(
      (param) =>
        replacements.has(param.name) &&
        (typeof param.value !== 'string' || param.value === replacements.get(param.name)),
    );
    if (matches) fromRows += ` ${fill(row.name)}`;
  }
  if (fromRows.trim() !== '') displayName = fromRows.trim();
  return displayName;
}

// A Plan is shared by every seed: each task's timeout is written out once, not per TaskRun.
const timeoutTexts = new WeakMap<PlanTask, string>();

function timeoutText(task: PlanTask): string {
  let text = timeoutTexts.get(task);
  if (text === undefined) {
    text = formatGoDuration(task.effectiveTimeoutMs);
    timeoutTexts.set(task, text);
  }
  return text;
}

// Per task, shared by every TaskRun of every seed of a Plan.
const stepContainers = new WeakMap<PlanTask, readonly string[]>();
const resultNames = new WeakMap<PlanTask, readonly string[]>();

function stepContainersOf(task: PlanTask): readonly string[] {
  let names = stepContainers.get(task);
  if (names === undefined) {
    names = task.steps.map((step) => step.containerName);
    stepContainers.set(task, names);
  }
  return names;
}

function resultNamesOf(task: PlanTask): readonly string[] {
  let names = resultNames.get(task);
  if (names === undefined) {
    names = (task.taskSpec?.results ?? []).map((result) => result?.name).filter(Boolean);
    resultNames.set(task, names);
  }
  return names;
}

const stepResultSpecs = new WeakMap<PlanTask, readonly (readonly DeclaredStepResult[])[] | null>();

/** The steps' declared results, or undefined when no step declares any. */
function stepResultSpecsOf(task: PlanTask): readonly (readonly DeclaredStepResult[])[] | undefined {
  let specs = stepResultSpecs.get(task);
  if (specs === undefined) {
    const steps = task.taskSpec?.steps ?? [];
    specs = steps.some((step) => (step?.results?.length ?? 0) > 0)
      ? steps.map((step) =>
          (step?.results ?? [])
            .filter((result) => result?.name)
            .map((result) => ({
              name: result.name,
              type: result.type ?? (result.properties ? 'object' : 'string'),
            })),
        )
      : null;
    stepResultSpecs.set(task, specs);
  }
  return specs ?? undefined;
}

const sidecarContainers = new WeakMap<PlanTask, readonly string[]>();

/** Tekton names a sidecar's container `sidecar-<name>`, cut to 63 characters (RestrictLength). */
function sidecarContainersOf(task: PlanTask): readonly string[] {
  let names = sidecarContainers.get(task);
  if (names === undefined) {
    names = (task.opaque ? [] : (task.taskSpec?.sidecars ?? [])).map((sidecar) =>
      `sidecar-${typeof sidecar?.name === 'string' ? sidecar.name : ''}`.slice(0, 63),
    );
    sidecarContainers.set(task, names);
  }
  return names;
}

function taskRunView(state: RunState, taskRun: TaskRunRecord): TaskRunView {
  const task = state.plan.tasks[taskRun.taskIndex];
  // The reconcile that set this attempt's startTime waits to create its pod: it has written
  // neither (a retry still shows ToBeRetried, without startTime; a first attempt, nothing).
  const podCreateDue = taskRun.podCreateDue === true && !taskRun.terminal;
  const view: TaskRunView = {
    name: taskRun.name,
    pipelineTaskName: task.name,
    isFinally: task.isFinally,
    createdAtMs: taskRun.createdAtMs,
    params: taskRun.params,
    // What kubectl shows: when the PipelineRun leaves spec.timeout unset, TaskRun defaulting
    // fills in the default timeout.
    timeout: timeoutText(task),
    retries: taskRun.retries,
    condition: {
      type: SUCCEEDED_CONDITION,
      status: taskRun.terminal ? (taskRun.succeeded ? 'True' : 'False') : 'Unknown',
      reason: taskRun.reason,
      message: taskRun.message,
      lastTransitionTimeMs:
        taskRun.completionTimeMs ?? taskRun.conditionSinceMs ?? taskRun.attemptStartMs,
    },
    startTimeMs: taskRun.startTimeCleared || podCreateDue ? undefined : taskRun.attemptStartMs,
    completionTimeMs: taskRun.completionTimeMs,
    results: taskRun.results,
    retriesStatus: taskRun.retriesStatus,
  };
  if (task.taskRunTaskRef) view.taskRef = task.taskRunTaskRef;
  const steps = attemptStepsView(
    taskRun,
    taskRun.reason,
    taskRun.terminal,
    taskRun.cancelRequestedAtMs ?? taskRun.completionTimeMs,
  );
  if (steps) view.steps = steps;
  if (task.steps.length > 0) {
    view.stepContainers = stepContainersOf(task);
    view.resultNames = resultNamesOf(task);
    const stepResults = stepResultSpecsOf(task);
    if (stepResults) view.stepResultSpecs = stepResults;
  }
  const sidecars = sidecarContainersOf(task);
  if (sidecars.length > 0) view.sidecarContainers = sidecars;
  // Not enumerable: a way to work data out, not data, so views still compare and serialise
  // by their data alone.
  if (!task.opaque && task.taskSpec)
    Object.defineProperty(view, 'taskSpecs', {
      value: (attempt: number) => taskRunTaskSpecs(state.plan, task, taskRun, attempt),
    });
  if (taskRun.cancelledWithoutPod) view.withoutPod = true;
  if (taskRun.beforePrepare) view.beforePrepare = true;
  if (prepareFailure(state.plan, taskRun) !== undefined) view.withoutPod = view.noPods = true;
  if (podCreateDue && taskRun.conditionSinceMs === undefined) view.statusUnwritten = true;
  if (taskRun.cancelStatusMessage !== undefined) {
    view.specStatus = TaskRunSpecStatus.TaskRunCancelled;
    view.specStatusMessage = taskRun.cancelStatusMessage;
  }
  return view;
}
