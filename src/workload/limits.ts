// The bounds on every number a Scenario (or `run --slots`) gives the simulator. Each keeps one
// seed's work and memory finite: a bound on sizes (slots, nodes, arrivals) bounds the arrays
// built per seed, a bound on durations and rates keeps virtual times well inside the integers
// a double holds exactly (100,000 arrivals a year apart stay below 2^53 ms). The values are
// far above anything a real cluster or CI system uses; README's limits table lists them.
import { formatGoDuration } from '../tekton/duration.js';
import type { SchemaPath } from './field-path.js';

/** A problem at a field, as parse-distribution.ts's ValueProblem (kept apart: it imports us). */
interface ValueProblem {
  path: SchemaPath;
  message: string;
}

/** The longest duration a Scenario may write, and the longest one a distribution may draw. */
export const MAX_DURATION_MS = 365 * 24 * 3600 * 1000;
/** lognormal sigma: at 10 the p95 is already e^16 (nine million) times the median. */
export const MAX_LOGNORMAL_SIGMA = 10;
/** Weights of a mixture's components and of an arrivals mix. */
export const MAX_WEIGHT = 1_000_000;
export const MAX_SLOTS = 100_000;
/** Nodes over all pools of spec.cluster.nodes (each pool's count added up). */
export const MAX_NODES = 10_000;
/** A node's `pods` (kubelet --max-pods; its default is 110). */
export const MAX_PODS_PER_NODE = 10_000;
export const MAX_QUOTA_PODS = 1_000_000;
export const MAX_THREADS_PER_CONTROLLER = 1_000;
/** kubeApiQPS above 0: below this one call would wait longer than a day and a half. */
export const MIN_KUBE_API_QPS = 0.01;
export const MAX_KUBE_API_QPS = 1_000_000;
export const MAX_KUBE_API_BURST = 1_000_000;
/** PipelineRuns arriving in one seed (count, or the entries of `at` or a CSV). */
export const MAX_ARRIVALS = 100_000;
/** Poisson arrivals a minute: from about one a week to a million a minute. */
export const MIN_ARRIVALS_PER_MINUTE = 0.0001;
export const MAX_ARRIVALS_PER_MINUTE = 1_000_000;
export const MAX_CONCURRENT_PIPELINE_RUNS = 100_000;

/** A number as the user wrote it in YAML or JSON terms: `1e+21`, `NaN`, `"4"`. */
export function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/**
 * Pushes a problem when `value` lies outside min..max (inclusive) and returns whether it is
 * within. `what` names the field in the message, e.g. "slots".
 */
export function withinBounds(
  value: number,
  bounds: { min: number; max: number; what: string; path: SchemaPath; besides?: string },
  problems: ValueProblem[],
): boolean {
  if (Number.isFinite(value) && value >= bounds.min && value <= bounds.max) return true;
  problems.push({
    path: bounds.path,
    message: `${bounds.what} ${shown(value)} is out of range: it must be from ${formatBound(bounds.min)} to ${formatBound(bounds.max)}${bounds.besides ? `, ${bounds.besides}` : ''}`,
  });
  return false;
}

/** 1,000,000 and 0.0001: integers with thousands separators, fractions as they are. */
export function formatBound(value: number): string {
  return Number.isInteger(value) ? String(value).replace(/\B(?=(\d{3})+$)/g, ',') : String(value);
}

/** Pushes a problem for a duration longer than MAX_DURATION_MS; `text` is what was written. */
export function durationWithinBounds(
  milliseconds: number,
  text: unknown,
  path: SchemaPath,
  problems: ValueProblem[],
): boolean {
  if (milliseconds <= MAX_DURATION_MS) return true;
  problems.push({
    path,
    message: `duration ${shown(text)} is longer than the longest a Scenario takes, ${formatGoDuration(MAX_DURATION_MS)} (365 days)`,
  });
  return false;
}
