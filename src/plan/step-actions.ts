// Steps that use a StepAction (`ref: {name: X}`), resolved as Tekton v1.15.0's TaskRun
// reconciler does before it builds the pod (GetStepActionsData, resolveStepRef in
// pkg/reconciler/taskrun/resources/taskspec.go): the step keeps its own name, onError,
// timeout and workspaces and takes image, securityContext and workingDir from the StepAction,
// and command, args, script, env, volumeMounts and results when the StepAction sets them. The
// StepAction's params are filled in first (applyStepActionParameters in apply.go): a value
// the step gives, else a default, a default that names other params taking their values.
// What the step gives may name the Task's params (`$(params.p)`); those are left for the
// TaskRun's own pass over the resolved step, which fills them in the same.
import { applyStringReplacements } from '../tekton/apply-replacements.js';
import type { ParamSpec, ParamValue, Step, StepActionSpec, TaskSpec } from '../tekton/types.js';
import { stepResultReplacements } from './step-action-step-results.js';
import { withTaskParams } from './step-action-task-params.js';

/** What resolving one step gives: the step to run, or why it stays unresolved. */
export type StepRefOutcome = { step: Step } | { problem: string };

/** What resolving a task's steps gives: the spec, and Tekton's error when it fails the TaskRun. */
export interface StepActionsResolution {
  spec: TaskSpec;
  /**
   * Set when a step's params do not fit its StepAction: the message of the TaskRun's
   * `TaskRunResolutionFailed` condition. GetStepActionsData wraps resolveStepRef's error as
   * `failed to resolve step ref for step "S" (index I): …`; the steps resolve at once
   * (errgroup) and the first error wins, which for several bad steps Go leaves to timing:
   * the simulator takes the lowest index.
   */
  resolutionError?: string;
}

/**
 * The spec with each step that uses a StepAction found in `stepActions` resolved; a step
 * whose StepAction is not at hand is left as written (it then has nothing to run).
 */
export function resolveStepActions(
  spec: TaskSpec,
  stepActions: ReadonlyMap<string, StepActionSpec> | undefined,
  taskParams?: ReadonlyMap<string, ParamValue>,
): StepActionsResolution {
  const steps = spec.steps ?? [];
  if (!stepActions || !steps.some((step) => step?.ref)) return { spec };
  let resolutionError: string | undefined;
  const resolved = steps.map((step, index) => {
    const name = step?.ref?.name;
    const action = step?.ref && !step.ref.resolver && name ? stepActions.get(name) : undefined;
    if (!step || !action) return step;
    const outcome = resolveStepRef(step, action, taskParams);
    if ('step' in outcome) return outcome.step;
    resolutionError ??= `failed to resolve step ref for step "${step.name ?? ''}" (index ${index}): ${outcome.problem}`;
    return step;
  });
  return { spec: { ...spec, steps: resolved }, ...(resolutionError ? { resolutionError } : {}) };
}

/** One step merged with its StepAction (resolveStepRef). */
export function resolveStepRef(
  step: Step,
  action: StepActionSpec,
  taskParams?: ReadonlyMap<string, ParamValue>,
): StepRefOutcome {
  const declared = (action.params ?? []).filter(Boolean).map(withDefaultType);
  const written = (step.params ?? []).filter(Boolean);
  const given = taskParams
    ? written.map((param) => ({ ...param, value: withTaskParams(param.value, taskParams) }))
    : written;
  const problem = checkStepParams(given, declared);
  if (problem) return { problem };
  const values = stepActionParamValues(given, declared);
  if (typeof values === 'string') return { problem: values };
  const strings = new Map<string, string>();
  const arrays = new Map<string, string[]>();
  // replacementsFromDefaultParams fills every default's keys first, and replacementsFromParams
  // the values over them: an object the step gives keeps the default's other keys.
  for (const param of declared)
    if (param.default !== undefined && typeof param.default !== 'string')
      addReplacements(param.name, param.default, strings, arrays);
  for (const [name, value] of values) addReplacements(name, value, strings, arrays);
  const listed = (items: unknown): unknown[] => (Array.isArray(items) ? items : []);
  const scanned = [
    ...listed(action.command).map(String),
    ...listed(action.args).map(String),
    ...listed(action.env).map((entry) => String((entry as { value?: unknown })?.value ?? '')),
  ];
  for (const [key, value] of stepResultReplacements(given, declared, scanned))
    strings.set(key, value);
  // Such a param has no value yet: a default array must not stand in for `$(params.p[*])`.
  for (const param of given)
    if (typeof param.value === 'string' && param.value.startsWith('$(steps.'))
      arrays.delete(param.name);
  const text = (value: string) => applyStringReplacements(value, strings);
  const list = (items: readonly string[]) =>
    items.flatMap((item) => {
      const whole = /^\$\(params(?:\.([^.[\]()'"]+)|\[["']([^"']+)["']\])(?:\[\*\])?\)$/.exec(item);
      const array = whole ? arrays.get(whole[1] ?? whole[2]) : undefined;
      return array ? [...array] : [text(item)];
    });
  const { ref: _ref, params: _params, ...own } = step;
  const resolved: Step = { ...own };
  // Image, securityContext and workingDir are always the StepAction's, set or not.
  setOrDelete(resolved, 'image', action.image === undefined ? undefined : text(action.image));
  setOrDelete(resolved, 'securityContext', action.securityContext);
  setOrDelete(
    resolved,
    'workingDir',
    action.workingDir === undefined ? undefined : text(action.workingDir),
  );
  if (action.command && action.command.length > 0) resolved.command = list(action.command);
  if (action.args && action.args.length > 0) resolved.args = list(action.args);
  if (action.script) resolved.script = text(action.script);
  if (action.env) resolved.env = action.env.map((entry) => replaceEnv(entry, text));
  if (action.volumeMounts && action.volumeMounts.length > 0)
    resolved.volumeMounts = action.volumeMounts;
  if (action.results && action.results.length > 0) resolved.results = action.results;
  return { step: resolved };
}

/** validateStepHasStepActionParameters: no param the StepAction lacks, none it needs missing. */
function checkStepParams(
  given: readonly { name: string }[],
  declared: readonly ParamSpec[],
): string | undefined {
  const names = new Set(declared.map((param) => param.name));
  const extra = given.filter((param) => !names.has(param.name)).map((param) => param.name);
  if (extra.length > 0) return `extra params passed by Step to StepAction: [${extra.join(' ')}]`;
  const provided = new Set(given.map((param) => param.name));
  const missing = declared
    .filter((param) => param.default === undefined && !provided.has(param.name))
    .map((param) => param.name);
  if (missing.length > 0) return `non-existent params in Step: [${missing.join(' ')}]`;
  return undefined;
}

/**
 * Each StepAction param's value (applyStepActionParameters, steps 2 to 4): the step's, else a
 * default without `$(params.`, else a default naming other params once they have values.
 * A string names Tekton's error when a default names a param that does not exist or the
 * defaults name each other in a circle.
 */
function stepActionParamValues(
  given: readonly { name: string; value: ParamValue }[],
  declared: readonly ParamSpec[],
): Map<string, ParamValue> | string {
  const byStep = new Map(given.map((param) => [param.name, param.value]));
  const values = new Map<string, ParamValue>();
  const pending = new Map<string, string[]>();
  for (const param of declared) {
    const value = byStep.get(param.name);
    if (value !== undefined) values.set(param.name, value);
    else if (param.default !== undefined) {
      const text = typeof param.default === 'string' ? param.default : '';
      if (!text.includes('$(params.')) values.set(param.name, param.default);
      else
        pending.set(
          param.name,
          [...text.matchAll(/\$\(params\.([^)]*)\)/g)].map((m) => m[1]),
        );
    }
  }
  while (pending.size > 0) {
    let progressed = false;
    for (const [name, references] of pending) {
      if (!references.every((reference) => values.has(reference))) continue;
      let text = declared.find((param) => param.name === name)?.default as string;
      for (const reference of references) {
        const value = values.get(reference);
        text = text.split(`$(params.${reference})`).join(typeof value === 'string' ? value : '');
      }
      values.set(name, text);
      pending.delete(name);
      progressed = true;
    }
    if (!progressed) {
      const names = new Set(declared.map((param) => param.name));
      for (const [name, references] of pending) {
        const absent = references.find((reference) => !names.has(reference));
        if (absent !== undefined)
          return `parameter "${name}" references non-existent parameter "${absent}"`;
      }
      return 'circular dependency detected in parameter references';
    }
  }
  // Defaults fill in first and the values above override them (replacementsFromDefaultParams).
  const all = new Map<string, ParamValue>();
  for (const param of declared) if (param.default !== undefined) all.set(param.name, param.default);
  for (const [name, value] of values) all.set(name, value);
  return all;
}

/** The `params.x` keys Tekton replaces for one value (replacementsFromParams' patterns). */
function addReplacements(
  name: string,
  value: ParamValue,
  strings: Map<string, string>,
  arrays: Map<string, string[]>,
): void {
  const keys = [`params.${name}`, `params["${name}"]`, `params['${name}']`];
  if (typeof value === 'string') {
    for (const key of keys) strings.set(key, value);
  } else if (Array.isArray(value)) {
    arrays.set(name, value);
    value.forEach((item, index) => {
      for (const key of keys) strings.set(`${key}[${index}]`, item);
    });
  } else {
    for (const [property, item] of Object.entries(value)) {
      strings.set(`params.${name}.${property}`, item);
      strings.set(`params["${name}"]["${property}"]`, item);
      strings.set(`params['${name}']['${property}']`, item);
    }
  }
}

/** ParamSpec.SetDefaults' type: what the author wrote, else what the default holds. */
function withDefaultType(param: ParamSpec): ParamSpec {
  if (param.type) return param;
  if (param.properties) return { ...param, type: 'object' };
  if (Array.isArray(param.default)) return { ...param, type: 'array' };
  if (param.default !== undefined && typeof param.default === 'object')
    return { ...param, type: 'object' };
  return { ...param, type: 'string' };
}

function replaceEnv(entry: unknown, text: (value: string) => string): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const record = entry as Record<string, unknown>;
  return typeof record.value === 'string' ? { ...record, value: text(record.value) } : entry;
}

function setOrDelete<K extends 'image' | 'securityContext' | 'workingDir'>(
  step: Step,
  key: K,
  value: Step[K] | undefined,
): void {
  if (value === undefined) delete step[key];
  else step[key] = value;
}
