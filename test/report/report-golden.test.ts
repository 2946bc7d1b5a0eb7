// Golden files for the report formats over fixed seeds of the report fixture: any change in
// what a report says shows up as a diff here. UPDATE_GOLDEN=1 rewrites them; review the diff.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { formatRunsCsv } from '../../src/report/report-csv.js';
import { outcomeChart, renderChartSvg } from '../../src/report/charts.js';
import { formatReportJson } from '../../src/report/report-files.js';
import { formatReportHtml } from '../../src/report/report-html.js';
import { formatReportMarkdown } from '../../src/report/report-markdown.js';
import { formatTimeSeriesCsv } from '../../src/report/time-series-csv.js';
import { fixtureReport } from './report-run.js';

const GOLDEN = 'test/report/golden';

// The HTML of the one-worker report, rendered once for the file: two tests read it, and its
// charts are most of a report's rendering time.
let oneWorkerHtml: Promise<string> | undefined;
const htmlOfOneWorker = () =>
  (oneWorkerHtml ??= fixtureReport().then(({ result }) => formatReportHtml(result)));

function matchesGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.fixture(actual, fs.readFileSync(file, 'utf8'), name);
}

test('report: Markdown, JSON and the three CSVs match their golden files for seeds 1..40', async () => {
  const { result, stores, attemptsCsv } = await fixtureReport();
  matchesGolden('report.md', formatReportMarkdown(result));
  matchesGolden('report.json', formatReportJson(result));
  matchesGolden('report-runs.csv', formatRunsCsv(stores));
  matchesGolden('report-attempts.csv', attemptsCsv);
  matchesGolden('report-timeseries.csv', formatTimeSeriesCsv(result));
});

test('report: JSON has TaskRuns running over time for a scenario without a cluster, from 0 back to 0', async () => {
  const { result } = await fixtureReport();
  const series = result.scenarios[0].timeSeries;
  assert.ok(series, 'timeSeries is there');
  assert.is(series.seeds, 40);
  assert.equal(
    series.lines.map((line) => [line.name, line.unit]),
    [['runningTaskRuns', 'count']],
  );
  const { points } = series.lines[0];
  assert.is(points[0].atMs, 0);
  assert.is(points[points.length - 1].mean, 0, 'every seed has ended by the last instant');
  // The fixture's tasks run one after another: never more than one TaskRun at a time.
  for (const point of points) {
    assert.ok(point.mean >= 0 && point.mean <= 1 && point.p95 <= 1, `${point.atMs}ms`);
    assert.is(point.atMs % series.intervalMs, 0);
  }
  assert.ok(points.length <= 121);
});

test('report: JSON carries its schemaVersion and every outcome share with its interval', async () => {
  const { result } = await fixtureReport();
  const parsed = JSON.parse(formatReportJson(result));
  assert.is(parsed.schemaVersion, 1);
  const shares = parsed.scenarios[0].outcomes.map((outcome: { share: number }) => outcome.share);
  assert.is(
    shares.reduce((sum: number, share: number) => sum + share, 0),
    1,
  );
  for (const outcome of parsed.scenarios[0].outcomes)
    assert.ok(outcome.interval.low <= outcome.share && outcome.share <= outcome.interval.high);
});

test('report: HTML is self-contained: no script, stylesheet link or URL to fetch, one SVG per chart', async () => {
  const { result } = await fixtureReport();
  const html = await htmlOfOneWorker();
  assert.not.match(html, /<script|<link|<img|@import|url\(/i);
  // The only URLs are the SVG namespaces, which a browser never fetches.
  const urls = html.match(/https?:\/\/[^"'\s)]+/g) ?? [];
  for (const url of urls) assert.match(url, /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/);
  const figures = [...html.matchAll(/<figure data-chart="([^"]+)" data-expected-marks="(\d+)">/g)];
  assert.equal(
    figures.map((figure) => figure[1]),
    [
      'outcomes',
      's0-makespan-histogram',
      's0-makespan-cdf',
      's0-task-percentiles',
      's0-busy-over-time',
    ],
  );
  assert.is((html.match(/<svg /g) ?? []).length, figures.length);
  const histogram = figures.find((figure) => figure[1] === 's0-makespan-histogram');
  assert.is(Number(histogram?.[2]), result.scenarios[0].makespanHistogramMs.length);
  assert.is(
    Number(figures.find((figure) => figure[1] === 'outcomes')?.[2]),
    result.scenarios[0].outcomes.length,
  );
});

test('report: the same seeds give byte-identical formats with 1 and 3 workers', async () => {
  const one = await fixtureReport(1);
  const three = await fixtureReport(3);
  assert.is(formatReportMarkdown(three.result), formatReportMarkdown(one.result));
  assert.is(formatReportJson(three.result), formatReportJson(one.result));
  assert.is(formatRunsCsv(three.stores), formatRunsCsv(one.stores));
  assert.is(three.attemptsCsv, one.attemptsCsv);
  assert.is(formatTimeSeriesCsv(three.result), formatTimeSeriesCsv(one.result));
  assert.is(await formatReportHtml(three.result), await htmlOfOneWorker());
});

test('report: a chart drawn before is given again only for the same spec; other data is drawn anew', async () => {
  // report-run.ts keeps the drawn charts (keepDrawnCharts) for this process.
  const chart = outcomeChart((await fixtureReport()).result);
  const svg = await renderChartSvg(chart);
  assert.match(svg, /^<svg /);
  assert.is(await renderChartSvg(structuredClone(chart)), svg);
  const other = structuredClone(chart);
  (other.spec.data as { values: { share: number }[] }).values[0].share /= 2;
  const otherSvg = await renderChartSvg(other);
  assert.match(otherSvg, /^<svg /);
  assert.is.not(otherSvg, svg);
});

test.run();
