// The report as one self-contained HTML file: the Markdown report's tables and the charts as
// inline SVG rendered now, with no script, no stylesheet link and no font to fetch, so it opens
// offline and from an artifact store. Each chart's figure carries the number of marks its data
// should draw, for the browser test.
import { formatGoDuration } from '../tekton/duration.js';
import { outcomeChart, renderChartSvg, scenarioCharts, type Chart } from './charts.js';
import { partialSentence } from './partial-banner.js';
import { formatValue, percent } from './report-markdown.js';
import type { PartialRun } from '../check/partial-run.js';
import type {
  EngineSpeed,
  MetricLine,
  ReportResult,
  ScenarioReport,
} from '../check/report-result.js';
import type { ShareEstimate } from '../check/statistics.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.6em 0 1.2em}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}td.n{text-align:right;white-space:nowrap}th{background:#f3f3f3}code{font-size:90%}
figure{margin:1em 1.5em 1em 0;display:inline-block;vertical-align:top}figcaption{font-weight:600;margin-bottom:.3em}
.violated{color:#b00;font-weight:600}.note{color:#666}`;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => `<td${/^[0-9]/.test(cell) ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

const shareCells = (estimate: ShareEstimate) => [
  String(estimate.count),
  percent(estimate.share),
  `${percent(estimate.interval.low)}..${percent(estimate.interval.high)}`,
];

function metricRows(rows: readonly [string, MetricLine][]): string[][] {
  return rows.map(([label, line]) => [
    label,
    String(line.n),
    ...line.percentiles.map(
      (entry) =>
        `${formatValue(entry.value, line.unit)} (${formatValue(entry.interval.low, line.unit)}..${formatValue(entry.interval.high, line.unit)})`,
    ),
    formatValue(line.max, line.unit),
  ]);
}

async function figure(chart: Chart): Promise<string> {
  const svg = await renderChartSvg(chart);
  return `<figure data-chart="${escapeHtml(chart.id)}" data-expected-marks="${chart.expectedMarks}"><figcaption>${escapeHtml(chart.title)}</figcaption>\n${svg}\n</figure>`;
}

async function scenarioSection(scenario: ScenarioReport, index: number): Promise<string> {
  const parts = [`<h2>${escapeHtml(scenario.name)}</h2>`];
  parts.push(
    `<p><code>${escapeHtml(scenario.file)}</code>, profile ${escapeHtml(scenario.profile)}${scenario.tektonConfig ? `, Tekton config ${escapeHtml(scenario.tektonConfig.join(', '))}` : ''}, seeds ${scenario.seeds.first}..${scenario.seeds.last}, ${scenario.runs} runs${scenario.pipelineRuns === undefined ? '' : ` (${scenario.pipelineRuns} PipelineRuns)`}.</p>`,
  );
  // With a cluster the outcomes and shares count PipelineRuns, and the headers say so.
  const counted = scenario.pipelineRuns === undefined ? 'Runs' : 'PipelineRuns';
  parts.push(
    table(
      ['Status', 'Reason', counted, 'Share', '95% interval'],
      scenario.outcomes.map((outcome) => [outcome.status, outcome.reason, ...shareCells(outcome)]),
    ),
  );
  if (scenario.shares.length > 0)
    parts.push(
      table(
        [
          `Share of ${counted === 'Runs' ? 'runs' : counted} where`,
          counted,
          'Share',
          '95% interval',
        ],
        scenario.shares.map((share) => [share.name, ...shareCells(share)]),
      ),
    );
  // The pictures before the detailed tables: they are what a reader looks at first.
  for (const chart of scenarioCharts(scenario, index)) parts.push(await figure(chart));
  const header = ['n', 'p50', 'p90', 'p95', 'p99', 'max'];
  parts.push(
    table(['Metric', ...header], metricRows(scenario.metrics.map((line) => [line.name, line]))),
  );
  const taskRows = scenario.tasks.flatMap(({ task, metrics }) =>
    metrics.map((line): [string, MetricLine] => [`${task} ${line.name}`, line]),
  );
  if (taskRows.length > 0) parts.push(table(['Task metric', ...header], metricRows(taskRows)));
  parts.push(
    table(
      ['Timeout', 'Runs hit', 'Share', '95% interval'],
      scenario.timeouts.map((timeout) => [timeout.kind, ...shareCells(timeout)]),
    ),
  );
  parts.push(
    table(
      ['Invariant', 'Result', 'Runs violating'],
      scenario.invariants.map((line) => [
        line.name,
        line.held ? 'held' : 'VIOLATED',
        String(line.violatedRuns),
      ]),
    ),
  );
  for (const line of scenario.invariants.filter((invariant) => !invariant.held))
    for (const example of line.examples)
      parts.push(
        `<p class="violated">${escapeHtml(line.name)}, seed ${example.seed}: ${escapeHtml(example.message)}<br><code>${escapeHtml(example.replay)}</code></p>`,
      );
  return parts.join('\n');
}

/** The banner of a partial result, in the colour of a violation so that it is not missed. */
export function partialHtml(partial: PartialRun | undefined): string[] {
  return partial
    ? [
        `<p style="color:#b00;font-weight:600">Partial result: ${escapeHtml(partialSentence(partial))}.</p>`,
      ]
    : [];
}

export async function formatReportHtml(result: ReportResult, speed?: EngineSpeed): Promise<string> {
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>tekton-sim report</title><style>${STYLE}</style></head><body>`,
    '<h1>tekton-sim report</h1>',
    `<p>tekton-sim ${escapeHtml(result.tool.version)}, ${result.scenarios.length} scenario(s), ${result.runs} runs. Intervals are 95%: Wilson for shares, order statistics for percentiles.</p>`,
    ...partialHtml(result.partial),
    table(
      ['Scenario', 'File', 'Profile', 'Seeds', 'Runs'],
      result.scenarios.map((scenario) => [
        scenario.name,
        scenario.file,
        scenario.profile,
        `${scenario.seeds.first}..${scenario.seeds.last}`,
        String(scenario.runs),
      ]),
    ),
    await figure(outcomeChart(result)),
  ];
  for (const [index, scenario] of result.scenarios.entries())
    parts.push(await scenarioSection(scenario, index));
  parts.push(
    `<p><strong>${result.violatedInvariants === 0 ? 'every invariant held' : `${result.violatedInvariants} invariant(s) violated`}</strong></p>`,
  );
  if (speed)
    parts.push(
      `<p class="note">Engine speed on this machine: ${speed.runs} runs, ${speed.events} events in ${formatGoDuration(Math.round(speed.wallMs))} on ${speed.workers} worker(s).</p>`,
    );
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}
