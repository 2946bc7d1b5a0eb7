// The report as Markdown to paste into a pull request: settings and seed range first, then per
// scenario the outcomes, shares, percentiles with intervals, timeouts and invariants. The
// engine's speed, when given, comes last and apart, since it describes the machine.
import { formatGoDuration } from '../tekton/duration.js';
import { invariantMarkdownLines } from './check-summary.js';
import { partialSentence } from './partial-banner.js';
import type { MetricUnit } from '../check/metric-samples.js';
import type {
  EngineSpeed,
  MetricLine,
  ReportResult,
  ScenarioReport,
} from '../check/report-result.js';
import type { Interval, ShareEstimate } from '../check/statistics.js';

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function formatValue(value: number, unit: MetricUnit): string {
  return unit === 'ms' ? formatGoDuration(Math.round(value)) : String(Number(value.toFixed(3)));
}

const shareCells = (estimate: ShareEstimate) =>
  `${estimate.count} | ${percent(estimate.share)} | ${percent(estimate.interval.low)}..${percent(estimate.interval.high)}`;

const withInterval = (value: number, interval: Interval, unit: MetricUnit) =>
  `${formatValue(value, unit)} (${formatValue(interval.low, unit)}..${formatValue(interval.high, unit)})`;

export function formatReportMarkdown(result: ReportResult, speed?: EngineSpeed): string {
  const lines: string[] = ['# tekton-sim report', ''];
  lines.push(
    `tekton-sim ${result.tool.version}, ${result.scenarios.length} scenario(s), ${result.runs} runs. Intervals are 95%: Wilson for shares, order statistics for percentiles.`,
    '',
    '| Scenario | File | Profile | Seeds | Runs |',
    '|---|---|---|---|---:|',
  );
  for (const scenario of result.scenarios)
    lines.push(
      `| ${cell(scenario.name)} | \`${cell(scenario.file)}\` | ${scenario.profile}${scenario.tektonConfig ? ` (${scenario.tektonConfig.join(', ')})` : ''} | ${scenario.seeds.first}..${scenario.seeds.last} | ${scenario.runs} |`,
    );
  lines.push('');
  if (result.partial) lines.push(`> **Partial result:** ${partialSentence(result.partial)}.`, '');
  for (const scenario of result.scenarios) lines.push(...scenarioSection(scenario));
  lines.push(
    `**${result.violatedInvariants === 0 ? 'every invariant held' : `${result.violatedInvariants} invariant(s) violated`}**`,
  );
  if (speed) lines.push('', ...speedSection(speed));
  return lines.join('\n') + '\n';
}

function scenarioSection(scenario: ScenarioReport): string[] {
  const lines = [`## ${scenario.name}`, ''];
  // With a cluster the outcomes and shares count PipelineRuns, and the headers say so.
  const counted =
    scenario.pipelineRuns === undefined ? ['Runs', 'runs'] : ['PipelineRuns', 'PipelineRuns'];
  if (scenario.pipelineRuns !== undefined)
    lines.push(`${scenario.runs} seeds, ${scenario.pipelineRuns} PipelineRuns.`, '');
  lines.push(
    `| Status | Reason | ${counted[0]} | Share | 95% interval |`,
    '|---|---|---:|---:|---|',
  );
  for (const outcome of scenario.outcomes)
    lines.push(`| ${outcome.status} | ${cell(outcome.reason)} | ${shareCells(outcome)} |`);
  if (scenario.shares.length > 0) {
    lines.push(
      '',
      `| Share of ${counted[1]} where | ${counted[0]} | Share | 95% interval |`,
      '|---|---:|---:|---|',
    );
    for (const share of scenario.shares) lines.push(`| ${share.name} | ${shareCells(share)} |`);
  }
  lines.push(
    '',
    ...metricTable(
      'Metric',
      scenario.metrics.map((line) => [line.name, line]),
    ),
  );
  const taskRows = scenario.tasks.flatMap(({ task, metrics }) =>
    metrics.map((line): [string, MetricLine] => [`${task} ${line.name}`, line]),
  );
  if (taskRows.length > 0) lines.push('', ...metricTable('Task metric', taskRows));
  lines.push('', '| Timeout | Runs hit | Share | 95% interval |', '|---|---:|---:|---|');
  for (const timeout of scenario.timeouts)
    lines.push(`| ${cell(timeout.kind)} | ${shareCells(timeout)} |`);
  lines.push(...invariantMarkdownLines(scenario));
  lines.push('');
  return lines;
}

function metricTable(title: string, rows: readonly [string, MetricLine][]): string[] {
  const lines = [
    `| ${title} | n | p50 | p90 | p95 | p99 | max |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [label, line] of rows) {
    const percentiles = line.percentiles.map((entry) =>
      withInterval(entry.value, entry.interval, line.unit),
    );
    lines.push(
      `| ${cell(label)} | ${line.n} | ${percentiles.join(' | ')} | ${formatValue(line.max, line.unit)} |`,
    );
  }
  return lines;
}

function speedSection(speed: EngineSpeed): string[] {
  const seconds = speed.wallMs / 1000;
  const rate = (count: number) => (seconds > 0 ? Math.round(count / seconds) : 0);
  return [
    '## Engine speed (this machine; not comparable across machines)',
    '',
    `${speed.runs} runs, ${speed.events} events in ${seconds.toFixed(2)} s on ${speed.workers} worker(s): ${rate(speed.runs)} runs/s, ${rate(speed.events)} events/s.`,
  ];
}
