// What Tekton's defaulting (the webhook's SetDefaults, which the controllers call again) and
// the PipelineRun controller's createTaskRun write into the specs kubectl shows, with
// config-defaults' values (the service account and timeout as given; no default resolver
// type, no default pod template). Sources, tektoncd/pipeline v1.15.0: pkg/apis/pipeline/v1
// pipelinerun_defaults.go (PipelineRunSpec.SetDefaults), pipeline_defaults.go
// (PipelineSpec and PipelineTask SetDefaults), task_defaults.go, param_types.go
// (ParamSpec.SetDefaults), result_defaults.go, taskrun_defaults.go, pipelinerun_types.go
// (GetTaskRunSpec), pkg/apis/pipeline/pod/template.go (MergePodTemplateWithDefault).
import type { ObjectRef, PipelineRunSpec } from '../tekton/types.js';
import { formatGoDuration, parseGoDuration } from '../tekton/duration.js';
import { KNOWN_FIELDS } from '../tekton/validate/known-fields.js';
import { fields, inGoOrder, isRecord, type JsonObject } from './kubectl-fields.js';

/** config-defaults `default-service-account`. */
export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** config-defaults `default-timeout-minutes` when the run does not say otherwise. */
const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;
/** v1.NamespacedTaskKind: a taskRef without kind or resolver names a Task. */
const NAMESPACED_TASK_KIND = 'Task';

const TASK_REF_ORDER = ['name', 'kind', 'apiVersion', 'resolver', 'params'];
const PARAM_SPEC_ORDER = ['name', 'description', 'type', 'properties', 'default', 'enum'];
const TASK_RESULT_ORDER = ['name', 'type', 'properties', 'description', 'value'];
const RUN_TEMPLATE_ORDER = ['podTemplate', 'serviceAccountName'];
/** EmbeddedTask: its TypeMeta, spec and metadata, then the TaskSpec inline. */
const EMBEDDED_TASK_ORDER = ['apiVersion', 'kind', 'spec', 'metadata', ...KNOWN_FIELDS.TaskSpec];

/**
 * PipelineRunSpec.SetDefaults: `timeouts.pipeline` gets the default timeout,
 * `taskRunTemplate.serviceAccountName` the default service account, and an embedded
 * pipelineSpec its own defaults. TaskRunTemplate is a struct, not a pointer, so Go writes it
 * even when the user did not.
 */
export function defaultedPipelineRunSpec(
  spec: PipelineRunSpec,
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  defaultServiceAccount = DEFAULT_SERVICE_ACCOUNT,
): JsonObject {
  const input = spec as unknown as Record<string, unknown>;
  const template = isRecord(input.taskRunTemplate) ? input.taskRunTemplate : {};
  return inGoOrder(input, KNOWN_FIELDS.PipelineRunSpec, {
    ...(isRecord(input.pipelineRef) ? { pipelineRef: structuredClone(input.pipelineRef) } : {}),
    ...(isRecord(input.pipelineSpec)
      ? { pipelineSpec: defaultedPipelineSpec(input.pipelineSpec) }
      : {}),
    timeouts: timeoutsObject(isRecord(input.timeouts) ? input.timeouts : {}, defaultTimeoutMs),
    taskRunTemplate: inGoOrder(template, RUN_TEMPLATE_ORDER, {
      serviceAccountName:
        typeof template.serviceAccountName === 'string' && template.serviceAccountName !== ''
          ? template.serviceAccountName
          : defaultServiceAccount,
    }),
  });
}

/** metav1.Duration prints Go's form, so `10m` given comes back as `10m0s`. */
function timeoutsObject(timeouts: Record<string, unknown>, defaultTimeoutMs: number): JsonObject {
  const duration = (value: unknown) =>
    typeof value === 'string' ? normalizeDuration(value) : undefined;
  return fields([
    [
      'pipeline',
      timeouts.pipeline === undefined || timeouts.pipeline === null
        ? formatGoDuration(defaultTimeoutMs)
        : duration(timeouts.pipeline),
    ],
    ['tasks', duration(timeouts.tasks)],
    ['finally', duration(timeouts.finally)],
  ]);
}

export function normalizeDuration(text: string): string {
  const milliseconds = parseGoDuration(text);
  return milliseconds === undefined ? text : formatGoDuration(milliseconds);
}

/** PipelineSpec.SetDefaults: its params' types, and each task's ref and embedded spec. */
export function defaultedPipelineSpec(spec: Record<string, unknown>): JsonObject {
  const tasks = (list: unknown) =>
    Array.isArray(list)
      ? list.map((task) => (isRecord(task) ? defaultedPipelineTask(task) : task))
      : list;
  return inGoOrder(spec, KNOWN_FIELDS.PipelineSpec, {
    ...(Array.isArray(spec.params) ? { params: spec.params.map(defaultedParamSpec) } : {}),
    ...('tasks' in spec ? { tasks: tasks(spec.tasks) } : {}),
    ...('finally' in spec ? { finally: tasks(spec.finally) } : {}),
  });
}

function defaultedPipelineTask(task: Record<string, unknown>): JsonObject {
  return inGoOrder(task, KNOWN_FIELDS.PipelineTask, {
    ...(isRecord(task.taskRef) ? { taskRef: defaultedTaskRef(task.taskRef as ObjectRef) } : {}),
    ...(isRecord(task.taskSpec) ? { taskSpec: defaultedTaskSpec(task.taskSpec, true) } : {}),
    ...(typeof task.timeout === 'string' ? { timeout: normalizeDuration(task.timeout) } : {}),
  });
}

/**
 * PipelineTask.SetDefaults and TaskRunSpec.SetDefaults: a ref with neither kind nor resolver
 * names a namespaced Task. (A ref with neither name nor resolver would get the default
 * resolver type, which is empty by default: nothing changes.)
 */
export function defaultedTaskRef(ref: ObjectRef): JsonObject {
  const input = ref as unknown as Record<string, unknown>;
  const hasResolver = typeof ref.resolver === 'string' && ref.resolver !== '';
  const hasKind = typeof ref.kind === 'string' && ref.kind !== '';
  return inGoOrder(input, TASK_REF_ORDER, {
    ...(!hasKind && !hasResolver ? { kind: NAMESPACED_TASK_KIND } : {}),
  });
}

/**
 * TaskSpec.SetDefaults: params and results get their types. `embedded` keeps the keys an
 * EmbeddedTask adds (metadata, spec, apiVersion, kind) in their place.
 */
export function defaultedTaskSpec(spec: Record<string, unknown>, embedded = false): JsonObject {
  return inGoOrder(spec, embedded ? EMBEDDED_TASK_ORDER : KNOWN_FIELDS.TaskSpec, {
    ...(Array.isArray(spec.params) ? { params: spec.params.map(defaultedParamSpec) } : {}),
    ...(Array.isArray(spec.results) ? { results: spec.results.map(defaultedResult) } : {}),
  });
}

/**
 * ParamSpec.SetDefaults: the type given; else object when properties are declared; else
 * the type of the default's value; else string. Properties without a type are strings.
 */
function defaultedParamSpec(param: unknown): unknown {
  if (!isRecord(param)) return param;
  const value = param.default;
  let type = param.type;
  if (typeof type !== 'string' || type === '') {
    if (param.properties !== undefined && param.properties !== null) type = 'object';
    else if (Array.isArray(value)) type = 'array';
    else if (isRecord(value)) type = 'object';
    else type = 'string';
  }
  return inGoOrder(param, PARAM_SPEC_ORDER, {
    type,
    ...(isRecord(param.properties) ? { properties: typedProperties(param.properties) } : {}),
  });
}

/** TaskResult.SetDefaults: object when properties are declared, else string. */
function defaultedResult(result: unknown): unknown {
  if (!isRecord(result)) return result;
  const type =
    typeof result.type === 'string' && result.type !== ''
      ? result.type
      : result.properties !== undefined && result.properties !== null
        ? 'object'
        : 'string';
  return inGoOrder(result, TASK_RESULT_ORDER, {
    type,
    ...(isRecord(result.properties) ? { properties: typedProperties(result.properties) } : {}),
  });
}

/** A property without a type is a string; Go writes the map's keys sorted. */
function typedProperties(properties: Record<string, unknown>): JsonObject {
  const typed: JsonObject = {};
  for (const key of Object.keys(properties).sort()) {
    const property = properties[key];
    const type = isRecord(property) && typeof property.type === 'string' ? property.type : '';
    typed[key] = type === '' ? { type: 'string' } : structuredClone(property);
  }
  return typed;
}

/**
 * GetTaskRunSpec then TaskRunSpec.SetDefaults: the fields createTaskRun copies from
 * `taskRunTemplate` and the task's `taskRunSpecs` entry. The entry's podTemplate is merged
 * over the template's; its step and sidecar specs and compute resources are copied.
 */
export function taskRunSpecOverrides(
  pipelineTaskName: string,
  spec: PipelineRunSpec,
): {
  podTemplate?: unknown;
  stepSpecs?: unknown;
  sidecarSpecs?: unknown;
  computeResources?: unknown;
} {
  const template = (spec as unknown as Record<string, unknown>).taskRunTemplate;
  let podTemplate =
    isRecord(template) && isRecord(template.podTemplate) ? template.podTemplate : undefined;
  let entry: Record<string, unknown> | undefined;
  for (const candidate of spec.taskRunSpecs ?? []) {
    if (!isRecord(candidate) || candidate.pipelineTaskName !== pipelineTaskName) continue;
    entry = candidate;
    podTemplate = mergePodTemplate(
      isRecord(candidate.podTemplate) ? candidate.podTemplate : undefined,
      podTemplate,
    );
  }
  const copy = (value: unknown) =>
    value === undefined || value === null ? undefined : structuredClone(value);
  return {
    podTemplate: copy(podTemplate),
    stepSpecs: copy(entry?.stepSpecs),
    sidecarSpecs: copy(entry?.sidecarSpecs),
    computeResources: copy(entry?.computeResources),
  };
}

/**
 * MergePodTemplateWithDefault: every field the template leaves unset comes from the
 * default, except `env` and `volumes`, merged by name (the template's entries first, then
 * the default's others).
 */
function mergePodTemplate(
  template: Record<string, unknown> | undefined,
  base: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (base === undefined) return template;
  if (template === undefined) return base;
  const merged: Record<string, unknown> = { ...template };
  for (const [key, value] of Object.entries(base)) {
    if (key === 'env' || key === 'volumes') continue;
    if (
      merged[key] === undefined ||
      merged[key] === null ||
      merged[key] === '' ||
      merged[key] === false
    )
      merged[key] = value;
  }
  for (const key of ['env', 'volumes']) {
    const list = mergeByName(base[key], template[key]);
    if (list !== undefined) merged[key] = list;
  }
  return merged;
}

function mergeByName(base: unknown, overrides: unknown): unknown {
  if (!Array.isArray(overrides) || overrides.length === 0) return base;
  const named = (item: unknown) =>
    isRecord(item) && typeof item.name === 'string' ? item.name : '';
  const merged = overrides.filter((item) => named(item) !== '');
  const seen = new Set(merged.map(named));
  for (const item of Array.isArray(base) ? base : [])
    if (named(item) !== '' && !seen.has(named(item))) merged.push(item);
  return merged;
}
