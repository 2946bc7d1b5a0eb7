// The report's two charts over time, from the scenario's series (mean and p95 over seeds at
// each sample instant): how busy the cluster was, and how long its queues were. A scenario
// without nodes has no capacity to be a share of, so its first chart counts TaskRuns running
// instead; one without a cluster has no controller queue or pods, so it has no second chart.
import type { ScenarioReport } from '../check/report-result.js';
import type { TimeSeriesLine } from '../check/time-series-report.js';
import { CONFIG, SIZE, type Chart } from './chart-spec.js';

// Legends below the plot, so the two charts over time sit side by side in the page.
const TIME_CONFIG = {
  ...CONFIG,
  legend: { ...CONFIG.legend, orient: 'bottom', direction: 'vertical', symbolOpacity: 1 },
} as const;

const COLOUR = '#4c78a8';
const QUEUE_LABELS: Partial<Record<TimeSeriesLine['name'], string>> = {
  workQueueDepth: 'controller work queue (run keys)',
  podsWaitingForNode: 'pods waiting for a node',
};

const xSeconds = {
  field: 'seconds',
  type: 'quantitative',
  title: "time since the seed's start (s)",
} as const;

export function timeCharts(scenario: ScenarioReport, index: number): Chart[] {
  const lines = scenario.timeSeries?.lines ?? [];
  const charts: Chart[] = [];
  const busy =
    lines.find((line) => line.name === 'utilisation') ??
    lines.find((line) => line.name === 'runningTaskRuns');
  if (busy && busy.points.length > 0) charts.push(busyChart(scenario, index, busy));
  const queues = lines.filter((line) => QUEUE_LABELS[line.name] && line.points.length > 0);
  if (queues.length > 0) charts.push(queueChart(scenario, index, queues));
  return charts;
}

/** p95 over seeds as a shaded area, the mean as a line over it: one area and one line mark. */
function busyChart(scenario: ScenarioReport, index: number, line: TimeSeriesLine): Chart {
  const share = line.unit === 'share';
  const what = share ? 'cluster utilisation' : 'TaskRuns running';
  const y = {
    type: 'quantitative',
    title: share ? 'share of capacity held' : 'TaskRuns running',
    ...(share ? { axis: { format: '%' }, scale: { domain: [0, 1] } } : {}),
  } as const;
  return {
    id: `s${index}-busy-over-time`,
    title: `${scenario.name}: ${what} over time (mean, p95 of ${scenario.timeSeries?.seeds} seeds)`,
    expectedMarks: 2,
    spec: {
      ...SIZE,
      config: TIME_CONFIG,
      data: {
        values: line.points.map((point) => ({
          seconds: point.atMs / 1000,
          mean: point.mean,
          p95: point.p95,
        })),
      },
      layer: [
        {
          mark: { type: 'area', interpolate: 'step-after', opacity: 0.3 },
          encoding: {
            x: xSeconds,
            y: { field: 'p95', ...y },
            color: {
              datum: 'p95',
              scale: { domain: ['p95', 'mean'], range: ['#9ecae1', COLOUR] },
              title: 'over seeds',
              legend: { symbolType: 'square' },
            },
          },
        },
        {
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: { x: xSeconds, y: { field: 'mean', ...y }, color: { datum: 'mean' } },
        },
      ],
    },
  };
}

/** Each queue's mean (solid) and p95 (dashed): two line marks per queue. */
function queueChart(
  scenario: ScenarioReport,
  index: number,
  queues: readonly TimeSeriesLine[],
): Chart {
  const labels = queues.map((line) => QUEUE_LABELS[line.name] as string);
  const values = queues.flatMap((line) =>
    line.points.flatMap((point) => [
      {
        seconds: point.atMs / 1000,
        queue: QUEUE_LABELS[line.name],
        statistic: 'mean',
        length: point.mean,
      },
      {
        seconds: point.atMs / 1000,
        queue: QUEUE_LABELS[line.name],
        statistic: 'p95',
        length: point.p95,
      },
    ]),
  );
  return {
    id: `s${index}-queues-over-time`,
    title: `${scenario.name}: queue lengths over time (mean, p95 of ${scenario.timeSeries?.seeds} seeds)`,
    expectedMarks: queues.length * 2,
    spec: {
      ...SIZE,
      config: TIME_CONFIG,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: xSeconds,
        y: { field: 'length', type: 'quantitative', title: 'length' },
        color: {
          field: 'queue',
          type: 'nominal',
          title: null,
          sort: labels,
          scale: { domain: labels, range: ['#e45756', '#f58518'] },
        },
        strokeDash: {
          field: 'statistic',
          type: 'nominal',
          title: 'over seeds',
          sort: ['mean', 'p95'],
          scale: {
            domain: ['mean', 'p95'],
            range: [
              [1, 0],
              [4, 3],
            ],
          },
        },
      },
    },
  };
}
