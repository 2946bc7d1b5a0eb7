// A seed the kernel ran, written straight into a scenario store's columns: the same values
// ScenarioStore.ingest keeps from the SeedResult that result.ts builds, with no object in
// between. Which columns exist, and in what order, is decided by the rows seen first (a field
// is made when a row first has it), so a seed whose values need a column (or a task's
// measured field) the store does not have yet returns false, and the caller stores it through
// the SeedResult, which makes the column where the object path would. After the first seeds
// of a chunk every seed is covered.
import { PipelineRunReason, SkipReason } from '../model/reasons.js';
import type { NumberColumn } from '../check/store/column.js';
import type { FieldKind, MetricField } from '../check/store/metric-columns.js';
import type { ScenarioStore } from '../check/store/scenario-store.js';
import { TaskColumns, type TaskEntry } from '../check/store/task-columns.js';
import type { Kernel } from './compile.js';
import { completedAtMsOf, finallyCompletes, SKIP_TEXT, statusText, utilisation } from './result.js';
import { Ending, Skip, Task, type KernelState } from './state.js';

/** The metric row's fields in the order check/metric-samples.ts visits result.ts's row. */
const FIELDS: readonly (readonly [string, FieldKind])[] = [
  ['makespanMs', 'number'],
  ['finallyCompletes', 'flag'],
  ['queueWaitMs', 'number'],
  ['schedulingLatencyMs', 'list'],
  ['podWaitMs', 'list'],
  ['podStartMs', 'list'],
  ['finallyDelayMs', 'number'],
  ['throttledByQuotaMs', 'number'],
  ['throttledByNodeMs', 'number'],
  ['pipelineRunsPerHour', 'number'],
  ['taskRunsPerMinute', 'number'],
  ['utilisation', 'number'],
  ['spanMs', 'number'],
];
const FINALLY_DELAY = 6;

/** A task's columns, found once they exist. */
interface TaskHandles {
  entry?: TaskEntry;
  outcome?: NumberColumn;
  attempts?: NumberColumn;
  durationMs?: NumberColumn;
  skipReason?: NumberColumn;
  /** Whether attempts and durationMs are among the task's measured fields yet. */
  attemptsMeasured: boolean;
  durationMeasured: boolean;
}

/** A task's outcome in its metric row (check/metrics.ts TaskMetrics), as indexes into OUTCOMES. */
const Outcome = { NotRun: 0, Succeeded: 1, Failed: 2, Skipped: 3 } as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];
const OUTCOMES: readonly string[] = ['NotRun', 'Succeeded', 'Failed', 'Skipped'];

/** Skip reasons whose skip counts as a timeout kind (check/timeout-kinds.ts), by bit. */
const TIMEOUT_SKIP_BITS: readonly number[] = SKIP_TEXT.map((text) =>
  text === SkipReason.PipelineTimedOut
    ? 1 << 2
    : text === SkipReason.TasksTimedOut
      ? 1 << 3
      : text === SkipReason.FinallyTimedOut
        ? 1 << 4
        : 0,
);

export class KernelColumns {
  private readonly fields: (MetricField | undefined)[] = FIELDS.map(() => undefined);
  private readonly tasks: TaskHandles[];
  /** Seeds written straight into the columns (for tests). */
  written = 0;
  /** String codes of the outcomes (OUTCOMES) and skip reasons (SKIP_TEXT), -1 until first used. */
  private readonly outcomeCodes = OUTCOMES.map(() => -1);
  private readonly skipCodes = SKIP_TEXT.map(() => -1);

  constructor(
    private readonly kernel: Kernel,
    readonly store: ScenarioStore,
  ) {
    this.tasks = kernel.taskNames.map(() => ({
      attemptsMeasured: false,
      durationMeasured: false,
    }));
  }

  /** Writes the seed just run; false (and nothing written) when it needs a column not made yet. */
  write(state: KernelState, seed: number, eventCount: number, endTimeMs: number): boolean {
    if (!this.covers(state)) return false;
    const { store, kernel } = this;
    const status = statusText(state);
    const reason = state.conditionReason;
    const index = store.beginSeed(seed);
    store.status.set(index, store.words.code(status));
    store.reason.set(index, store.words.code(reason));
    store.eventCount.set(index, eventCount);
    store.endTimeMs.set(index, endTimeMs);
    // No violation and no finding: the empty lists' code.
    store.violated.set(index, store.words.code(''));
    store.bugs.set(index, store.words.code(''));
    const rows = store.rows;
    const row = rows.rows++;
    rows.status.set(row, rows.words.code(status));
    rows.reason.set(row, rows.words.code(reason));
    rows.name.set(row, rows.words.code(kernel.plan.pipelineRunName));
    rows.arrivalMs.set(row, 0);
    this.writeMetrics(state, row, endTimeMs);
    const skipBits = this.writeTasks(state, row);
    store.timeouts.set(index, (reason === PipelineRunReason.PipelineRunTimeout ? 1 : 0) | skipBits);
    store.rowEnd.set(index, rows.rows);
    this.written++;
    return true;
  }

  /** result.ts metricsRow's values, field by field. */
  private writeMetrics(state: KernelState, row: number, endTimeMs: number): void {
    const { kernel, fields } = this;
    const metrics = this.store.rows.metrics;
    metrics.rows++;
    const completedAtMs = completedAtMsOf(state, endTimeMs);
    (fields[0] as MetricField).values.set(row, completedAtMs - 0);
    (fields[1] as MetricField).values.set(row, finallyCompletes(kernel, state) ? 1 : 0);
    (fields[2] as MetricField).values.set(row, 0);
    const latency = fields[3] as MetricField;
    const podWait = fields[4] as MetricField;
    const podStart = fields[5] as MetricField;
    metrics.openList(latency, row);
    metrics.openList(podWait, row);
    metrics.openList(podStart, row);
    let createdCount = 0;
    let throttledByNodeMs = 0;
    for (let taskRun = 0; taskRun < state.taskRunCount; taskRun++) {
      const createdAtMs = state.trCreatedAtMs[taskRun];
      if (Number.isNaN(createdAtMs)) continue;
      createdCount++;
      latency.values.push(createdAtMs - state.trReadyAtMs[taskRun]);
      const placedAtMs = state.trPlacedAtMs[taskRun];
      if (!Number.isNaN(placedAtMs)) {
        podWait.values.push(placedAtMs - createdAtMs);
        if (!Number.isNaN(state.trRunningAtMs[taskRun]))
          podStart.values.push(state.trRunningAtMs[taskRun] - placedAtMs);
      }
      throttledByNodeMs += state.trThrottledByNodeMs[taskRun];
    }
    metrics.closeList(latency, row);
    metrics.closeList(podWait, row);
    metrics.closeList(podStart, row);
    if (!Number.isNaN(state.finallyDelayMs))
      (fields[FINALLY_DELAY] as MetricField).values.set(row, state.finallyDelayMs);
    (fields[7] as MetricField).values.set(row, 0);
    (fields[8] as MetricField).values.set(row, throttledByNodeMs);
    const spanMs = Math.max(0, completedAtMs) - 0;
    (fields[9] as MetricField).values.set(row, spanMs > 0 ? (1 * 3_600_000) / spanMs : 0);
    (fields[10] as MetricField).values.set(row, spanMs > 0 ? (createdCount * 60_000) / spanMs : 0);
    (fields[11] as MetricField).values.set(
      row,
      utilisation(kernel, state, 0, Math.max(0, completedAtMs)),
    );
    (fields[12] as MetricField).values.set(row, spanMs);
  }

  /** Each task's outcome, attempts, duration and skip reason; returns the timeout-skip bits. */
  private writeTasks(state: KernelState, row: number): number {
    const strings = this.store.rows.tasks.strings;
    let bits = 0;
    for (let task = 0; task < this.kernel.taskCount; task++) {
      const handles = this.tasks[task];
      (handles.entry as TaskEntry).present.set(row, 1);
      const taskRun = state.taskRunOf[task];
      let outcome: Outcome = Outcome.NotRun;
      let attempts = 0;
      if (taskRun >= 0) {
        attempts = state.trAttempt[taskRun] + 1;
        outcome = state.trEnding[taskRun] === Ending.Succeeded ? Outcome.Succeeded : Outcome.Failed;
      }
      const skip = shownSkip(state, task);
      if (skip !== Skip.None && attempts === 0) outcome = Outcome.Skipped;
      // A code is taken the first time its text is met, in the order the object path meets them.
      if (this.outcomeCodes[outcome] < 0)
        this.outcomeCodes[outcome] = strings.code(OUTCOMES[outcome]);
      (handles.outcome as NumberColumn).set(row, this.outcomeCodes[outcome]);
      (handles.attempts as NumberColumn).set(row, attempts);
      if (taskRun >= 0) {
        const completionMs = state.trCompletionMs[taskRun];
        if (!Number.isNaN(completionMs))
          (handles.durationMs as NumberColumn).set(
            row,
            Math.max(0, completionMs - state.trCreatedAtMs[taskRun]),
          );
      }
      if (skip !== Skip.None) {
        if (this.skipCodes[skip] < 0) this.skipCodes[skip] = strings.code(SKIP_TEXT[skip]);
        (handles.skipReason as NumberColumn).set(row, this.skipCodes[skip]);
        bits |= TIMEOUT_SKIP_BITS[skip];
      }
    }
    return bits;
  }

  /** Whether every column the seed's values go to exists (looking again for those missing). */
  private covers(state: KernelState): boolean {
    const metrics = this.store.rows.metrics;
    for (let at = 0; at < FIELDS.length; at++) {
      if (this.fields[at] !== undefined) continue;
      if (at === FINALLY_DELAY && Number.isNaN(state.finallyDelayMs)) continue;
      const found = metrics.field(FIELDS[at][0]);
      if (found === undefined || found.kind !== FIELDS[at][1]) return false;
      this.fields[at] = found;
    }
    const columns = this.store.rows.tasks;
    for (let task = 0; task < this.kernel.taskCount; task++) {
      const handles = this.tasks[task];
      const taskRun = state.taskRunOf[task];
      const ran = taskRun >= 0;
      const hasDuration = ran && !Number.isNaN(state.trCompletionMs[taskRun]);
      const hasSkip = shownSkip(state, task) !== Skip.None;
      if (
        handles.entry !== undefined &&
        handles.outcome !== undefined &&
        handles.attempts !== undefined &&
        (!hasDuration || handles.durationMs !== undefined) &&
        (!hasSkip || handles.skipReason !== undefined) &&
        (!ran || (handles.attemptsMeasured && (!hasDuration || handles.durationMeasured)))
      )
        continue;
      if (!this.find(handles, this.kernel.taskNames[task], columns)) return false;
      if (handles.outcome === undefined || handles.attempts === undefined) return false;
      if (hasDuration && handles.durationMs === undefined) return false;
      if (hasSkip && handles.skipReason === undefined) return false;
      if (ran && !(handles.attemptsMeasured && (!hasDuration || handles.durationMeasured)))
        return false;
    }
    return true;
  }

  /** Fills in the task's handles that now exist; false when the task has no columns yet. */
  private find(handles: TaskHandles, name: string, columns: TaskColumns): boolean {
    const entry = columns.task(name);
    if (entry === undefined) return false;
    handles.entry = entry;
    const column = (field: string, kind: 'number' | 'string') => {
      const found = TaskColumns.field(entry, field);
      return found?.kind === kind ? found.values : undefined;
    };
    handles.outcome ??= column('outcome', 'string');
    handles.attempts ??= column('attempts', 'number');
    handles.durationMs ??= column('durationMs', 'number');
    handles.skipReason ??= column('skipReason', 'string');
    handles.attemptsMeasured ||= entry.measured.includes('attempts');
    handles.durationMeasured ||= entry.measured.includes('durationMs');
    return true;
  }
}

/** The skip reason status.skippedTasks shows for the task, as result.ts reads it. */
function shownSkip(state: KernelState, task: number): number {
  return state.taskState[task] === Task.Skipped ? state.shownSkip[task] : Skip.None;
}
