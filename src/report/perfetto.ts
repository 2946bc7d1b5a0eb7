// `replay --perfetto FILE.json`: one run as Chrome trace-event JSON, which Perfetto and
// chrome://tracing open: a thread per TaskRun with its pending time and attempts as slices,
// skipped tasks and deadlines as instant events, and the number of TaskRuns running as a
// counter. Timestamps are microseconds of virtual time. A seed of a shared cluster is one
// process per PipelineRun, as above, and a cluster process whose counters are the
// controller's work-queue depth and the pods waiting for a node.
import type { StepSeries } from '../cluster/step-series.js';
import { jsonObjectPieces, StreamedArray } from './json-pieces.js';
import type { RunTimeline } from './run-timeline.js';

/** Set in otherData, so a later --perfetto may overwrite its own output but nothing else. */
export const PERFETTO_GENERATOR = 'tekton-sim replay --perfetto';

/** Whether a file's last bytes (otherData is written last) say it is a trace of ours. */
export const isOurPerfetto = (tail: string) =>
  tail.includes(`"generator": "${PERFETTO_GENERATOR}"`);

const PID = 1;
const us = (ms: number) => ms * 1000;

type TraceEventJson = Record<string, unknown>;

/**
 * A trace whose events are made when they are read, a PipelineRun at a time: a big cluster
 * seed has millions of them, and only the file they are written to holds them all.
 */
export interface PerfettoTrace {
  traceEvents: Iterable<TraceEventJson>;
  displayTimeUnit: 'ms';
  otherData: Record<string, string>;
}

/** Iterable again and again, each time from the start, as a generator object is not. */
function reiterable<T>(make: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

export function perfettoTrace(timeline: RunTimeline): PerfettoTrace {
  return {
    traceEvents: reiterable(() => runEvents(timeline, PID, `PipelineRun ${timeline.name}`)),
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

/**
 * Every PipelineRun of a shared-cluster seed (process 2, 3, ...) and the cluster (process 1).
 * `timelines` is read once per reading of the events, so it may make each timeline as asked.
 */
export function fleetPerfettoTrace(
  seedName: string,
  timelines: Iterable<RunTimeline>,
  counters: readonly CounterTrack[],
): PerfettoTrace {
  return {
    traceEvents: reiterable(() => fleetEvents(timelines, counters)),
    displayTimeUnit: 'ms',
    otherData: { generator: PERFETTO_GENERATOR, seed: seedName },
  };
}

function* fleetEvents(
  timelines: Iterable<RunTimeline>,
  counters: readonly CounterTrack[],
): Generator<TraceEventJson> {
  yield { ph: 'M', pid: PID, tid: 0, name: 'process_name', args: { name: 'cluster' } };
  yield { ph: 'M', pid: PID, tid: 0, name: 'process_sort_index', args: { sort_index: 0 } };
  // Yielded one by one, never spread: a push(...array) passes every element as an argument on
  // the stack, and a counter of a day-long seed on a big cluster has hundreds of thousands of
  // steps ('Maximum call stack size exceeded').
  for (const counter of counters) yield* counterEvents(counter);
  let index = 0;
  for (const timeline of timelines) {
    const pid = PID + 1 + index;
    yield* runEvents(timeline, pid, `PipelineRun ${index} ${timeline.name}`);
    yield { ph: 'M', pid, tid: 0, name: 'process_sort_index', args: { sort_index: pid } };
    index += 1;
  }
}

/** The counter from 0 at time 0, then a step at each change, in time order. */
function* counterEvents(counter: CounterTrack): Generator<TraceEventJson> {
  const { atMs, value } = counter.series;
  const step = (at: number, stepValue: number) => ({
    ph: 'C',
    pid: PID,
    tid: 0,
    ts: us(at),
    name: counter.name,
    args: { [counter.value]: stepValue },
  });
  if (!(atMs.length > 0 && atMs[0] === 0)) yield step(0, 0);
  for (let index = 0; index < atMs.length; index++) yield step(atMs[index], value[index]);
}

function* runEvents(
  timeline: RunTimeline,
  pid: number,
  processName: string,
): Generator<TraceEventJson> {
  yield { ph: 'M', pid, tid: 0, name: 'process_name', args: { name: processName } };
  yield { ph: 'M', pid, tid: 0, name: 'thread_name', args: { name: 'PipelineRun' } };
  for (const [index, row] of timeline.rows.entries()) {
    const tid = index + 1;
    yield { ph: 'M', pid, tid, name: 'thread_name', args: { name: row.label } };
    yield { ph: 'M', pid, tid, name: 'thread_sort_index', args: { sort_index: tid } };
    for (const segment of row.segments)
      yield {
        ph: 'X',
        pid,
        tid,
        ts: us(segment.fromMs),
        dur: us(segment.toMs - segment.fromMs),
        name: segment.kind === 'pending' ? 'pending' : `attempt ${segment.attempt}`,
        cat: segment.kind === 'pending' ? 'pod' : 'taskrun',
        args: segment.kind === 'pending' ? {} : { reason: segment.outcome },
      };
    if (row.skipped)
      yield {
        ph: 'i',
        s: 't',
        pid,
        tid,
        ts: us(row.skipped.atMs),
        name: 'skipped',
        args: { reason: row.skipped.reason },
      };
  }
  for (const deadline of timeline.deadlines)
    yield {
      ph: 'i',
      s: 'g',
      pid,
      tid: 0,
      ts: us(deadline.atMs),
      name: `${deadline.scope} deadline`,
    };
  yield* runningCounter(timeline, pid);
}

/** TaskRuns with an attempt running, as a counter track that steps at every start and end. */
function* runningCounter(timeline: RunTimeline, pid: number): Generator<TraceEventJson> {
  const changes = new Map<number, number>();
  for (const row of timeline.rows)
    for (const segment of row.segments)
      if (segment.kind === 'attempt') {
        changes.set(segment.fromMs, (changes.get(segment.fromMs) ?? 0) + 1);
        changes.set(segment.toMs, (changes.get(segment.toMs) ?? 0) - 1);
      }
  let running = 0;
  for (const atMs of [...changes.keys()].sort((a, b) => a - b)) {
    running += changes.get(atMs) ?? 0;
    yield { ph: 'C', pid, tid: 0, ts: us(atMs), name: 'running TaskRuns', args: { running } };
  }
}

/**
 * The trace's JSON text in pieces, an event a piece, the bytes toJsonText(trace) gave when
 * the trace was one array: written as they come, it is never one string.
 */
export function perfettoJsonPieces(trace: RunTimeline | PerfettoTrace): Iterable<string> {
  const { traceEvents, ...rest } = 'traceEvents' in trace ? trace : perfettoTrace(trace);
  return jsonObjectPieces({ traceEvents: new StreamedArray(traceEvents), ...rest });
}

/** The whole text, for a trace known to be small (a test, a library caller). */
export function formatPerfettoJson(trace: RunTimeline | PerfettoTrace): string {
  return [...perfettoJsonPieces(trace)].join('');
}
