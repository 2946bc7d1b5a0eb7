// The environment a step's container starts with, as its script reads it (`$MY_VAR`).
//
// Tekton merges the Task's `stepTemplate` under each step (`MergeStepsWithStepTemplate`,
// pkg/apis/pipeline/v1/merge.go: a strategic merge patch, `env` merged by name with the step's
// entry winning, `envFrom` lists appended) and substitutes params, contexts and workspaces
// into the env values (`applyStepReplacements`, pkg/reconciler/taskrun/resources/apply.go).
// The kubelet then builds the container's environment: every `envFrom` source's keys first,
// then `env` in order, a later name replacing an earlier one; `valueFrom` reads a key of a
// ConfigMap or Secret (`configMapKeyRef`, `secretKeyRef`).
//
// Left out: a ConfigMap or Secret not among the loaded files (the kubelet would refuse to
// start the container unless `optional`), `fieldRef`/`resourceFieldRef`, the kubelet's own
// `$(VAR)` expansion inside values, and the image's ENV (PATH, HOME...).
import type { Plan } from '../plan/plan.js';

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** `env` of the stepTemplate under the step's: by name, the step's entry wins in place. */
function mergedEnv(template: Raw | undefined, step: Raw): Raw[] {
  const own = records(step.env);
  const ownNames = new Set(own.map((entry) => entry.name));
  const inherited = records(template?.env).filter((entry) => !ownNames.has(entry.name));
  return [...inherited, ...own];
}

function keyOf(plan: Plan, kind: 'ConfigMap' | 'Secret', ref: unknown): string | undefined {
  if (!isRecord(ref) || typeof ref.name !== 'string' || typeof ref.key !== 'string')
    return undefined;
  return plan.volumeSources.get(`${kind}/${ref.name}`)?.[ref.key];
}

/**
 * The step's environment variables, or undefined when it sets none. `fill` substitutes
 * Tekton's variables into a value as the reconciler does.
 */
export function stepEnvironment(
  plan: Plan,
  taskSpec: unknown,
  stepIndex: number,
  fill: (text: string) => string,
): Map<string, string> | undefined {
  if (!isRecord(taskSpec) || !Array.isArray(taskSpec.steps)) return undefined;
  const step = taskSpec.steps[stepIndex];
  if (!isRecord(step)) return undefined;
  const template = isRecord(taskSpec.stepTemplate) ? taskSpec.stepTemplate : undefined;
  const envFrom = [...records(template?.envFrom), ...records(step.envFrom)];
  const env = mergedEnv(template, step);
  if (envFrom.length === 0 && env.length === 0) return undefined;
  const environment = new Map<string, string>();
  for (const source of envFrom) {
    const prefix = typeof source.prefix === 'string' ? source.prefix : '';
    const ref = isRecord(source.configMapRef) ? source.configMapRef : source.secretRef;
    const kind = isRecord(source.configMapRef) ? 'ConfigMap' : 'Secret';
    if (!isRecord(ref) || typeof ref.name !== 'string') continue;
    const data = plan.volumeSources.get(`${kind}/${ref.name}`);
    for (const [key, value] of Object.entries(data ?? {})) environment.set(prefix + key, value);
  }
  for (const entry of env) {
    if (typeof entry.name !== 'string') continue;
    if (typeof entry.value === 'string') environment.set(entry.name, fill(entry.value));
    else if (isRecord(entry.valueFrom)) {
      const from = entry.valueFrom;
      const value =
        keyOf(plan, 'ConfigMap', from.configMapKeyRef) ?? keyOf(plan, 'Secret', from.secretKeyRef);
      if (value !== undefined) environment.set(entry.name, value);
    } else environment.set(entry.name, '');
  }
  return environment;
}

/** The step's `workingDir`, or the stepTemplate's when the step has none (the same merge). */
export function stepWorkingDir(taskSpec: unknown, stepIndex: number): string | undefined {
  if (!isRecord(taskSpec) || !Array.isArray(taskSpec.steps)) return undefined;
  const step = taskSpec.steps[stepIndex];
  const own = isRecord(step) ? step.workingDir : undefined;
  if (typeof own === 'string' && own !== '') return own;
  const template = isRecord(taskSpec.stepTemplate) ? taskSpec.stepTemplate.workingDir : undefined;
  return typeof template === 'string' && template !== '' ? template : undefined;
}

/**
 * The step's `stdoutConfig.path` and `stderrConfig.path`, variables filled in: the entrypoint
 * writes its output there (`-stdout_path`, `-stderr_path` in pkg/pod/entrypoint.go).
 */
export function stepOutputPaths(
  taskSpec: unknown,
  stepIndex: number,
  fill: (text: string) => string,
): { stdout?: string; stderr?: string } | undefined {
  if (!isRecord(taskSpec) || !Array.isArray(taskSpec.steps)) return undefined;
  const step = taskSpec.steps[stepIndex];
  if (!isRecord(step)) return undefined;
  const path = (config: unknown) =>
    isRecord(config) && typeof config.path === 'string' && config.path !== ''
      ? fill(config.path)
      : undefined;
  const stdout = path(step.stdoutConfig);
  const stderr = path(step.stderrConfig);
  if (stdout === undefined && stderr === undefined) return undefined;
  return {
    ...(stdout !== undefined ? { stdout } : {}),
    ...(stderr !== undefined ? { stderr } : {}),
  };
}
