// TEP-0046 timeouts as Tekton v1.15 implements them (tekton-semantics.md 3.1, 3.2, 3.4).
import { parseGoDuration } from '../tekton/duration.js';
import type { TimeoutFields } from '../tekton/types.js';
import type { PlanTimeouts } from './plan.js';

export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;

function durationOrUndefined(text: string | undefined): number | undefined {
  return text === undefined || text === null ? undefined : parseGoDuration(String(text));
}

/**
 * The three deadlines from `spec.timeouts` (3.2). `0` means no deadline for that scope; a
 * missing tasks/finally timeout is derived from the other and the pipeline timeout.
 */
export function deriveTimeouts(
  fields: TimeoutFields | undefined,
  defaultTimeoutMs: number,
): PlanTimeouts {
  const { pipelineMs, tasksMs, finallyMs } = sectionTimeouts(fields, defaultTimeoutMs);
  return {
    pipelineMs: pipelineMs === 0 ? undefined : pipelineMs,
    tasksMs: tasksMs === 0 ? undefined : tasksMs,
    finallyMs: finallyMs === 0 ? undefined : finallyMs,
  };
}

/**
 * PipelineRun.TasksTimeout and FinallyTimeout (pipelinerun_types.go): the value set, else
 * pipeline minus the other one when both are set and neither is 0. A derived value can be 0
 * (`pipeline` equal to `tasks`): no deadline, but a 0 that TaskRuns inherit (3.4).
 */
function sectionTimeouts(
  fields: TimeoutFields | undefined,
  defaultTimeoutMs: number,
): { pipelineMs: number; tasksMs?: number; finallyMs?: number } {
  const pipelineMs = durationOrUndefined(fields?.pipeline) ?? defaultTimeoutMs;
  const tasksSetMs = durationOrUndefined(fields?.tasks);
  const finallySetMs = durationOrUndefined(fields?.finally);
  let tasksMs = tasksSetMs;
  let finallyMs = finallySetMs;
  if (
    tasksSetMs === undefined &&
    finallySetMs !== undefined &&
    pipelineMs !== 0 &&
    finallySetMs !== 0
  ) {
    tasksMs = pipelineMs - finallySetMs;
  }
  if (
    finallySetMs === undefined &&
    tasksSetMs !== undefined &&
    pipelineMs !== 0 &&
    tasksSetMs !== 0
  ) {
    finallyMs = pipelineMs - tasksSetMs;
  }
  return { pipelineMs, tasksMs, finallyMs };
}

/**
 * The tasks (or finally) timeout as the propagation rule sees it: the explicit or derived
 * value, 0 when the user set 0 or it is derived as 0, undefined when neither set nor derived.
 */
export function sectionTimeoutForPropagation(
  fields: TimeoutFields | undefined,
  section: 'tasks' | 'finally',
  defaultTimeoutMs: number,
): number | undefined {
  const timeouts = sectionTimeouts(fields, defaultTimeoutMs);
  return section === 'tasks' ? timeouts.tasksMs : timeouts.finallyMs;
}

export interface TaskRunTimeoutInputs {
  taskRunSpecTimeout?: string;
  pipelineTaskTimeout?: string;
  /** The PipelineRun's tasks timeout for DAG tasks, finally timeout for finally tasks. */
  sectionTimeoutMs?: number;
  defaultTimeoutMs: number;
  propagatesSectionTimeout: boolean;
}

/**
 * TaskRun spec.timeout the PipelineRun sets (3.4): taskRunSpecs, then the pipeline task, then
 * the section timeout when it is 0 or longer than the default; otherwise unset, which TaskRun
 * defaulting turns into the default. Never clipped to the time left.
 */
export function taskRunTimeoutMs(inputs: TaskRunTimeoutInputs): number | undefined {
  const fromSpec = durationOrUndefined(inputs.taskRunSpecTimeout);
  if (fromSpec !== undefined) return fromSpec;
  const fromTask = durationOrUndefined(inputs.pipelineTaskTimeout);
  if (fromTask !== undefined) return fromTask;
  const section = inputs.sectionTimeoutMs;
  if (
    inputs.propagatesSectionTimeout &&
    section !== undefined &&
    (section === 0 || section > inputs.defaultTimeoutMs)
  ) {
    return section;
  }
  return undefined;
}
