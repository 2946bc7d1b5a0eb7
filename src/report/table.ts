// A simulated PipelineRun as a `tkn pipelinerun describe`-style text table.
//
// Differences from tkn, each on purpose:
// - Times are offsets from the run's epoch (virtual time 0, when the PipelineRun was created,
//   which is also its start unless it sat pending) instead of "2 minutes ago": a simulation
//   has no "now", and one origin for every column keeps the numbers comparable.
// - TaskRuns are listed in creation order. tkn sorts them newest start first, because on a
//   live cluster the newest is what you are watching; here the run is over, a timeline reads
//   top to bottom, and tkn's unstable sort would break byte-identical output on ties.
// - Bullets are always drawn; tkn drops them along with colour. Colour is opt-in here.
import type { RunView, SucceededCondition, TaskRunView } from '../model/status.js';
import { formatCompactDuration, formatOffset } from './time.js';

export interface RunTableOptions {
  /** Colour status words with ANSI codes, in tkn's palette. */
  color?: boolean;
}

/** tkn pads each column to its widest cell plus three spaces (tabwriter padding 3). */
const COLUMN_GAP = 3;
const BULLET = '∙ ';
const NOT_AVAILABLE = '---';

/** tkn's colours (fatih/color "hi-intensity" foregrounds) for the status word. */
const STATUS_COLORS: Record<string, number> = {
  Failed: 91,
  Succeeded: 92,
  Running: 94,
  Cancelled: 93,
  Pending: 94,
};

export function formatRunTable(view: RunView, options: RunTableOptions = {}): string {
  const color = options.color ?? false;
  const sections = [headerSection(view, color)];
  if (view.taskRuns.length > 0) sections.push(taskRunsSection(view.taskRuns, color));
  if (view.pipelineRun.skippedTasks.length > 0) sections.push(skippedSection(view));
  // A run no reconcile has reached yet has no condition to show.
  if (!view.pipelineRun.statusUnwritten) sections.push(conditionLine(view.pipelineRun.condition));
  return sections.join('\n\n') + '\n';
}

function headerSection(view: RunView, color: boolean): string {
  const status = view.pipelineRun;
  const rows: string[][] = [
    ['Name:', view.pipelineRunName],
    ['Namespace:', view.namespace],
  ];
  if (view.pipelineName !== undefined) rows.push(['Pipeline Ref:', view.pipelineName]);
  rows.push(
    [
      'Status:',
      status.statusUnwritten ? NOT_AVAILABLE : formatConditionStatus(status.condition, color),
    ],
    ['Started:', optionalOffset(status.startTimeMs)],
    ['Duration:', durationText(status.startTimeMs, status.completionTimeMs)],
    ['Finished:', optionalOffset(status.completionTimeMs)],
  );
  return alignColumns(rows, '').join('\n');
}

/** STARTED and DURATION are the current attempt's, as tkn reads them off status. */
function taskRunsSection(taskRuns: TaskRunView[], color: boolean): string {
  const rows = taskRuns.map((taskRun) => [
    BULLET + taskRun.name,
    taskRun.pipelineTaskName,
    optionalOffset(taskRun.startTimeMs),
    durationText(taskRun.startTimeMs, taskRun.completionTimeMs),
    (taskRun.statusUnwritten ? NOT_AVAILABLE : formatConditionStatus(taskRun.condition, color)) +
      attemptsText(taskRun),
  ]);
  const header = ['NAME', 'TASK NAME', 'STARTED', 'DURATION', 'STATUS'];
  return ['TaskRuns', '', ...alignColumns([header, ...rows], ' ')].join('\n');
}

function skippedSection(view: RunView): string {
  const rows = view.pipelineRun.skippedTasks.map((skipped) => [
    BULLET + skipped.name,
    skipped.reason,
  ]);
  return ['Skipped Tasks', '', ...alignColumns([['NAME', 'REASON'], ...rows], ' ')].join('\n');
}

/** The PipelineRun's condition in full, as `kubectl describe` shows conditions. */
export function conditionLine(condition: SucceededCondition): string {
  let line = `Succeeded: ${condition.status}  Reason: ${condition.reason}`;
  if (condition.message !== '') line += `  Message: ${condition.message}`;
  return line;
}

/**
 * tkn's status cell: the condition as a word (True: Succeeded, False: Failed, Unknown:
 * Running) with the reason in parentheses when it says something the word does not.
 * Cancellation reasons read as Cancelled, stopping as Failed, and a pod that cannot be
 * placed as Pending, whatever the condition's status.
 */
export function formatConditionStatus(condition: SucceededCondition, color: boolean): string {
  const word =
    condition.status === 'True' ? 'Succeeded' : condition.status === 'False' ? 'Failed' : 'Running';
  const reason = condition.reason;
  if (reason === '' || reason === word) return paint(word, color);
  return paint(displayWordFor(reason) ?? word, color) + `(${reason})`;
}

function displayWordFor(reason: string): string | undefined {
  switch (reason) {
    case 'Cancelled':
    case 'PipelineRunCancelled':
    case 'TaskRunCancelled':
      return 'Cancelled';
    case 'PipelineRunStopping':
    case 'TaskRunStopping':
      return 'Failed';
    case 'CreateContainerConfigError':
    case 'ExceededNodeResources':
    case 'ExceededResourceQuota':
    case 'TaskRunPending':
      return 'Pending';
    default:
      return undefined;
  }
}

/** Retries are invisible in tkn; a simulator's reader needs to see them. */
export function attemptsText(taskRun: TaskRunView): string {
  const attempts = taskRun.retriesStatus.length + 1;
  return attempts > 1 ? ` (attempts: ${attempts})` : '';
}

function paint(word: string, color: boolean): string {
  const code = STATUS_COLORS[word];
  return color && code !== undefined ? `\u001b[${code}m${word}\u001b[0m` : word;
}

export function optionalOffset(virtualMs: number | undefined): string {
  return virtualMs === undefined ? NOT_AVAILABLE : formatOffset(virtualMs);
}

export function durationText(startMs: number | undefined, endMs: number | undefined): string {
  if (startMs === undefined || endMs === undefined) return NOT_AVAILABLE;
  return formatCompactDuration(endMs - startMs);
}

/**
 * Pads every cell but the last of each row to its column's widest cell plus the gap, as Go's
 * tabwriter does for tkn. Width counts code points with colour codes removed, so `∙` is one
 * column and coloured cells line up with plain ones.
 */
export function alignColumns(rows: string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, visibleWidth(cell));
    });
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cell
            : cell + ' '.repeat(widths[column] - visibleWidth(cell) + COLUMN_GAP),
        )
        .join(''),
  );
}

function visibleWidth(text: string): number {
  return Array.from(text.replace(/\u001b\[[0-9;]*m/g, '')).length;
}
