// `replay --perfetto FILE.json`: one run as Chrome trace-event JSON, which Perfetto and
// chrome://tracing open: a thread per TaskRun with its pending time and attempts as slices,
// skipped tasks and deadlines as instant events, and the number of TaskRuns running as a
// counter. Timestamps are microseconds of virtual time. A seed of a shared cluster is one
// process per PipelineRun, as above, and a cluster process whose counters are the
// controller's work-queue depth and the pods waiting for a node.
import type { StepSeries } from '../cluster/step-series.js';
import type { RunTimeline } from './run-timeline.js';
import { toJsonText } from './serialize.js';

/** Set in otherData, so a later --perfetto may overwrite its own output but nothing else. */
export const PERFETTO_GENERATOR = 'tekton-sim replay --perfetto';

const PID = 1;
const us = (ms: number) => ms * 1000;

type TraceEventJson = Record<string, unknown>;

interface PerfettoTrace {
  traceEvents: TraceEventJson[];
  displayTimeUnit: 'ms';
  otherData: Record<string, string>;
}

export function perfettoTrace(timeline: RunTimeline): PerfettoTrace {
  return {
    traceEvents: runEvents(timeline, PID, `PipelineRun ${timeline.name}`),
    displayTimeUnit: 'ms',
    otherData: { generator: PERFETTO_GENERATOR, pipelineRun: timeline.name },
  };
}

/** A counter track of the cluster process: `value` is the args key Perfetto shows. */
export interface CounterTrack {
  name: string;
  value: string;
  series: StepSeries;
}

/** Every PipelineRun of a shared-cluster seed (process 2, 3, ...) and the cluster (process 1). */
export function fleetPerfettoTrace(
  seedName: string,
  timelines: readonly RunTimeline[],
  counters: readonly CounterTrack[],
): PerfettoTrace {
  const events: TraceEventJson[] = [
    { ph: 'M', pid: PID, tid: 0, name: 'process_name', args: { name: 'cluster' } },
    { ph: 'M', pid: PID, tid: 0, name: 'process_sort_index', args: { sort_index: 0 } },
  ];
  // Appended one by one, not spread: a push(...array) passes every element as an argument on
  // the stack, and a counter of a day-long seed on a big cluster has hundreds of thousands of
  // steps ('Maximum call stack size exceeded').
  for (const counter of counters) appendAll(events, counterEvents(counter));
  timelines.forEach((timeline, index) => {
    const pid = PID + 1 + index;
    appendAll(events, runEvents(timeline, pid, `PipelineRun ${index} ${timeline.name}`));
    events.push({
      ph: 'M',
      pid,
      tid: 0,
      name: 'process_sort_index',
      args: { sort_index: pid },
    });
  });
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: { generator: PERFETTO_GENERATOR, seed: seedName },
  };
}

function appendAll(target: TraceEventJson[], items: readonly TraceEventJson[]): void {
  for (const item of items) target.push(item);
}

/** The counter from 0 at time 0, then a step at each change, in time order. */
function counterEvents(counter: CounterTrack): TraceEventJson[] {
  const { atMs, value } = counter.series;
  const steps = atMs.length > 0 && atMs[0] === 0 ? [] : [{ atMs: 0, value: 0 }];
  atMs.forEach((at, index) => steps.push({ atMs: at, value: value[index] }));
  return steps.map((step) => ({
    ph: 'C',
    pid: PID,
    tid: 0,
    ts: us(step.atMs),
    name: counter.name,
    args: { [counter.value]: step.value },
  }));
}

function runEvents(timeline: RunTimeline, pid: number, processName: string): TraceEventJson[] {
  const events: TraceEventJson[] = [
    { ph: 'M', pid, tid: 0, name: 'process_name', args: { name: processName } },
    { ph: 'M', pid, tid: 0, name: 'thread_name', args: { name: 'PipelineRun' } },
  ];
  timeline.rows.forEach((row, index) => {
    const tid = index + 1;
    events.push(
      { ph: 'M', pid, tid, name: 'thread_name', args: { name: row.label } },
      { ph: 'M', pid, tid, name: 'thread_sort_index', args: { sort_index: tid } },
    );
    for (const segment of row.segments)
      events.push({
        ph: 'X',
        pid,
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
        pid,
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
      pid,
      tid: 0,
      ts: us(deadline.atMs),
      name: `${deadline.scope} deadline`,
    });
  appendAll(events, runningCounter(timeline, pid));
  return events;
}

/** TaskRuns with an attempt running, as a counter track that steps at every start and end. */
function runningCounter(timeline: RunTimeline, pid: number): TraceEventJson[] {
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
        pid,
        tid: 0,
        ts: us(atMs),
        name: 'running TaskRuns',
        args: { running },
      };
    });
}

export function formatPerfettoJson(trace: RunTimeline | PerfettoTrace): string {
  return toJsonText('traceEvents' in trace ? trace : perfettoTrace(trace));
}
