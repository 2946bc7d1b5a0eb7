// A Task's steps and sidecars as a whole (StepList.Validate and SidecarList.Validate in
// pkg/apis/pipeline/v1/task_validation.go, Sidecar.Validate in container_validation.go):
// unique step names, each step (step.ts), a step's own results; each sidecar's name, image
// and script. SidecarList.Validate adds no index, so a sidecar's errors are at
// `sidecars.image` whichever sidecar it is, and knative merges those of several. v1beta1's
// TaskSpec.Validate differs: a step name used twice is `invalid value: <name>` inside its
// validateStep, and of a sidecar only a reserved name is refused.
import type { Step } from '../types.js';
import { unknownVariableError } from './param-references.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';
import { mergeWithTemplate, validateStep } from './step.js';
import { validateResults } from './task-results.js';
import { validateWhenExpressions } from './when.js';

// pipeline.ReservedResultsSidecarName.
const RESERVED_SIDECAR_NAME = 'tekton-log-results';

export function validateStepList(
  steps: readonly (Step | undefined)[],
  template: unknown,
  stepsPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const names = new Set<string>();
  steps.forEach((given, position) => {
    const step = given ?? {};
    const stepPath = stepsPath.index(position);
    const named = typeof step.name === 'string' && step.name !== '';
    const usedBefore = named && names.has(step.name as string);
    if (usedBefore && !reporter.isV1beta1)
      reporter.error('expected exactly one, got both', stepPath.child('name'));
    if (named) names.add(step.name as string);
    const merged = mergeWithTemplate(step, template);
    validateStep(merged, stepPath, reporter, options, usedBefore && reporter.isV1beta1);
    // A step's `when` (StepList.Validate): the same checks as a pipeline task's.
    const when = (step as Record<string, unknown>).when;
    if (Array.isArray(when) && when.length > 0)
      validateWhenExpressions(when, stepPath.child('when'), reporter, options);
    // Only a step that declares results (`s.Results != nil`) has them checked.
    if (step.results === undefined || step.results === null) return;
    const resultNames = new Set(
      asArray(step.results).flatMap((result) =>
        isObject(result) && typeof result.name === 'string' ? [result.name] : [],
      ),
    );
    // ValidateStepResultsVariables: `$(step.results.x.path)` names a result of this step.
    if (typeof step.script === 'string') {
      const unknown = unknownVariableError(step.script, 'step.results', resultNames);
      if (unknown) reporter.error(unknown, stepPath.child('script'));
    }
    validateResults(step.results, stepPath.child('results'), 'step', reporter);
  });
}

export function validateSidecars(sidecars: unknown, sidecarsPath: FieldPath, reporter: Reporter) {
  asArray(sidecars as readonly unknown[] | undefined).forEach((sidecar, position) => {
    if (!isObject(sidecar)) return;
    const at = sidecarsPath.index(position);
    // v1beta1's validateSidecarNames checks the name alone, at `sidecars`.
    if (reporter.isV1beta1) {
      if (sidecar.name === RESERVED_SIDECAR_NAME)
        reporter.error(
          `Invalid: cannot use reserved sidecar name ${RESERVED_SIDECAR_NAME} `,
          sidecarsPath,
          at.child('name'),
        );
      return;
    }
    // Tekton's path has no index; the file's place does.
    const field = (name: string) => at.child(name).spelled(`${sidecarsPath.text}.${name}`);
    if (sidecar.name === RESERVED_SIDECAR_NAME)
      reporter.error(
        `Invalid: cannot use reserved sidecar name ${RESERVED_SIDECAR_NAME} `,
        field('name'),
      );
    if (typeof sidecar.image !== 'string' || sidecar.image === '')
      reporter.error('missing field(s)', field('image'), at);
    const script = sidecar.script;
    if (
      typeof script === 'string' &&
      script !== '' &&
      asArray(sidecar.command as unknown[]).length > 0
    )
      reporter.error('script cannot be used with command', field('script'));
  });
}
