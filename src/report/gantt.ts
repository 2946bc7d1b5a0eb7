// `replay --gantt FILE.svg`: one run as a Gantt chart, a row per TaskRun (pending time, then
// each attempt coloured by how it ended), skipped tasks greyed from when they were skipped,
// and the deadlines as vertical lines. Drawn by vega-lite to a standalone SVG.
import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from './charts.js';
import type { RunTimeline } from './run-timeline.js';

/** Written first in the file, so a later --gantt may overwrite its own output but nothing else. */
export const GANTT_SIGNATURE = '<!-- tekton-sim gantt -->';

/**
 * The most bars (pending times, attempts, skipped tasks) one chart draws. vega renders the
 * whole SVG as one string, about 500 characters a bar: 100,000 bars are about 50 MB and 4 s
 * of CPU, and past about a million the text could not be a string at all. A run this big is
 * read in Perfetto instead, whose trace is written in pieces.
 */
export const MAX_GANTT_BARS = 100_000;

/** The bars ganttSpec draws for the timeline: a segment each, and a skipped task's. */
export function ganttBarCount(timeline: RunTimeline): number {
  let bars = 0;
  for (const row of timeline.rows) bars += row.segments.length + (row.skipped ? 1 : 0);
  return bars;
}

const STATES = [
  'pending',
  'Succeeded',
  'Failed',
  'StepFailed',
  'TaskRunTimeout',
  'TaskRunCancelled',
  'skipped',
] as const;
const COLOURS = ['#c6dbef', '#54a24b', '#e45756', '#e45756', '#f58518', '#b279a2', '#bab0ac'];

function stateOf(kind: string, outcome: string): string {
  if (kind === 'pending') return 'pending';
  return (STATES as readonly string[]).includes(outcome) ? outcome : 'Failed';
}

export function ganttSpec(timeline: RunTimeline): TopLevelSpec {
  const seconds = (ms: number) => ms / 1000;
  // Deadlines far past the end would squash the run into a corner; they are named in the title.
  const shownDeadlines = timeline.deadlines.filter(
    (deadline) => deadline.atMs <= timeline.endMs * 1.25,
  );
  const hidden = timeline.deadlines.filter((deadline) => !shownDeadlines.includes(deadline));
  const bars = timeline.rows.flatMap((row) => [
    ...row.segments.map((segment) => ({
      row: row.label,
      from: seconds(segment.fromMs),
      to: seconds(segment.toMs),
      state: stateOf(segment.kind, segment.outcome),
      label: segment.kind === 'attempt' && segment.attempt > 0 ? `retry ${segment.attempt}` : '',
    })),
    ...(row.skipped
      ? [
          {
            row: row.label,
            from: seconds(row.skipped.atMs),
            to: seconds(timeline.endMs),
            state: 'skipped',
            label: '',
          },
        ]
      : []),
  ]);
  const rows = timeline.rows.map((row) => row.label);
  const y = { field: 'row', type: 'nominal' as const, title: null, scale: { domain: rows } };
  return {
    title: {
      text: `${timeline.name}: TaskRuns over time`,
      subtitle:
        hidden.length > 0
          ? `deadlines past the end: ${hidden.map((deadline) => `${deadline.scope} at ${seconds(deadline.atMs)}s`).join(', ')}`
          : '',
    },
    width: 640,
    height: { step: 24 },
    config: {
      font: 'sans-serif',
      view: { stroke: null },
      axis: { labelLimit: 260 },
      legend: { orient: 'bottom', columns: 7 },
    },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', height: 16 },
        encoding: {
          y,
          x: { field: 'from', type: 'quantitative', title: 'seconds since the run started' },
          x2: { field: 'to' },
          color: {
            field: 'state',
            type: 'nominal',
            title: null,
            scale: { domain: [...STATES], range: COLOURS },
          },
          opacity: { condition: { test: "datum.state === 'skipped'", value: 0.45 }, value: 1 },
        },
      },
      {
        data: { values: bars.filter((bar) => bar.label !== '') },
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: 'white' },
        encoding: { y, x: { field: 'from', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: {
          values: shownDeadlines.map((deadline) => ({
            at: seconds(deadline.atMs),
            scope: `${deadline.scope} deadline`,
          })),
        },
        layer: [
          {
            mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
            encoding: { x: { field: 'at', type: 'quantitative' } },
          },
          {
            mark: {
              type: 'text',
              align: 'left',
              baseline: 'top',
              dx: 3,
              y: 0,
              fontSize: 10,
              color: '#333',
            },
            encoding: { x: { field: 'at', type: 'quantitative' }, text: { field: 'scope' } },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

export async function formatGanttSvg(timeline: RunTimeline): Promise<string> {
  const svg = await renderChartSvg({
    id: 'gantt',
    title: '',
    spec: ganttSpec(timeline),
    expectedMarks: 0,
  });
  return `${GANTT_SIGNATURE}\n${svg}\n`;
}
