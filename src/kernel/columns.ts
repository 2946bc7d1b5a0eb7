// A seed the kernel ran, written straight into a scenario store's columns: the same values
// ScenarioStore.ingest keeps from the SeedResult that result.ts builds, with no object in
// between. Which columns exist, and in what order, is decided by the rows seen first (a field
// is made when a row first has it), so a seed whose values need a column (or a task's
// measured field) the store does not have yet returns false, and the caller stores it through
// the SeedResult, which makes the column where the object path would. After the first seeds
// of a chunk every seed is covered.
//
// Seeds are staged as plain doubles, a block of them at a time (staged-rows.ts), and moved
// into the columns one column at a time: a call per value into a column of some width was
// most of the writing. The store holds a staged seed only after flush(), which the caller
// runs before storing anything else and when its seeds are done.
import { PipelineRunReason } from '../model/reasons.js';
import { TIMEOUT_KINDS } from '../check/timeout-kinds.js';
import type { NumberColumn } from '../check/store/column.js';
import type { FieldKind, MetricField } from '../check/store/metric-columns.js';
import type { ScenarioStore } from '../check/store/scenario-store.js';
import { StagedRows } from '../check/store/staged-rows.js';
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
  ['deadlineLagMs', 'number'],
  ['throttledByQuotaMs', 'number'],
  ['throttledByNodeMs', 'number'],
  ['pipelineRunsPerHour', 'number'],
  ['taskRunsPerMinute', 'number'],
  ['utilisation', 'number'],
  ['spanMs', 'number'],
];
const FINALLY_DELAY = 6;
const DEADLINE_LAG = 7;
/** Fields every kernel seed writes 0 to (it models no queue and no quota): filled, not staged. */
const ZERO_FIELDS: ReadonlySet<number> = new Set(
  ['queueWaitMs', 'throttledByQuotaMs'].map((name) =>
    FIELDS.findIndex(([field]) => field === name),
  ),
);

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

/** A timeout kind's bit in the store's timeouts column (its place in TIMEOUT_KINDS); 0 if none. */
function timeoutBit(kind: string): number {
  const index = TIMEOUT_KINDS.findIndex((each) => each.kind === kind);
  return index < 0 ? 0 : 1 << index;
}
const PIPELINERUN_TIMEOUT_BIT = timeoutBit('pipelinerun');
const TASKRUN_TIMEOUT_BIT = timeoutBit('taskrun');

/** Per skip reason of SKIP_TEXT, the bit of the timeout kind its skip counts as (0: none). */
const TIMEOUT_SKIP_BITS: readonly number[] = SKIP_TEXT.map((text) => timeoutBit(`skip: ${text}`));

/** Seeds staged before they are moved into the columns. */
const BLOCK_SEEDS = 256;

// What is the same for every kernel seed (no violation, no finding, the one PipelineRun's name
// and arrival, the fields without a queue or quota, every task present) is not staged: flush()
// fills those rows with one value, a store per row rather than a check and a copy per value.

/** Per seed: the store's seed columns that are staged, in this order. */
const SeedSlot = {
  Status: 0,
  Reason: 1,
  EventCount: 2,
  EndTimeMs: 3,
  Timeouts: 4,
  RowEnd: 5,
} as const;
const SEED_SLOTS = 6;

/** Per row: the row's status and reason, then the metric fields staged, then 4 per task. */
const ROW_SLOTS_BEFORE_METRICS = 2;
const METRIC_SLOTS = FIELDS.flatMap(([, kind], field) =>
  kind === 'list' || ZERO_FIELDS.has(field) ? [] : [field],
);
const LISTS = FIELDS.flatMap(([, kind], field) => (kind === 'list' ? [field] : []));
const TASK_SLOTS_START = ROW_SLOTS_BEFORE_METRICS + METRIC_SLOTS.length;
const TaskSlot = { Outcome: 0, Attempts: 1, DurationMs: 2, SkipReason: 3 } as const;
const SLOTS_PER_TASK = 4;

/** The codes a seed's status and reason take in the store's two string tables. */
interface ConditionCodes {
  status: string;
  reason: string;
  /** In the seeds' table (store.words). */
  seedStatus: number;
  seedReason: number;
  /** In the rows' table (store.rows.words). */
  rowStatus: number;
  rowReason: number;
}

/** The row slot of each metric field (-1 for a list or a field filled with 0). */
const METRIC_SLOT_OF = FIELDS.map((_, field) =>
  METRIC_SLOTS.indexOf(field) < 0 ? -1 : ROW_SLOTS_BEFORE_METRICS + METRIC_SLOTS.indexOf(field),
);

export class KernelColumns {
  private readonly fields: (MetricField | undefined)[] = FIELDS.map(() => undefined);
  private readonly tasks: TaskHandles[];
  /** Seeds written straight into the columns (for tests). */
  written = 0;
  /** String codes of the outcomes (OUTCOMES) and skip reasons (SKIP_TEXT), -1 until first used. */
  private readonly outcomeCodes = OUTCOMES.map(() => -1);
  private readonly skipCodes = SKIP_TEXT.map(() => -1);
  private readonly seeds: StagedRows;
  private readonly rows: StagedRows;
  /** The seeds staged, from the first. */
  private firstSeed = 0;
  /** Every metric field's column is found: covers() looks for none of them again. */
  private fieldsFound = false;
  /** Per task: which of its columns are found (Has bits). */
  private readonly has: Uint8Array;
  /** The codes of each (status, reason) met so far: a handful, looked through in order. */
  private readonly conditionCodes: ConditionCodes[] = [];
  /** The codes of the empty list (store.words) and of the PipelineRun's name (store.rows.words). */
  private emptyCode = -1;
  private nameCode = -1;
  /** One list's row ends for flush(), as setMany takes them. */
  private readonly listEnds = new Float64Array(BLOCK_SEEDS);

  constructor(
    private readonly kernel: Kernel,
    readonly store: ScenarioStore,
  ) {
    this.tasks = kernel.taskNames.map(() => ({
      attemptsMeasured: false,
      durationMeasured: false,
    }));
    this.has = new Uint8Array(kernel.taskCount);
    this.seeds = new StagedRows(SEED_SLOTS, 0, BLOCK_SEEDS);
    this.rows = new StagedRows(
      TASK_SLOTS_START + SLOTS_PER_TASK * kernel.taskCount,
      LISTS.length,
      BLOCK_SEEDS,
    );
  }

  /** Stages the seed just run; false (and nothing staged) when it needs a column not made yet. */
  write(state: KernelState, seed: number, eventCount: number, endTimeMs: number): boolean {
    if (!this.fieldsFound && !this.findFields(state)) return false;
    const { seeds, rows } = this;
    if (seeds.count === BLOCK_SEEDS) this.flush();
    // The tasks first: a task whose column (or whose word's code) is missing leaves the row
    // unstaged, and the seed goes through its SeedResult.
    const skipBits = this.writeTasks(state);
    if (skipBits < 0) return false;
    if (seeds.count === 0) this.firstSeed = seed;
    else if (seed !== this.firstSeed + seeds.count)
      throw new Error(`kernel columns: seed ${seed} after ${this.firstSeed + seeds.count - 1}`);
    const reason = state.conditionReason;
    const codes = this.codesOf(statusText(state), reason);
    rows.put(0, rows.count, codes.rowStatus);
    rows.put(1, rows.count, codes.rowReason);
    this.writeMetrics(state, endTimeMs);
    rows.count++;
    const at = seeds.count;
    seeds.put(SeedSlot.Status, at, codes.seedStatus);
    seeds.put(SeedSlot.Reason, at, codes.seedReason);
    seeds.put(SeedSlot.EventCount, at, eventCount);
    seeds.put(SeedSlot.EndTimeMs, at, endTimeMs);
    seeds.put(
      SeedSlot.Timeouts,
      at,
      (reason === PipelineRunReason.PipelineRunTimeout ? PIPELINERUN_TIMEOUT_BIT : 0) |
        (state.attemptTimedOut ? TASKRUN_TIMEOUT_BIT : 0) |
        skipBits,
    );
    // Filled in by flush(), which knows where the rows start.
    seeds.put(SeedSlot.RowEnd, at, 0);
    seeds.count++;
    this.written++;
    return true;
  }

  /**
   * The codes of the seed's status and reason. The first seed with a pair takes them (with the
   * empty list's and the name's) in the order ingest takes a seed's strings; a later seed with
   * the pair would take no new code, so it looks none up.
   */
  private codesOf(status: string, reason: string): ConditionCodes {
    for (const known of this.conditionCodes)
      if (known.status === status && known.reason === reason) return known;
    const { words, rows } = this.store;
    const seedStatus = words.code(status);
    const seedReason = words.code(reason);
    this.emptyCode = words.code('');
    const rowStatus = rows.words.code(status);
    const rowReason = rows.words.code(reason);
    this.nameCode = rows.words.code(this.kernel.plan.pipelineRunName);
    const codes = { status, reason, seedStatus, seedReason, rowStatus, rowReason };
    this.conditionCodes.push(codes);
    return codes;
  }

  /** Moves the staged seeds into the store's columns, in order. */
  flush(): void {
    const { store, seeds, rows } = this;
    const count = seeds.count;
    if (count === 0) return;
    const firstIndex = store.seeds;
    const firstRow = store.rows.rows;
    for (let at = 0; at < count; at++) {
      store.beginSeed(this.firstSeed + at);
      seeds.put(SeedSlot.RowEnd, at, firstRow + at + 1);
    }
    const seedColumns = [
      store.status,
      store.reason,
      store.eventCount,
      store.endTimeMs,
      store.timeouts,
      store.rowEnd,
    ];
    for (let slot = 0; slot < SEED_SLOTS; slot++)
      seedColumns[slot].setMany(firstIndex, seeds.slot(slot));
    // No violation and no finding: the empty list's code.
    store.violated.fillMany(firstIndex, count, this.emptyCode);
    store.bugs.fillMany(firstIndex, count, this.emptyCode);
    const table = store.rows;
    table.status.setMany(firstRow, rows.slot(0));
    table.reason.setMany(firstRow, rows.slot(1));
    table.name.fillMany(firstRow, count, this.nameCode);
    // No spec.arrivals (the kernel refuses them): the one PipelineRun arrives at 0.
    table.arrivalMs.fillMany(firstRow, count, 0);
    const metrics = table.metrics;
    const listEnds = this.listEnds.subarray(0, count);
    for (let field = 0; field < FIELDS.length; field++) {
      const entry = this.fields[field];
      if (entry === undefined) continue;
      if (METRIC_SLOT_OF[field] >= 0) {
        entry.values.setMany(firstRow, rows.slot(METRIC_SLOT_OF[field]));
        continue;
      }
      if (ZERO_FIELDS.has(field)) {
        entry.values.fillMany(firstRow, count, 0);
        continue;
      }
      // A list: its values after the ones held, then each row's end.
      const list = LISTS.indexOf(field);
      metrics.openList(entry, firstRow);
      const start = entry.values.length;
      entry.values.setMany(start, rows.listValues(list));
      for (let at = 0; at < count; at++) listEnds[at] = start + rows.listEnd(list, at);
      (entry.ends as NumberColumn).setMany(firstRow, listEnds);
    }
    for (let task = 0; task < this.kernel.taskCount; task++) {
      const handles = this.tasks[task];
      const base = TASK_SLOTS_START + SLOTS_PER_TASK * task;
      handles.entry?.present.fillMany(firstRow, count, 1);
      handles.outcome?.setMany(firstRow, rows.slot(base + TaskSlot.Outcome));
      handles.attempts?.setMany(firstRow, rows.slot(base + TaskSlot.Attempts));
      handles.durationMs?.setMany(firstRow, rows.slot(base + TaskSlot.DurationMs));
      handles.skipReason?.setMany(firstRow, rows.slot(base + TaskSlot.SkipReason));
    }
    table.rows += count;
    metrics.rows += count;
    seeds.clear();
    rows.clear();
  }

  /** result.ts metricsRow's values, field by field. */
  private writeMetrics(state: KernelState, endTimeMs: number): void {
    const { kernel, rows } = this;
    const row = rows.count;
    const completedAtMs = completedAtMsOf(state, endTimeMs);
    rows.put(METRIC_SLOT_OF[0], row, completedAtMs - 0);
    rows.put(METRIC_SLOT_OF[1], row, finallyCompletes(kernel, state) ? 1 : 0);
    let createdCount = 0;
    let throttledByNodeMs = 0;
    const { trCreatedAtMs, trReadyAtMs, trPlacedAtMs, trRunningAtMs, trThrottledByNodeMs } = state;
    const taskRunCount = state.taskRunCount;
    // The three lists, a value per TaskRun at most, in the order of LISTS.
    const latencies = rows.listRoom(0, taskRunCount);
    const podWaits = rows.listRoom(1, taskRunCount);
    const podStarts = rows.listRoom(2, taskRunCount);
    let latencyEnd = rows.listLength(0);
    let podWaitEnd = rows.listLength(1);
    let podStartEnd = rows.listLength(2);
    for (let taskRun = 0; taskRun < taskRunCount; taskRun++) {
      const createdAtMs = trCreatedAtMs[taskRun];
      if (Number.isNaN(createdAtMs)) continue;
      createdCount++;
      latencies[latencyEnd++] = createdAtMs - trReadyAtMs[taskRun];
      const placedAtMs = trPlacedAtMs[taskRun];
      if (!Number.isNaN(placedAtMs)) {
        podWaits[podWaitEnd++] = placedAtMs - createdAtMs;
        const runningAtMs = trRunningAtMs[taskRun];
        if (!Number.isNaN(runningAtMs)) podStarts[podStartEnd++] = runningAtMs - placedAtMs;
      }
      throttledByNodeMs += trThrottledByNodeMs[taskRun];
    }
    rows.setListLength(0, latencyEnd);
    rows.setListLength(1, podWaitEnd);
    rows.setListLength(2, podStartEnd);
    rows.endLists(row);
    // NaN: no finally delay, the row leaves the field out.
    rows.put(METRIC_SLOT_OF[FINALLY_DELAY], row, state.finallyDelayMs);
    rows.put(METRIC_SLOT_OF[DEADLINE_LAG], row, state.deadlineLagMs);
    rows.put(METRIC_SLOT_OF[9], row, throttledByNodeMs);
    const spanMs = Math.max(0, completedAtMs) - 0;
    rows.put(METRIC_SLOT_OF[10], row, spanMs > 0 ? (1 * 3_600_000) / spanMs : 0);
    rows.put(METRIC_SLOT_OF[11], row, spanMs > 0 ? (createdCount * 60_000) / spanMs : 0);
    rows.put(METRIC_SLOT_OF[12], row, utilisation(kernel, state, 0, Math.max(0, completedAtMs)));
    rows.put(METRIC_SLOT_OF[13], row, spanMs);
  }

  /**
   * Stages each task's outcome, attempts, duration and skip reason, and returns the timeout-skip
   * bits; -1, with the row's task values left out again, when a task lacks a column this seed
   * writes to (looking again for those missing) or its outcome's or skip reason's word has no
   * code yet: ingest then takes the seed, and with it the codes, in the order it meets them.
   */
  private writeTasks(state: KernelState): number {
    const rows = this.rows;
    const row = rows.count;
    const { taskRunOf, trAttempt, trEnding, trCompletionMs, trCreatedAtMs, taskState, shownSkip } =
      state;
    const has = this.has;
    let bits = 0;
    for (let task = 0; task < this.kernel.taskCount; task++) {
      const base = TASK_SLOTS_START + SLOTS_PER_TASK * task;
      const taskRun = taskRunOf[task];
      let needs: number = Has.Task;
      let outcome: Outcome = Outcome.NotRun;
      let attempts = 0;
      let durationMs = Number.NaN;
      if (taskRun >= 0) {
        needs |= Has.Attempts;
        attempts = trAttempt[taskRun] + 1;
        outcome = trEnding[taskRun] === Ending.Succeeded ? Outcome.Succeeded : Outcome.Failed;
        const completionMs = trCompletionMs[taskRun];
        if (!Number.isNaN(completionMs)) {
          needs |= Has.Duration;
          durationMs = Math.max(0, completionMs - trCreatedAtMs[taskRun]);
        }
      }
      const skip = taskState[task] === Task.Skipped ? shownSkip[task] : Skip.None;
      if (skip !== Skip.None) {
        needs |= Has.SkipReason;
        if (attempts === 0) outcome = Outcome.Skipped;
      }
      if (
        ((needs & ~has[task]) !== 0 && !this.findTask(task, needs)) ||
        (this.outcomeCodes[outcome] < 0 && !this.findCode(this.outcomeCodes, OUTCOMES, outcome)) ||
        (skip !== Skip.None &&
          this.skipCodes[skip] < 0 &&
          !this.findCode(this.skipCodes, SKIP_TEXT, skip))
      ) {
        this.unstageTasks(row, task);
        return -1;
      }
      rows.put(base + TaskSlot.Outcome, row, this.outcomeCodes[outcome]);
      rows.put(base + TaskSlot.Attempts, row, attempts);
      // NaN: no duration, the value left out.
      rows.put(base + TaskSlot.DurationMs, row, durationMs);
      if (skip !== Skip.None) {
        rows.put(base + TaskSlot.SkipReason, row, this.skipCodes[skip]);
        bits |= TIMEOUT_SKIP_BITS[skip];
      }
    }
    return bits;
  }

  /** The row's values of the tasks before `task` left out again. */
  private unstageTasks(row: number, task: number): void {
    for (let slot = TASK_SLOTS_START; slot < TASK_SLOTS_START + SLOTS_PER_TASK * task; slot++)
      this.rows.put(slot, row, Number.NaN);
  }

  /** Whether the task's columns now cover `needs` (Has bits), looking again for those missing. */
  private findTask(task: number, needs: number): boolean {
    const handles = this.tasks[task];
    if (!this.find(handles, this.kernel.taskNames[task], this.store.rows.tasks)) return false;
    this.has[task] = hasBits(handles);
    return (needs & ~this.has[task]) === 0;
  }

  /** Whether `texts[which]` has a code in the tasks' words yet; found, it is kept in `codes`. */
  private findCode(codes: number[], texts: readonly string[], which: number): boolean {
    codes[which] = this.store.rows.tasks.strings.find(texts[which]);
    return codes[which] >= 0;
  }

  /** Finds the metric fields' columns; false when one this seed needs does not exist yet. */
  private findFields(state: KernelState): boolean {
    const metrics = this.store.rows.metrics;
    let all = true;
    for (let at = 0; at < FIELDS.length; at++) {
      if (this.fields[at] !== undefined) continue;
      const found = metrics.field(FIELDS[at][0]);
      if (found === undefined || found.kind !== FIELDS[at][1]) {
        // A seed without a finally delay (or without a deadline passed) writes nothing there.
        if (
          (at === FINALLY_DELAY && Number.isNaN(state.finallyDelayMs)) ||
          (at === DEADLINE_LAG && Number.isNaN(state.deadlineLagMs))
        ) {
          all = false;
          continue;
        }
        return false;
      }
      this.fields[at] = found;
    }
    this.fieldsFound = all;
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

/** Which of a task's columns a seed may need are found. */
const Has = { Task: 1, Attempts: 2, Duration: 4, SkipReason: 8 } as const;

/** The Has bits of a task's handles: attempts and duration count once they are measured fields too. */
function hasBits(handles: TaskHandles): number {
  let bits = 0;
  if (
    handles.entry !== undefined &&
    handles.outcome !== undefined &&
    handles.attempts !== undefined
  )
    bits |= Has.Task;
  if (handles.attemptsMeasured) bits |= Has.Attempts;
  if (handles.durationMs !== undefined && handles.durationMeasured) bits |= Has.Duration;
  if (handles.skipReason !== undefined) bits |= Has.SkipReason;
  return bits;
}
