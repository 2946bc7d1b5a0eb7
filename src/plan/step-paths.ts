// The paths the TaskRun reconciler writes into a step before it runs
// (pkg/reconciler/taskrun/resources/apply.go ApplyResults, ApplyStepExitCodePath, called by
// applyParamsContextsResultsAndWorkspaces): `$(results.R.path)` of each declared result is
// /tekton/results/R, `$(step.results.R.path)` of each result the step itself declares is
// /tekton/steps/<container>/results/R, and `$(steps.<container>.exitCode.path)` of every step is
// /tekton/steps/<container>/exitCode; `$(step.artifacts.path)` and `$(artifacts.path)` are the
// step's and the pod's provenance.json (ApplyArtifacts). Results not declared keep the variable
// as written.
import type { Step, TaskSpec } from '../tekton/types.js';
import { applyStringReplacements } from '../tekton/apply-replacements.js';

/** /tekton/results and /tekton/steps (pipeline.DefaultResultPath, pipeline.StepsDir). */
export const RESULTS_DIRECTORY = '/tekton/results';
export const STEPS_DIRECTORY = '/tekton/steps';

/** pod.StepName: `step-<name>`, or `step-unnamed-<index>`. */
export function stepContainerName(step: Step | undefined, index: number): string {
  const name = step?.name;
  return typeof name === 'string' && name !== '' ? `step-${name}` : `step-unnamed-${index}`;
}

/**
 * The replacements that are the same in every step: the task results' paths (ApplyResults'
 * getTaskResultReplacements) and every step's exit-code path (ApplyStepExitCodePath).
 */
export function taskPathReplacements(spec: TaskSpec): Map<string, string> {
  const paths = new Map<string, string>();
  for (const result of spec.results ?? []) {
    if (typeof result?.name !== 'string') continue;
    const path = `${RESULTS_DIRECTORY}/${result.name}`;
    for (const key of variants('results', result.name)) paths.set(key, path);
  }
  (spec.steps ?? []).forEach((step, stepIndex) => {
    const container = stepContainerName(step, stepIndex);
    paths.set(`steps.${container}.exitCode.path`, `${STEPS_DIRECTORY}/${container}/exitCode`);
  });
  return paths;
}

/** /tekton/artifacts (pipeline.ArtifactsDir), an emptyDir every step of the pod shares. */
export const ARTIFACTS_DIRECTORY = '/tekton/artifacts';

/**
 * The paths step `index` has for itself: the results it declares (ApplyResults'
 * getStepResultReplacements), and `$(step.artifacts.path)` and `$(artifacts.path)`, which
 * ApplyArtifacts (getArtifactReplacements) fills into every step, whatever enable-artifacts says.
 */
export function ownStepResultPaths(step: Step | undefined, index: number): Map<string, string> {
  const paths = new Map<string, string>();
  const own = stepContainerName(step, index);
  paths.set('step.artifacts.path', `${STEPS_DIRECTORY}/${own}/artifacts/provenance.json`);
  paths.set('artifacts.path', `${ARTIFACTS_DIRECTORY}/provenance.json`);
  for (const result of step?.results ?? []) {
    if (typeof result?.name !== 'string') continue;
    const path = `${STEPS_DIRECTORY}/${own}/results/${result.name}`;
    for (const key of variants('step.results', result.name)) paths.set(key, path);
  }
  return paths;
}

/** Every replacement in step `index`: the shared ones and its own step results' paths. */
export function stepPathReplacements(spec: TaskSpec, index: number): Map<string, string> {
  const paths = taskPathReplacements(spec);
  for (const [key, path] of ownStepResultPaths(spec.steps?.[index], index)) paths.set(key, path);
  return paths;
}

/** `<prefix>.R.path`, `<prefix>["R"].path`, `<prefix>['R'].path`. */
function variants(prefix: string, name: string): string[] {
  return [
    `${prefix}.${name}.path`,
    `${prefix}[${JSON.stringify(name)}].path`,
    `${prefix}['${name}'].path`,
  ];
}

/** The step's script, command and args with those paths in place. */
export function withStepPaths(step: Step, paths: ReadonlyMap<string, string>): Step {
  const fill = (text: unknown) =>
    typeof text === 'string' ? applyStringReplacements(text, paths) : text;
  const filled: Step = { ...step };
  if (step.script !== undefined) filled.script = fill(step.script) as string;
  if (Array.isArray(step.command)) filled.command = step.command.map(fill) as string[];
  if (Array.isArray(step.args)) filled.args = step.args.map(fill) as string[];
  return filled;
}
