// A Task's spec, standalone or embedded in a pipeline task: the step rules that matter to the
// simulator (step onError, step timeout) and the unknown-field lint.
import type { Step, TaskSpec } from '../types.js';
import { readDuration } from './durations.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, checkUnknownFieldsOfList } from './fields.js';
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
  asArray(spec.steps).forEach((step, position) =>
    validateStep(step ?? {}, stepsPath.index(position), reporter),
  );
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
