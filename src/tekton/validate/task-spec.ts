// A Task's spec, standalone or embedded in a pipeline task: the step rules that matter to the
// simulator (step onError, step timeout), the fields without which Tekton refuses a Task
// (steps, each step's image), and the unknown-field lint.
import type { Step, TaskSpec } from '../types.js';
import { requireApiFields } from './api-fields.js';
import { readDuration } from './durations.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, checkUnknownFieldsOfList, isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { validateParamEnums } from './param-enums.js';
import { validateParamTypes } from './param-types.js';
import { unknownVariableError } from './param-references.js';
import type { FieldPath, Reporter } from './report.js';

export function validateTaskSpec(
  spec: TaskSpec,
  specPath: FieldPath,
  kind: 'TaskSpec' | 'EmbeddedTask',
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  checkUnknownFields(spec, kind, specPath, reporter);
  const stepsPath = specPath.child('steps');
  checkUnknownFieldsOfList(spec.steps, 'Step', stepsPath, reporter);
  const steps = asArray(spec.steps);
  // Tekton's TaskSpec.Validate: a Task must do something.
  if (steps.length === 0) reporter.error('missing field(s)', stepsPath);
  const templateImage = isObject(spec.stepTemplate) ? spec.stepTemplate.image : undefined;
  const resultNames = new Set(
    asArray(spec.results).flatMap((result) =>
      isObject(result) && typeof result.name === 'string' ? [result.name] : [],
    ),
  );
  steps.forEach((step, position) => {
    const stepPath = stepsPath.index(position);
    validateStep(step ?? {}, stepPath, reporter);
    // validateTaskResultsVariables: a script writes only the results its Task declares.
    if (typeof step?.script === 'string') {
      const unknownResult = unknownVariableError(
        step.script,
        'results',
        resultNames,
        reporter.isV1beta1,
      );
      if (unknownResult) reporter.error(unknownResult, stepPath.child('script'));
    }
    // Tekton checks the steps merged with stepTemplate, so an image there serves every step;
    // a step that uses a StepAction (ref) takes its image from the StepAction. Tekton spells
    // the path with a capital I (ErrMissingField("Image")).
    if (!isObject(step?.ref) && !step?.image && !templateImage)
      reporter.error('missing field(s)', stepPath.child('Image'));
    validateStepApiFields(step ?? {}, stepPath, reporter, options);
  });
  asArray(spec.sidecars as readonly unknown[] | undefined).forEach((sidecar, position) => {
    if (isObject(sidecar) && asArray(sidecar.workspaces as unknown[]).length > 0)
      requireApiFields(
        'sidecar workspaces',
        'beta',
        options.enableApiFields,
        specPath.child('sidecars').index(position),
        reporter,
      );
  });
  validateParamTypes(spec.params, specPath.child('params'), [`${specPath.text}.`], reporter);
  validateParamEnums(spec.params, specPath, reporter, options);
}

/** The step fields v1.15 gates on enable-api-fields (validateStep, validateStepWorkspaces). */
function validateStepApiFields(
  step: Step,
  stepPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const level = options.enableApiFields;
  const fields = step as Record<string, unknown>;
  if (typeof step.script === 'string' && step.script.trim().startsWith('#!win'))
    requireApiFields('windows script support', 'alpha', level, stepPath.child('script'), reporter);
  // Tekton spells these two paths in lower case.
  if (fields.stdoutConfig !== undefined && fields.stdoutConfig !== null)
    requireApiFields(
      'step stdout stream support',
      'alpha',
      level,
      stepPath.child('stdoutConfig').spelled(`${stepPath.text}.stdoutconfig`),
      reporter,
    );
  if (fields.stderrConfig !== undefined && fields.stderrConfig !== null)
    requireApiFields(
      'step stderr stream support',
      'alpha',
      level,
      stepPath.child('stderrConfig').spelled(`${stepPath.text}.stderrconfig`),
      reporter,
    );
  if (asArray(step.workspaces as unknown[] | undefined).length > 0)
    requireApiFields('step workspaces', 'beta', level, stepPath, reporter);
}

/**
 * What a step that uses a StepAction may not set, and a step without one may not give params
 * (Step.Validate in pkg/apis/pipeline/v1/container_validation.go). Tekton validates the ref
 * itself without stepping into it, so a ref with no name is missing `steps[i].name`.
 */
function validateStepRef(step: Step, stepPath: FieldPath, reporter: Reporter): void {
  const fields = step as Record<string, unknown>;
  const ref = fields.ref;
  const set = (value: unknown) => value !== undefined && value !== null;
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  if (!isObject(ref)) {
    if (nonEmpty(fields.params))
      reporter.error('params cannot be used without Ref', stepPath.child('params'));
    return;
  }
  const remote = set(ref.resolver) && ref.resolver !== '';
  if (!remote && !set(ref.params) && (typeof ref.name !== 'string' || ref.name === ''))
    reporter.error(
      'missing field(s)',
      stepPath.child('ref').child('name').spelled(`${stepPath.text}.name`),
    );
  const refused: [string, boolean, string][] = [
    ['image', typeof fields.image === 'string' && fields.image !== '', 'image'],
    ['command', nonEmpty(fields.command), 'command'],
    ['args', nonEmpty(fields.args), 'args'],
    ['script', typeof fields.script === 'string' && fields.script !== '', 'script'],
    [
      'workingDir',
      typeof fields.workingDir === 'string' && fields.workingDir !== '',
      'working dir',
    ],
    ['env', set(fields.env), 'env'],
    ['volumeMounts', nonEmpty(fields.volumeMounts), 'volumeMounts'],
    ['results', nonEmpty(fields.results), 'results'],
  ];
  for (const [field, present, words] of refused)
    if (present) reporter.error(`${words} cannot be used with Ref`, stepPath.child(field));
}

function validateStep(step: Step, stepPath: FieldPath, reporter: Reporter): void {
  validateStepRef(step, stepPath, reporter);
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
