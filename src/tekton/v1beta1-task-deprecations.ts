// The container fields a v1beta1 Step and StepTemplate have and v1's do not (ports, probes,
// lifecycle, termination message, stdin/tty; and a step template's name). Tekton's
// `TaskSpec.ConvertTo` (pkg/apis/pipeline/v1beta1/task_conversion.go) leaves them out of the
// v1 spec and `serializeTaskDeprecations` keeps them in the annotation
// `tekton.dev/v1beta1.task-deprecations` of the object converted, keyed by task name (the
// Task's or TaskRun's own name, or the pipeline task's name for an embedded taskSpec).
import { isPlainObject } from './decode.js';

export const TASK_DEPRECATIONS_ANNOTATION = 'tekton.dev/v1beta1.task-deprecations';

/** In v1beta1 Step's struct order (container_types.go), which json.Marshal keeps. */
const STEP_DEPRECATED = [
  'ports',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'stdin',
  'stdinOnce',
  'tty',
] as const;

/**
 * `TaskSpec.HasDeprecatedFields` checks these of a step template: its own list leaves out
 * `livenessProbe`, so a template's liveness probe alone is dropped without an annotation.
 */
const TEMPLATE_CHECKED = ['name', ...STEP_DEPRECATED.filter((key) => key !== 'livenessProbe')];

/** Whether Go sees the field set: a non-empty list, a non-empty string, true, an object. */
function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'boolean') return value;
  return value !== undefined && value !== null;
}

/** Moves `keys` of `container` that are set into a new object, in `keys` order. */
function take(
  container: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  const taken: Record<string, unknown> = {};
  for (const key of keys) {
    if (isSet(container[key])) taken[key] = container[key];
    delete container[key];
  }
  return taken;
}

/**
 * Removes the deprecated fields from a v1beta1 taskSpec (in place) and returns what
 * `retrieveTaskDeprecation` would keep, or undefined when `HasDeprecatedFields` is false.
 * Each kept step is marshalled as a v1beta1 Step: `name` (no omitempty) and `resources` (a
 * struct, never omitted) come first and between, as in the struct.
 */
export function takeTaskDeprecations(spec: Record<string, unknown>): unknown {
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  const template = isPlainObject(spec.stepTemplate) ? spec.stepTemplate : undefined;
  const hasDeprecated =
    steps.some((step) => isPlainObject(step) && STEP_DEPRECATED.some((key) => isSet(step[key]))) ||
    (template !== undefined && TEMPLATE_CHECKED.some((key) => isSet(template[key])));
  const deprecatedSteps = steps.map((step) =>
    asStep(isPlainObject(step) ? take(step, STEP_DEPRECATED) : {}, ''),
  );
  const deprecatedTemplate =
    template === undefined ? undefined : asStep(take(template, ['name', ...STEP_DEPRECATED]));
  if (!hasDeprecated) return undefined;
  return {
    deprecatedSteps,
    ...(deprecatedTemplate === undefined ? {} : { deprecatedStepTemplate: deprecatedTemplate }),
  };
}

/** A Step (name always) or StepTemplate (name omitempty) holding only `taken`, in struct order. */
function asStep(taken: Record<string, unknown>, name?: string): Record<string, unknown> {
  const { name: templateName, ports, ...rest } = taken;
  return {
    ...(name !== undefined ? { name } : templateName !== undefined ? { name: templateName } : {}),
    ...(ports !== undefined ? { ports } : {}),
    resources: {},
    ...rest,
  };
}

/** json.Marshal of a map: keys sorted, and <, >, & escaped as Go escapes them. */
export function marshalDeprecations(byTask: Record<string, unknown>): string {
  const sorted = Object.fromEntries(
    Object.keys(byTask)
      .sort()
      .map((key) => [key, byTask[key]]),
  );
  return JSON.stringify(sorted)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
