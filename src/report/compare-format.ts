// A comparison (check/compare-result.ts) as Markdown, JSON and self-contained HTML: per metric
// A, B, the paired difference B - A with its 95% interval and a verdict; outcome shares side by
// side with McNemar's test; the seeds whose outcome changed, each with both replay commands.
import type { CompareResult, MetricComparison } from '../check/compare-result.js';
import { partialSentence } from './partial-banner.js';
import { escapeHtml, partialHtml } from './report-html.js';
import { formatValue, percent } from './report-markdown.js';
import { toJsonText } from './serialize.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function show(value: number, unit: MetricComparison['unit']): string {
  if (unit === 'share') return percent(value);
  return formatValue(value, unit);
}

function signed(value: number, unit: MetricComparison['unit']): string {
  const text = unit === 'share' ? `${(value * 100).toFixed(1)} pt` : show(Math.abs(value), unit);
  if (unit === 'share') return value > 0 ? `+${text}` : text;
  return `${value < 0 ? '-' : value > 0 ? '+' : ''}${text}`;
}

function side(label: string, input: CompareResult['a']): string {
  return `${label}: scenario ${input.name} (\`${input.file}\`), profile ${input.profile}`;
}

function metricRow(line: MetricComparison): string[] {
  return [
    line.name,
    String(line.n),
    show(line.a, line.unit),
    show(line.b, line.unit),
    signed(line.difference, line.unit),
    `${signed(line.interval.low, line.unit)}..${signed(line.interval.high, line.unit)}`,
    line.verdict,
  ];
}

function outcomeRows(result: CompareResult): string[][] {
  return result.outcomes.map((outcome) => [
    `${outcome.status}/${outcome.reason}`,
    `${outcome.a.runs} (${percent(outcome.a.share)})`,
    `${outcome.b.runs} (${percent(outcome.b.share)})`,
  ]);
}

function testLine(result: CompareResult): string {
  const test = result.succeeded;
  return `Succeeded, seed by seed (McNemar, ${test.method}): ${test.onlyA} seed(s) succeed only in A, ${test.onlyB} only in B, p = ${test.pValue.toPrecision(3)}: ${test.verdict}.`;
}

const METRIC_HEADER = ['Metric', 'n', 'A', 'B', 'B - A', '95% interval', 'Verdict for B'];
const OUTCOME_HEADER = ['Outcome', 'A', 'B'];

export function formatCompareMarkdown(result: CompareResult): string {
  const lines = ['# tekton-sim compare', ''];
  lines.push(
    `- ${side('A', result.a)}`,
    `- ${side('B', result.b)}`,
    `- seeds ${result.seeds.first}..${result.seeds.last}, ${result.runs} paired runs; tekton-sim ${result.tool.version}`,
    '',
    'Both sides draw from the same named random streams for each seed, so each metric is judged on its seed-by-seed difference (95% interval, normal approximation).',
    '',
  );
  if (result.partial) lines.push(`> **Partial result:** ${partialSentence(result.partial)}.`, '');
  const table = (header: readonly string[], rows: readonly (readonly string[])[]) => [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 || index === header.length - 1 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  lines.push(...table(METRIC_HEADER, result.metrics.map(metricRow)), '');
  lines.push(...table(OUTCOME_HEADER, outcomeRows(result)), '', testLine(result), '');
  lines.push(`## Seeds whose outcome differs: ${result.changedSeeds.count}`, '');
  for (const seed of result.changedSeeds.examples)
    lines.push(
      `- seed ${seed.seed}: A ${seed.a}, B ${seed.b}`,
      `  - A: \`${seed.replayA}\``,
      `  - B: \`${seed.replayB}\``,
    );
  if (result.changedSeeds.count > result.changedSeeds.examples.length)
    lines.push(`- ... and ${result.changedSeeds.count - result.changedSeeds.examples.length} more`);
  return lines.join('\n') + '\n';
}

export function formatCompareJson(result: CompareResult): string {
  return toJsonText(result);
}

function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((text) => `<th>${escapeHtml(text)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((text) => `<td>${escapeHtml(text)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

export function formatCompareHtml(result: CompareResult): string {
  const style =
    'body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em}table{border-collapse:collapse;margin:.6em 0 1.2em}th,td{border:1px solid #ccc;padding:3px 8px}th{background:#f3f3f3}';
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>tekton-sim compare</title><style>${style}</style></head><body>`,
    '<h1>tekton-sim compare</h1>',
    ...partialHtml(result.partial),
    `<p>${escapeHtml(side('A', result.a))}<br>${escapeHtml(side('B', result.b))}<br>seeds ${result.seeds.first}..${result.seeds.last}, ${result.runs} paired runs</p>`,
    htmlTable(METRIC_HEADER, result.metrics.map(metricRow)),
    htmlTable(OUTCOME_HEADER, outcomeRows(result)),
    `<p>${escapeHtml(testLine(result))}</p>`,
    `<h2>Seeds whose outcome differs: ${result.changedSeeds.count}</h2>`,
    htmlTable(
      ['Seed', 'A', 'B', 'Replay A', 'Replay B'],
      result.changedSeeds.examples.map((seed) => [
        String(seed.seed),
        seed.a,
        seed.b,
        seed.replayA,
        seed.replayB,
      ]),
    ),
    '</body></html>',
  ];
  return parts.join('\n') + '\n';
}
