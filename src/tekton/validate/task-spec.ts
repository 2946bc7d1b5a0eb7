// A Task's spec, standalone or embedded in a pipeline task: the step rules that matter to the
// simulator (step onError, step timeout), the fields without which Tekton refuses a Task
// (steps, each step's image), and the unknown-field lint.
import type { Step, TaskSpec } from '../types.js';
import { readDuration } from './durations.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, checkUnknownFieldsOfList, isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';

export function validateTaskSpec(
  spec: TaskSpec,
  specPath: FieldPath,
  kind: 'TaskSpec' | 'EmbeddedTask',
  reporter: Reporter,
): void {
  checkUnknownFields(spec, kind, specPath, reporter);
  const stepsPath = specPath.child('steps');
  checkUnknownFieldsOfList(spec.steps, 'Step', stepsPath, reporter);
  const steps = asArray(spec.steps);
  // Tekton's TaskSpec.Validate: a Task must do something.
  if (steps.length === 0) reporter.error('missing field(s)', stepsPath);
  const templateImage = isObject(spec.stepTemplate) ? spec.stepTemplate.image : undefined;
  steps.forEach((step, position) => {
    const stepPath = stepsPath.index(position);
    validateStep(step ?? {}, stepPath, reporter);
    // Tekton checks the steps merged with stepTemplate, so an image there serves every step;
    // a step that uses a StepAction (ref) takes its image from the StepAction. Tekton spells
    // the path with a capital I (ErrMissingField("Image")).
    if (!isObject(step?.ref) && !step?.image && !templateImage)
      reporter.error('missing field(s)', stepPath.child('Image'));
  });
}

function validateStep(step: Step, stepPath: FieldPath, reporter: Reporter): void {
  const onError = step.onError;
  const isParamReference = typeof onError === 'string' && onError.startsWith('$(params.');
  if (onError !== undefined && onError !== null && onError !== '' && !isParamReference) {
    if (onError !== 'continue' && onError !== 'stopAndFail') {
      reporter.error(
        `invalid value: "${String(onError)}": Task step onError must be either "continue" or "stopAndFail"`,
        stepPath.child('onError'),
      );
    }
  }
  readDuration(step.timeout, stepPath.child('timeout'), reporter);
}
