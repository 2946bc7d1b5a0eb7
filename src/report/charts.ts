// The report's charts as Vega-Lite specifications, rendered to SVG when the report is
// written by vega's headless renderer, so the HTML needs no script and no network. Each chart
// says how many marks it should draw, which the browser test checks against the page.
import type { ReportResult, ScenarioReport } from '../check/report-result.js';
import { CONFIG, SIZE, type Chart } from './chart-spec.js';
import { timeCharts } from './time-charts.js';

export type { Chart } from './chart-spec.js';
const seconds = (ms: number) => ms / 1000;
const PERCENTILE_ORDER = ['p50', 'p90', 'p95', 'p99'];
// Darker for rarer: the percentiles are ordered, not separate categories.
const PERCENTILE_COLOURS = ['#9ecae1', '#6baed6', '#3182bd', '#08519c'];

export function scenarioCharts(scenario: ScenarioReport, index: number): Chart[] {
  const charts: Chart[] = [];
  const bins = scenario.makespanHistogramMs;
  if (bins.length > 0) {
    charts.push({
      id: `s${index}-makespan-histogram`,
      title: `${scenario.name}: makespan histogram`,
      expectedMarks: bins.length,
      spec: {
        ...SIZE,
        config: CONFIG,
        data: {
          values: bins.map((bin) => ({
            low: seconds(bin.low),
            high: seconds(bin.high),
            runs: bin.count,
          })),
        },
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: { field: 'low', type: 'quantitative', title: 'makespan (s)', bin: { binned: true } },
          x2: { field: 'high' },
          y: { field: 'runs', type: 'quantitative', title: 'runs' },
        },
      },
    });
    charts.push({
      id: `s${index}-makespan-cdf`,
      title: `${scenario.name}: makespan CDF`,
      expectedMarks: 1,
      spec: {
        ...SIZE,
        config: CONFIG,
        data: {
          values: scenario.makespanCdfMs.map((point) => ({
            makespan: seconds(point.value),
            share: point.share,
          })),
        },
        mark: { type: 'line', interpolate: 'step-after', color: '#4c78a8' },
        encoding: {
          x: { field: 'makespan', type: 'quantitative', title: 'makespan (s)' },
          y: {
            field: 'share',
            type: 'quantitative',
            title: 'share of runs at or below',
            axis: { format: '%' },
          },
        },
      },
    });
  }
  const taskPercentiles = scenario.tasks.flatMap(({ task, metrics }) =>
    (metrics.find((line) => line.name === 'duration')?.percentiles ?? []).map((entry) => ({
      task,
      percentile: `p${entry.p}`,
      seconds: seconds(entry.value),
    })),
  );
  if (taskPercentiles.length > 0) {
    charts.push({
      id: `s${index}-task-percentiles`,
      title: `${scenario.name}: run time per task (p50, p90, p95, p99)`,
      expectedMarks: taskPercentiles.length,
      spec: {
        width: { step: 12 },
        height: SIZE.height,
        config: CONFIG,
        data: { values: taskPercentiles },
        mark: 'bar',
        encoding: {
          x: { field: 'task', type: 'nominal', title: null, sort: null, axis: { labelAngle: -40 } },
          xOffset: { field: 'percentile', type: 'nominal', sort: ['p50', 'p90', 'p95', 'p99'] },
          y: { field: 'seconds', type: 'quantitative', title: 'run time (s)' },
          color: {
            field: 'percentile',
            type: 'nominal',
            sort: ['p50', 'p90', 'p95', 'p99'],
            // Darker for rarer: the percentiles are ordered, not separate categories.
            scale: { range: ['#9ecae1', '#6baed6', '#3182bd', '#08519c'] },
          },
        },
      },
    });
  }
  charts.push(...clusterCharts(scenario, index));
  charts.push(...timeCharts(scenario, index));
  return charts;
}

/**
 * Charts of the cluster's figures, when the runs carry them: the time-valued metrics other
 * than makespan (queue wait, pod wait, pod start, ...) by percentile, and how busy the
 * cluster was per seed. Per-seed series over time are not in the metric rows, so the
 * utilisation chart is a distribution over seeds, not a line over time.
 */
function clusterCharts(scenario: ScenarioReport, index: number): Chart[] {
  const charts: Chart[] = [];
  const latencies = scenario.metrics
    .filter((line) => line.unit === 'ms' && line.name !== 'makespan' && line.name !== 'span')
    .flatMap((line) =>
      line.percentiles.map((entry) => ({
        metric: line.name,
        percentile: `p${entry.p}`,
        seconds: seconds(entry.value),
      })),
    );
  if (latencies.length > 0)
    charts.push({
      id: `s${index}-latency-percentiles`,
      title: `${scenario.name}: waits and latencies (p50, p90, p95, p99)`,
      expectedMarks: latencies.length,
      spec: {
        width: { step: 12 },
        height: SIZE.height,
        config: CONFIG,
        data: { values: latencies },
        mark: 'bar',
        encoding: {
          x: {
            field: 'metric',
            type: 'nominal',
            title: null,
            sort: null,
            axis: { labelAngle: -40 },
          },
          xOffset: { field: 'percentile', type: 'nominal', sort: PERCENTILE_ORDER },
          y: { field: 'seconds', type: 'quantitative', title: 'seconds' },
          color: {
            field: 'percentile',
            type: 'nominal',
            sort: PERCENTILE_ORDER,
            scale: { range: PERCENTILE_COLOURS },
          },
        },
      },
    });
  const utilisation = scenario.metrics.find((line) => line.name === 'utilisation');
  if (utilisation)
    charts.push({
      id: `s${index}-utilisation`,
      title: `${scenario.name}: cluster utilisation per seed (p50, p90, p95, p99, max)`,
      expectedMarks: utilisation.percentiles.length + 1,
      spec: {
        ...SIZE,
        config: CONFIG,
        data: {
          values: [
            ...utilisation.percentiles.map((entry) => ({
              statistic: `p${entry.p}`,
              share: entry.value,
            })),
            { statistic: 'max', share: utilisation.max },
          ],
        },
        mark: { type: 'bar', color: '#72b7b2' },
        encoding: {
          x: {
            field: 'statistic',
            type: 'nominal',
            title: null,
            sort: null,
            axis: { labelAngle: 0 },
          },
          y: {
            field: 'share',
            type: 'quantitative',
            title: 'share of capacity held',
            axis: { format: '%' },
          },
        },
      },
    });
  return charts;
}

export function outcomeChart(result: ReportResult): Chart {
  const values = result.scenarios.flatMap((scenario) =>
    scenario.outcomes.map((outcome) => ({
      scenario: scenario.name,
      outcome: `${outcome.status}/${outcome.reason}`,
      share: outcome.share,
    })),
  );
  // Successes in greens and failures in reds, so the bar reads at a glance whatever the reasons.
  const outcomes = [...new Set(values.map((value) => value.outcome))].sort();
  const greens = ['#54a24b', '#88d27a', '#2e6b27'];
  const reds = ['#e45756', '#f58518', '#b279a2', '#9d755d', '#bab0ac', '#ff9da6'];
  let green = 0;
  let red = 0;
  const colours = outcomes.map((outcome) =>
    outcome.startsWith('True/') ? greens[green++ % greens.length] : reds[red++ % reds.length],
  );
  return {
    id: 'outcomes',
    title: 'Outcome reasons per scenario',
    expectedMarks: values.length,
    spec: {
      width: SIZE.width,
      height: { step: 22 },
      config: CONFIG,
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'scenario', type: 'nominal', title: null, sort: null },
        x: {
          field: 'share',
          type: 'quantitative',
          title: 'share of runs',
          axis: { format: '%' },
          stack: 'zero',
        },
        color: {
          field: 'outcome',
          type: 'nominal',
          title: 'status/reason',
          scale: { domain: outcomes, range: colours },
        },
        order: { field: 'outcome' },
      },
    },
  };
}

/**
 * The SVGs drawn so far, by their chart's spec, once keepDrawnCharts() was called; undefined
 * (the default, and all the CLI uses) draws every chart. A process draws one report, but the
 * tests draw the same charts again and again (a merged report beside the one it must equal,
 * one worker's report beside three workers'), at about 30 ms of CPU a chart.
 */
let drawnBySpec: Map<string, string> | undefined;

/**
 * From now on, in this thread, a chart whose spec was drawn before gets the same SVG without
 * being drawn again: the SVG is vega's function of the spec alone. For tests; a report whose
 * data differs has a different spec, so it is still drawn and still differs.
 */
export function keepDrawnCharts(): void {
  drawnBySpec ??= new Map();
}

export async function renderChartSvg(chart: Chart): Promise<string> {
  const key = drawnBySpec && JSON.stringify(chart.spec);
  const drawn = key === undefined ? undefined : drawnBySpec?.get(key);
  if (drawn !== undefined) return drawn;
  // Loaded here, not at the top: vega and vega-lite are about a third of the CLI's start-up
  // time, and only the HTML report draws charts.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(chart.spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (key !== undefined) drawnBySpec?.set(key, svg);
    return svg;
  } finally {
    view.finalize();
  }
}
