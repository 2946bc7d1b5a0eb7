// Every `$(params.…)` a step uses is declared (Tekton's ValidateUsageOfDeclaredParameters,
// task_validation.go): for a Task created on its own against its params, for an embedded
// taskSpec of a Pipeline against its own params plus the Pipeline's, for an embedded taskSpec
// of a PipelineRun's pipelineSpec against everything the PipelineRun declares
// (declared-params.ts). Three checks, in Tekton's order: unknown names, object keys missing
// from `properties` and whole objects where a string goes, object params without
// `properties`. The paths are Tekton's, quirks included: the embedded spec's `taskSpec` is not
// in them, a volume mount is `volumeMount[i]`, and the whole-object check re-prefixes the
// errors of earlier steps with each later step (`steps[1].steps[0].script`), because
// validateObjectUsageAsWhole applies ViaFieldIndex to everything gathered so far.
import { ParamReferenceMessages } from '../../model/reasons.js';
import type { Step } from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import {
  entireProhibitedVariableError,
  notIsolatedError,
  prohibitedVariableError,
  unknownVariableError,
} from './param-references.js';
import type { DeclaredParam } from './param-usage.js';
import type { FieldPath, Reporter } from './report.js';

const PREFIX = 'params';

interface StepField {
  /** Tekton's path below `steps[i]`. */
  text: string;
  /** Where the value is in the file, below `steps[i]`. */
  yaml: (string | number)[];
  value: string;
}

export function validateUsageOfDeclaredParameters(
  steps: readonly Step[],
  params: readonly DeclaredParam[],
  stepsPath: FieldPath,
  reporter: Reporter,
): void {
  const names = new Set(params.map((param) => param.name));
  const objects = params.filter((param) => param.type === 'object');
  const fieldsOf = steps.map((step) => stepFields(step));
  // Knative prints a message once per path, however many checks found it.
  const seen = new Set<string>();
  const report = (
    message: string | undefined,
    stepPrefix: string,
    index: number,
    field: StepField,
  ) => {
    if (!message) return;
    const path = locate(stepsPath, stepPrefix, index, field);
    const key = `${message}\u0000${path.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    reporter.error(message, path);
  };
  // validateVariables: every field of every step, names only.
  fieldsOf.forEach((fields, index) => {
    for (const field of fields)
      report(
        unknownVariableError(field.value, PREFIX, names, detailed(field, reporter)),
        `steps[${index}]`,
        index,
        field,
      );
  });
  // validateObjectUsage: the keys of each object param, then whole objects.
  for (const object of objects) {
    const keys = new Set(object.propertyKeys ?? []);
    fieldsOf.forEach((fields, index) => {
      for (const field of fields) {
        const message = unknownVariableError(
          field.value,
          `${PREFIX}\\.${object.name}`,
          keys,
          detailed(field, reporter),
        );
        report(message, `steps[${index}]`, index, field);
      }
    });
  }
  const objectNames = new Set(objects.map((object) => object.name));
  fieldsOf.forEach((fields, index) => {
    const prefix = Array.from(
      { length: steps.length - index },
      (_, offset) => `steps[${steps.length - 1 - offset}]`,
    ).join('.');
    for (const field of wholeObjectFields(fields)) {
      report(entireProhibitedVariableError(field.value, PREFIX, objectNames), prefix, index, field);
    }
  });
  // ValidateObjectParamsHaveProperties.
  for (const object of objects) {
    if (object.propertyKeys === undefined) {
      reporter.error(
        ParamReferenceMessages.missingField,
        stepsPath.spelled(`${parentText(stepsPath)}${object.name}.properties`),
      );
    }
  }
}

/** v1beta1's validateStepVariables checks a script WithDetail (v1's does not). */
function detailed(field: StepField, reporter: Reporter): boolean {
  return field.text === 'script' && reporter.isV1beta1;
}

/** validateStepVariables' fields, in its order; a volume mount's fields as Tekton spells them. */
function stepFields(step: Step): StepField[] {
  const record: Record<string, unknown> = isObject(step) ? step : {};
  const fields: StepField[] = [];
  const add = (text: string, yaml: (string | number)[], value: unknown) => {
    if (typeof value === 'string' && value !== '') fields.push({ text, yaml, value });
  };
  add('name', ['name'], record.name);
  add('image', ['image'], record.image);
  add('workingDir', ['workingDir'], record.workingDir);
  add('script', ['script'], record.script);
  asArray(record.command as unknown[]).forEach((part, i) =>
    add(`command[${i}]`, ['command', i], part),
  );
  asArray(record.args as unknown[]).forEach((part, i) => add(`args[${i}]`, ['args', i], part));
  asArray(record.env as unknown[]).forEach((env, i) => {
    if (isObject(env)) add(`env[${String(env.name ?? '')}]`, ['env', i, 'value'], env.value);
  });
  asArray(record.volumeMounts as unknown[]).forEach((mount, i) => {
    if (!isObject(mount)) return;
    add(`volumeMount[${i}].name`, ['volumeMounts', i, 'name'], mount.name);
    add(`volumeMount[${i}].MountPath`, ['volumeMounts', i, 'mountPath'], mount.mountPath);
    add(`volumeMount[${i}].SubPath`, ['volumeMounts', i, 'subPath'], mount.subPath);
  });
  add('onError', ['onError'], record.onError);
  return fields;
}

/** validateStepObjectUsageAsWhole reads the same fields but no onError, mountPath in lower case. */
function wholeObjectFields(fields: readonly StepField[]): StepField[] {
  return fields
    .filter((field) => field.text !== 'onError')
    .map((field) => ({
      ...field,
      text: field.text.replace('.MountPath', '.mountPath').replace('.SubPath', '.subPath'),
    }));
}

function locate(
  stepsPath: FieldPath,
  stepPrefix: string,
  index: number,
  field: StepField,
): FieldPath {
  let path = stepsPath.index(index);
  for (const segment of field.yaml)
    path = typeof segment === 'number' ? path.index(segment) : path.child(segment);
  return path.spelled(`${parentText(stepsPath)}${stepPrefix}.${field.text}`);
}

/** The Tekton text in front of `steps`: `spec.tasks[0].` for `spec.tasks[0].steps`. */
function parentText(stepsPath: FieldPath): string {
  return stepsPath.text.replace(/steps$/, '');
}

/**
 * validateVariables for any prefix (validateTaskContextVariables uses `context\.taskRun` and
 * `context\.task`): every reference in every step field names one of `known`.
 */
export function validateStepVariableNames(
  steps: readonly Step[],
  prefix: string,
  known: ReadonlySet<string>,
  stepsPath: FieldPath,
  reporter: Reporter,
): void {
  steps.forEach((step, index) => {
    for (const field of stepFields(step)) {
      const message = unknownVariableError(field.value, prefix, known, detailed(field, reporter));
      if (message) reporter.error(message, locate(stepsPath, `steps[${index}]`, index, field));
    }
  });
}

/**
 * validateArrayUsage (from ValidateParameterVariables, so embedded specs too): an array param
 * only alone in a command or args item, nowhere in another field. Its loop has the same
 * re-prefixing quirk as the whole-object check above.
 */
export function validateArrayUsage(
  steps: readonly Step[],
  arrays: ReadonlySet<string>,
  stepsPath: FieldPath,
  reporter: Reporter,
): void {
  if (arrays.size === 0) return;
  steps.forEach((step, index) => {
    const prefix = Array.from(
      { length: steps.length - index },
      (_, offset) => `steps[${steps.length - 1 - offset}]`,
    ).join('.');
    for (const field of wholeObjectFields(stepFields(step))) {
      const isolatedOnly = /^(command|args)\[/.test(field.text);
      const message = isolatedOnly
        ? notIsolatedError(field.value, PREFIX, arrays)
        : prohibitedVariableError(field.value, PREFIX, arrays);
      if (message) reporter.error(message, locate(stepsPath, prefix, index, field));
    }
  });
}
