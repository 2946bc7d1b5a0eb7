// One step of a Task as Tekton's Step.Validate (pkg/apis/pipeline/v1/container_validation.go)
// sees it, after MergeStepsWithStepTemplate: the StepAction ref rules, the image, the name,
// the timeout, the volume mounts, onError, the gated fields and where step results and
// artifacts may be read (step-references.ts). Two early returns are Tekton's and kept: an
// artifact reference with enable-artifacts off is the step's only error, and so is a
// negative timeout.
import { formatGoDuration } from '../duration.js';
import type { Step } from '../types.js';
import { requireApiFields } from './api-fields.js';
import { readDuration } from './durations.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { isDns1123Label } from './dns-label.js';
import { validateRef } from './refs.js';
import { cleanPath } from './clean-path.js';
import { readsArtifacts, validateReferencePlaces } from './step-references.js';
import type { FieldPath, Reporter } from './report.js';

const STEP_NAME_DETAILS =
  'Task step name must be a valid DNS Label, For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names';
const ON_ERROR_DETAILS = 'Task step onError must be either "continue" or "stopAndFail"';

/** The fields of a step merged with its Task's stepTemplate that Step.Validate reads. */
export interface MergedStep {
  step: Step;
  image: string;
  volumeMounts: readonly unknown[];
}

/**
 * MergeStepsWithStepTemplate: a step without a ref takes the template's image when it has
 * none, and the template's volume mounts besides its own (merged by mountPath).
 */
export function mergeWithTemplate(step: Step, template: unknown): MergedStep {
  const own = typeof step.image === 'string' ? step.image : '';
  const mounts = asArray(step.volumeMounts as unknown[] | undefined);
  if (isObject(step.ref) || !isObject(template)) return { step, image: own, volumeMounts: mounts };
  const image = own || (typeof template.image === 'string' ? template.image : '');
  const paths = new Set(mounts.map((mount) => (isObject(mount) ? mount.mountPath : undefined)));
  const inherited = asArray(template.volumeMounts as unknown[] | undefined).filter(
    (mount) => !(isObject(mount) && paths.has(mount.mountPath)),
  );
  return { step, image, volumeMounts: [...mounts, ...inherited] };
}

export function validateStep(
  merged: MergedStep,
  stepPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  /** v1beta1's validateStep refuses a name used before itself (v1's StepList.Validate does). */
  nameUsedBefore = false,
): void {
  const { step } = merged;
  const fields = step as Record<string, unknown>;
  // validateArtifactsReferencesInStep returns before anything else is checked.
  if (!options.enableArtifacts && readsArtifacts(step)) {
    reporter.error(
      'feature flag enable-artifacts should be set to true to use artifacts feature.',
      stepPath,
    );
    return;
  }
  // Everything said from here on is dropped again by a negative timeout.
  const mark = reporter.mark();
  const add = (message: string, path: FieldPath, details?: string) =>
    reporter.error(message, path, undefined, details);
  // Ref.Validate adds no `ref` to its paths: a ref without a name is missing `steps[i].name`.
  if (isObject(step.ref))
    validateRef(step.ref, stepPath.child('ref').spelled(stepPath.text), reporter, options);
  validateStepRef(step, stepPath, add);
  if (!isObject(step.ref)) {
    // Tekton spells the path with a capital I (ErrMissingField("Image")).
    if (merged.image === '') add('missing field(s)', stepPath.child('Image'));
    if (nonEmptyString(step.script) && asArray(step.command).length > 0)
      add('script cannot be used with command', stepPath.child('script'));
  }
  if (nameUsedBefore && nonEmptyString(step.name))
    add(`invalid value: ${step.name}`, stepPath.child('name'));
  if (nonEmptyString(step.name) && !isDns1123Label(step.name))
    add(`invalid value ${JSON.stringify(step.name)}`, stepPath.child('name'), STEP_NAME_DETAILS);
  // A negative timeout is the step's only error: Step.Validate returns it alone, with the
  // words "negative timeout" standing as the path.
  const timeout = readDuration(step.timeout, stepPath.child('timeout'), reporter);
  if (timeout !== undefined && timeout < 0) {
    reporter.discardSince(mark);
    reporter.error(
      `invalid value: ${formatGoDuration(timeout)}`,
      stepPath.child('timeout').spelled(`${stepPath.text}.negative timeout`),
    );
    return;
  }
  merged.volumeMounts.forEach((mount, position) =>
    validateVolumeMount(mount, stepPath.child('volumeMounts').index(position), add),
  );
  const onError = step.onError;
  if (nonEmptyString(onError) && !onError.startsWith('$(params.')) {
    if (onError !== 'continue' && onError !== 'stopAndFail')
      // Tekton's details, appended to the message as this project has always printed them.
      add(`invalid value: "${onError}": ${ON_ERROR_DETAILS}`, stepPath.child('onError'));
  }
  validateStepApiFields(step, fields, stepPath, reporter, options);
  validateReferencePlaces(step, merged.volumeMounts, stepPath, reporter);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** What a step that uses a StepAction may not set, and a step without one may not give params. */
function validateStepRef(
  step: Step,
  stepPath: FieldPath,
  add: (message: string, path: FieldPath) => void,
): void {
  const fields = step as Record<string, unknown>;
  const ref = fields.ref;
  const set = (value: unknown) => value !== undefined && value !== null;
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  if (!isObject(ref)) {
    if (nonEmpty(fields.params)) add('params cannot be used without Ref', stepPath.child('params'));
    return;
  }
  const refused: [string, boolean, string][] = [
    ['image', nonEmptyString(fields.image), 'image'],
    ['command', nonEmpty(fields.command), 'command'],
    ['args', nonEmpty(fields.args), 'args'],
    ['script', nonEmptyString(fields.script), 'script'],
    ['workingDir', nonEmptyString(fields.workingDir), 'working dir'],
    ['env', set(fields.env), 'env'],
    ['volumeMounts', nonEmpty(fields.volumeMounts), 'volumeMounts'],
    ['results', nonEmpty(fields.results), 'results'],
  ];
  for (const [field, present, words] of refused)
    if (present) add(`${words} cannot be used with Ref`, stepPath.child(field));
}

/** Tekton's own mounts live under /tekton/ (all but /tekton/home) and are named tekton-internal-. */
function validateVolumeMount(
  mount: unknown,
  mountPath: FieldPath,
  add: (message: string, path: FieldPath) => void,
): void {
  if (!isObject(mount)) return;
  const name = typeof mount.name === 'string' ? mount.name : '';
  const written = typeof mount.mountPath === 'string' ? mount.mountPath : '';
  const clean = cleanPath(written);
  if (clean.startsWith('/tekton/') && !clean.startsWith('/tekton/home'))
    add(
      `volumeMount cannot be mounted under /tekton/ (volumeMount ${JSON.stringify(name)} mounted at ${JSON.stringify(written)})`,
      mountPath.child('mountPath'),
    );
  if (name.startsWith('tekton-internal-'))
    add(
      `volumeMount name ${JSON.stringify(name)} cannot start with "tekton-internal-"`,
      mountPath.child('name'),
    );
}

/** The step fields v1.15 gates on enable-api-fields (Step.Validate, validateWorkspaceUsages). */
function validateStepApiFields(
  step: Step,
  fields: Record<string, unknown>,
  stepPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const level = options.enableApiFields;
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
