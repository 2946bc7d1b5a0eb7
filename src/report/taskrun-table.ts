// A standalone TaskRun as a `tkn taskrun describe`-style text table: its header (name,
// namespace, Task, timeout, status and times, offsets from its creation as table.ts shows a
// PipelineRun's), its attempts when it was retried, and its condition in full.
import type { RunView } from '../model/status.js';
import {
  alignColumns,
  attemptsText,
  conditionLine,
  durationText,
  formatConditionStatus,
  optionalOffset,
  type RunTableOptions,
} from './table.js';

const NOT_AVAILABLE = '---';
const BULLET = '∙ ';

export function formatTaskRunTable(
  view: RunView,
  taskRef: string | undefined,
  timeout: string,
  options: RunTableOptions = {},
): string {
  const color = options.color ?? false;
  const sections: string[] = [];
  for (const taskRun of view.taskRuns) {
    const rows: string[][] = [
      ['Name:', taskRun.name],
      ['Namespace:', view.namespace],
    ];
    if (taskRef !== undefined) rows.push(['Task Ref:', taskRef]);
    rows.push(
      ['Timeout:', timeout],
      [
        'Status:',
        (taskRun.statusUnwritten
          ? NOT_AVAILABLE
          : formatConditionStatus(taskRun.condition, color)) + attemptsText(taskRun),
      ],
      ['Started:', optionalOffset(taskRun.startTimeMs)],
      ['Duration:', durationText(taskRun.startTimeMs, taskRun.completionTimeMs)],
      ['Finished:', optionalOffset(taskRun.completionTimeMs)],
    );
    sections.push(alignColumns(rows, '').join('\n'));
    if (taskRun.retriesStatus.length > 0) {
      const attempts = taskRun.retriesStatus.map((attempt, index) => [
        `${BULLET}${index}`,
        optionalOffset(attempt.startTimeMs),
        durationText(attempt.startTimeMs, attempt.completionTimeMs),
        formatConditionStatus(attempt.condition, color),
      ]);
      const header = ['RETRY', 'STARTED', 'DURATION', 'STATUS'];
      sections.push(['Retries', '', ...alignColumns([header, ...attempts], ' ')].join('\n'));
    }
    if (!taskRun.statusUnwritten) sections.push(conditionLine(taskRun.condition));
  }
  return sections.join('\n\n') + '\n';
}
