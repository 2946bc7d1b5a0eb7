// `replay --perfetto FILE.json`: one run as Chrome trace-event JSON, which Perfetto and
// chrome://tracing open: a thread per TaskRun with its pending time and attempts as slices,
// skipped tasks and deadlines as instant events, and the number of TaskRuns running as a
// counter. Timestamps are microseconds of virtual time.
import type { RunTimeline } from './run-timeline.js';
import { toJsonText } from './serialize.js';

/** Set in otherData, so a later --perfetto may overwrite its own output but nothing else. */
export const PERFETTO_GENERATOR = 'tekton-sim replay --perfetto';

const PID = 1;
const us = (ms: number) => ms * 1000;

type TraceEventJson = Record<string, unknown>;

export function perfettoTrace(timeline: RunTimeline): {
  traceEvents: TraceEventJson[];
  displayTimeUnit: 'ms';
  otherData: Record<string, string>;
} {
  const events: TraceEventJson[] = [
    {
      ph: 'M',
      pid: PID,
      tid: 0,
      name: 'process_name',
      args: { name: `PipelineRun ${timeline.name}` },
    },
    { ph: 'M', pid: PID, tid: 0, name: 'thread_name', args: { name: 'PipelineRun' } },
  ];
  timeline.rows.forEach((row, index) => {
    const tid = index + 1;
    events.push(
      { ph: 'M', pid: PID, tid, name: 'thread_name', args: { name: row.label } },
      { ph: 'M', pid: PID, tid, name: 'thread_sort_index', args: { sort_index: tid } },
    );
    for (const segment of row.segments)
      events.push({
        ph: 'X',
        pid: PID,
        tid,
        ts: us(segment.fromMs),
        dur: us(segment.toMs - segment.fromMs),
        name: segment.kind === 'pending' ? 'pending' : `attempt ${segment.attempt}`,
        cat: segment.kind === 'pending' ? 'pod' : 'taskrun',
        args: segment.kind === 'pending' ? {} : { reason: segment.outcome },
      });
    if (row.skipped)
      events.push({
        ph: 'i',
        s: 't',
        pid: PID,
        tid,
        ts: us(row.skipped.atMs),
        name: 'skipped',
        args: { reason: row.skipped.reason },
      });
  });
  for (const deadline of timeline.deadlines)
    events.push({
      ph: 'i',
      s: 'g',
      pid: PID,
      tid: 0,
      ts: us(deadline.atMs),
      name: `${deadline.scope} deadline`,
    });
  events.push(...runningCounter(timeline));
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: { generator: PERFETTO_GENERATOR, pipelineRun: timeline.name },
  };
}

/** TaskRuns with an attempt running, as a counter track that steps at every start and end. */
function runningCounter(timeline: RunTimeline): TraceEventJson[] {
  const changes = new Map<number, number>();
  for (const row of timeline.rows)
    for (const segment of row.segments)
      if (segment.kind === 'attempt') {
        changes.set(segment.fromMs, (changes.get(segment.fromMs) ?? 0) + 1);
        changes.set(segment.toMs, (changes.get(segment.toMs) ?? 0) - 1);
      }
  let running = 0;
  return [...changes.keys()]
    .sort((a, b) => a - b)
    .map((atMs) => {
      running += changes.get(atMs) ?? 0;
      return {
        ph: 'C',
        pid: PID,
        tid: 0,
        ts: us(atMs),
        name: 'running TaskRuns',
        args: { running },
      };
    });
}

export function formatPerfettoJson(timeline: RunTimeline): string {
  return toJsonText(perfettoTrace(timeline));
}
