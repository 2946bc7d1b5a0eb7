// PipelineRun timeouts (TEP-0046) as the webhook checks them, after Tekton's defaulting has
// filled `timeouts.pipeline` with default-timeout-minutes when it is absent.
import { formatGoDuration } from '../duration.js';
import type { PipelineRunSpec } from '../types.js';
import { readDuration } from './durations.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';

const NO_TIMEOUT_MS = 0;

interface Timeouts {
  pipelineMs: number;
  tasksMs?: number;
  finallyMs?: number;
}

/**
 * @param v1beta1Timeout the run is v1beta1 and wrote the deprecated `spec.timeout`, which
 * conversion made `timeouts.pipeline`; v1beta1's webhook checks what was written (below).
 */
export function validateTimeouts(
  spec: PipelineRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  v1beta1Timeout = false,
): void {
  const timeouts = readTimeouts(spec, specPath, reporter, options);
  if (v1beta1Timeout) {
    validateV1beta1Timeout(timeouts, specPath, reporter);
    validateTaskRunSpecTimeouts(spec, specPath, reporter, undefined, options);
    return;
  }
  if (timeouts) validateTimeoutRelations(timeouts, specPath.child('timeouts'), reporter);
  validateTaskRunSpecTimeouts(spec, specPath, reporter, timeouts);
}

/**
 * v1beta1 PipelineRunSpec.Validate checks `spec.timeout` alone (>= 0, at `timeout`); its
 * `timeouts` is nil, so no relation applies.
 */
function validateV1beta1Timeout(
  timeouts: Timeouts | undefined,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  if (timeouts && timeouts.pipelineMs < 0)
    reporter.error(
      `invalid value: ${formatGoDuration(timeouts.pipelineMs)} should be >= 0`,
      specPath.child('timeout'),
    );
}

/** The three timeouts, defaulted; undefined when one of them is not a Go duration at all. */
function readTimeouts(
  spec: PipelineRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): Timeouts | undefined {
  const fields: Record<string, unknown> = isObject(spec.timeouts) ? spec.timeouts : {};
  const timeoutsPath = specPath.child('timeouts');
  checkUnknownFields(spec.timeouts, 'TimeoutFields', timeoutsPath, reporter);
  let readable = true;
  const read = (name: 'pipeline' | 'tasks' | 'finally'): number | undefined => {
    const value = fields[name];
    const milliseconds = readDuration(value, timeoutsPath.child(name), reporter);
    if (value !== undefined && value !== null && milliseconds === undefined) readable = false;
    return milliseconds;
  };
  const pipelineMs = read('pipeline');
  const tasksMs = read('tasks');
  const finallyMs = read('finally');
  if (!readable) return undefined;
  return { pipelineMs: pipelineMs ?? options.defaultTimeoutMs, tasksMs, finallyMs };
}

function validateTimeoutRelations(timeouts: Timeouts, path: FieldPath, reporter: Reporter): void {
  const { pipelineMs, tasksMs, finallyMs } = timeouts;
  // Tekton checks tasks, finally, then pipeline for negative values.
  const named = [
    ['tasks', tasksMs],
    ['finally', finallyMs],
    ['pipeline', pipelineMs],
  ] as const;
  for (const [name, milliseconds] of named) {
    if (milliseconds !== undefined && milliseconds < 0) {
      reporter.error(
        `invalid value: ${formatGoDuration(milliseconds)} should be >= 0`,
        path.child(name),
      );
    }
  }
  for (const [name, milliseconds] of named.slice(0, 2)) {
    if (milliseconds === undefined || pipelineMs === NO_TIMEOUT_MS) continue;
    if (milliseconds > pipelineMs) {
      reporter.error(
        `invalid value: ${formatGoDuration(milliseconds)} should be <= pipeline duration`,
        path.child(name),
      );
    } else if (milliseconds === NO_TIMEOUT_MS) {
      reporter.error(
        `invalid value: ${formatGoDuration(milliseconds)} (no timeout) should be <= pipeline duration`,
        path.child(name),
      );
    }
  }
  // No exemption for pipeline 0 here: Tekton rejects `pipeline: 0` with both others set.
  if (tasksMs !== undefined && finallyMs !== undefined && tasksMs + finallyMs > pipelineMs) {
    reporter.error(
      `invalid value: ${formatGoDuration(tasksMs)} + ${formatGoDuration(finallyMs)} should be <= pipeline duration`,
      [path.child('finally'), path.child('tasks')],
    );
  }
}

/**
 * Each `taskRunSpecs[i].timeout` must be >= 0 and within the tasks timeout when one is set
 * (none when it is 0), else within the pipeline timeout unless that is 0 (no timeout).
 */
function validateTaskRunSpecTimeouts(
  spec: PipelineRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
  timeouts: Timeouts | undefined,
  v1beta1TimeoutOptions?: ResolvedValidationOptions,
): void {
  asArray(spec.taskRunSpecs).forEach((taskRunSpec, position) => {
    const path = specPath.child('taskRunSpecs').index(position).child('timeout');
    const milliseconds = readDuration(taskRunSpec?.timeout, path, reporter);
    if (milliseconds === undefined) return;
    if (milliseconds < 0) {
      reporter.error(`invalid value: ${formatGoDuration(milliseconds)} should be >= 0`, path);
      return;
    }
    if (v1beta1TimeoutOptions) {
      // v1beta1 validateTaskRunSpecTimeout gets a nil TimeoutFields when only `spec.timeout`
      // was written: its bound is default-timeout-minutes, whatever `spec.timeout` says.
      const defaultMs = v1beta1TimeoutOptions.defaultTimeoutMs;
      if (defaultMs !== NO_TIMEOUT_MS && milliseconds > defaultMs)
        reporter.error(
          `invalid value: ${formatGoDuration(milliseconds)} should be <= default pipeline duration ${formatGoDuration(defaultMs)}`,
          path,
        );
      return;
    }
    if (!timeouts) return;
    // validateTaskRunSpecTimeout re-reads its bound (tasks when set, else pipeline) with
    // validateTimeout, whose ">= 0" error lands on this taskRunSpec's timeout as well.
    const boundMs = timeouts.tasksMs ?? timeouts.pipelineMs;
    if (boundMs < 0) {
      reporter.error(`invalid value: ${formatGoDuration(boundMs)} should be >= 0`, path);
      return;
    }
    const bound = boundFor(timeouts);
    if (bound && milliseconds > bound.limitMs) {
      reporter.error(
        `invalid value: ${formatGoDuration(milliseconds)} should be <= ${bound.name} duration ${formatGoDuration(bound.limitMs)}`,
        path,
      );
    }
  });
}

/**
 * validateTaskRunSpecTimeout (pipelinerun_validation.go): a tasks timeout, when set, is the
 * bound, and `tasks: 0` is no bound at all (the pipeline timeout is not consulted then).
 */
function boundFor(timeouts: Timeouts): { name: string; limitMs: number } | undefined {
  if (timeouts.tasksMs !== undefined) {
    return timeouts.tasksMs > NO_TIMEOUT_MS
      ? { name: 'pipeline tasks', limitMs: timeouts.tasksMs }
      : undefined;
  }
  if (timeouts.pipelineMs > NO_TIMEOUT_MS)
    return { name: 'pipeline', limitMs: timeouts.pipelineMs };
  return undefined;
}
