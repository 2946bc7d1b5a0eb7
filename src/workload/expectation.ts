// Expectations as the user writes them (`finally-completes >= 0.999`, `makespan.p95 <= 40m`):
// each is a named metric, a comparison and a threshold, parsed once when the scenario loads
// and kept as plain data (it crosses worker threads). check/expectations.ts evaluates them.
import { NOT_COMPLETED_REASON } from '../model/not-completed.js';
import { PipelineRunReason } from '../model/reasons.js';
import { parseGoDuration } from '../tekton/duration.js';

/** Every reason the simulator can give a PipelineRun: Tekton's, and the event bound's own. */
const PIPELINE_RUN_REASONS: readonly string[] = [
  ...Object.values(PipelineRunReason),
  NOT_COMPLETED_REASON,
];

export type Comparison = '>=' | '<=' | '>' | '<' | '==';
export type Statistic = 'share' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max';
export type MetricKind =
  | 'finally-completes'
  | 'reason'
  | 'status'
  | 'skipped'
  | 'failed'
  | 'makespan'
  | 'task-attempts'
  | 'task-duration'
  | ClusterMetricKind;

/** Metrics of runs in a cluster (spec.cluster, spec.arrivals): per TaskRun or per PipelineRun samples. */
export const CLUSTER_LATENCIES = [
  'scheduling-latency',
  'pod-wait',
  'pod-start',
  'queue-wait',
  'finally-delay',
  'deadline-lag',
  'throttled-by-quota',
  'throttled-by-node',
] as const;
/** Per-seed figures of a cluster simulation, as `throughput.<name>` and `utilisation`. */
export const CLUSTER_RATES = ['pipelineruns-per-hour', 'taskruns-per-minute'] as const;
export type ClusterMetricKind =
  | (typeof CLUSTER_LATENCIES)[number]
  | `throughput.${(typeof CLUSTER_RATES)[number]}`
  | 'utilisation';

export interface Expectation {
  text: string;
  kind: MetricKind;
  /** The bracketed name: a reason, a status or a task. */
  argument?: string;
  statistic: Statistic;
  comparison: Comparison;
  threshold: number;
  unit: 'share' | 'ms' | 'count';
}

export const METRIC_NAMES = [
  'finally-completes',
  'reason[<Reason>]',
  'status[Succeeded|Failed|Unknown]',
  'skipped[<task>]',
  'failed[<task>]',
  'makespan.mean|p50|p90|p95|p99|max',
  'task[<task>].attempts.mean|max',
  'task[<task>].duration.mean|p50|p90|p95|p99|max',
  'scheduling-latency|pod-wait|pod-start|queue-wait|finally-delay|deadline-lag|throttled-by-quota|throttled-by-node.mean|p50|p90|p95|p99|max',
  'throughput.pipelineruns-per-hour|taskruns-per-minute.mean|p50|p90|p95|p99|max',
  'utilisation.mean|p50|p90|p95|p99|max',
];

const SHAPE = /^\s*([a-z-]+)(?:\[([^\]]+)\])?((?:\.[a-z0-9-]+)*)\s*(>=|<=|==|>|<)\s*(\S+)\s*$/;
const TIME_STATISTICS: readonly Statistic[] = ['mean', 'p50', 'p90', 'p95', 'p99', 'max'];

/** Parses one expectation; the error names what is wrong and what would be right. */
export function parseExpectation(
  text: string,
  taskNames: readonly string[],
): Expectation | { error: string } {
  const match = SHAPE.exec(text);
  if (!match)
    return {
      error: `cannot read expectation ${JSON.stringify(text)}: write <metric> <op> <threshold>, e.g. "makespan.p95 <= 40m"`,
    };
  const [, head, argument, dotted, comparison, thresholdText] = match;
  const parts = dotted.split('.').filter(Boolean);
  const metric = identify(head, argument, parts);
  if ('error' in metric) return metric;
  if (metric.needsTask && !taskNames.includes(argument)) {
    return {
      error: `unknown task "${argument}" in expectation ${JSON.stringify(text)}; the pipeline's tasks are: ${taskNames.join(', ')}`,
    };
  }
  const threshold = parseThreshold(thresholdText, metric.unit);
  if (typeof threshold === 'string')
    return { error: `${threshold} in expectation ${JSON.stringify(text)}` };
  return {
    text: text.trim(),
    kind: metric.kind,
    ...(argument === undefined ? {} : { argument }),
    statistic: metric.statistic,
    comparison: comparison as Comparison,
    threshold,
    unit: metric.unit,
  };
}

type Identified =
  | { kind: MetricKind; statistic: Statistic; unit: Expectation['unit']; needsTask: boolean }
  | { error: string };

function identify(head: string, argument: string | undefined, parts: string[]): Identified {
  const unknown = {
    error: `unknown metric "${[head, argument === undefined ? '' : `[${argument}]`, ...parts.map((part) => `.${part}`)].join('')}"; known metrics: ${METRIC_NAMES.join(', ')}`,
  };
  const share = (kind: MetricKind, needsTask = false): Identified => ({
    kind,
    statistic: 'share',
    unit: 'share',
    needsTask,
  });
  if (head === 'finally-completes' && argument === undefined && parts.length === 0)
    return share('finally-completes');
  if (argument !== undefined && parts.length === 0) {
    if (head === 'reason')
      return PIPELINE_RUN_REASONS.includes(argument)
        ? share('reason')
        : {
            // A misspelt reason would match no run: its share would be 0 whatever happened.
            error: `unknown reason "${argument}" in reason[${argument}]; a PipelineRun's reason is one of: ${PIPELINE_RUN_REASONS.join(', ')}`,
          };
    if (head === 'status' && ['Succeeded', 'Failed', 'Unknown'].includes(argument))
      return share('status');
    if (head === 'skipped' || head === 'failed') return share(head, true);
  }
  if (
    head === 'makespan' &&
    argument === undefined &&
    parts.length === 1 &&
    TIME_STATISTICS.includes(parts[0] as Statistic)
  ) {
    return { kind: 'makespan', statistic: parts[0] as Statistic, unit: 'ms', needsTask: false };
  }
  const cluster = identifyCluster(head, argument, parts);
  if (cluster) return cluster;
  if (head === 'task' && argument !== undefined && parts.length === 2) {
    const [what, statistic] = parts;
    if (what === 'attempts' && (statistic === 'mean' || statistic === 'max'))
      return { kind: 'task-attempts', statistic, unit: 'count', needsTask: true };
    if (what === 'duration' && TIME_STATISTICS.includes(statistic as Statistic)) {
      return {
        kind: 'task-duration',
        statistic: statistic as Statistic,
        unit: 'ms',
        needsTask: true,
      };
    }
  }
  return unknown;
}

function identifyCluster(
  head: string,
  argument: string | undefined,
  parts: string[],
): Identified | undefined {
  if (argument !== undefined) return undefined;
  const statistic = parts[parts.length - 1] as Statistic;
  if (!TIME_STATISTICS.includes(statistic)) return undefined;
  if ((CLUSTER_LATENCIES as readonly string[]).includes(head) && parts.length === 1)
    return { kind: head as ClusterMetricKind, statistic, unit: 'ms', needsTask: false };
  if (head === 'utilisation' && parts.length === 1)
    return { kind: 'utilisation', statistic, unit: 'share', needsTask: false };
  if (
    head === 'throughput' &&
    parts.length === 2 &&
    (CLUSTER_RATES as readonly string[]).includes(parts[0])
  )
    return {
      kind: `throughput.${parts[0] as (typeof CLUSTER_RATES)[number]}`,
      statistic,
      unit: 'count',
      needsTask: false,
    };
  return undefined;
}

function parseThreshold(text: string, unit: Expectation['unit']): number | string {
  if (unit === 'ms') {
    const milliseconds = parseGoDuration(text);
    return milliseconds === undefined || milliseconds < 0
      ? `threshold ${JSON.stringify(text)} is not a Go duration like 40m or 1m30s`
      : milliseconds;
  }
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(value)) return `threshold ${JSON.stringify(text)} is not a number`;
  if (unit === 'share' && (value < 0 || value > 1))
    return `threshold ${text} is a share and must be within [0, 1] (or 0%..100%)`;
  return value;
}
