// Every `$(params.…)` in a pipeline task's params, matrix and when expressions names a declared
// param of the right type (Tekton's validatePipelineTaskParameterUsage): a string param or an
// object's declared key where a string goes, an array only where an array goes, and alone.
// Tekton runs this for a standalone Pipeline (against its params) and for a PipelineRun's
// embedded pipelineSpec (against a wider set, see inline-params.ts); never for `finally` of
// an embedded spec, and never inside an embedded Pipeline's own Validate.
import type { Param, ParamSpec, ParamValue, PipelineTask, WhenExpression } from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import {
  entireProhibitedVariableError,
  isWholeStarReference,
  notIsolatedError,
  prohibitedVariableError,
  unknownVariableError,
} from './param-references.js';
import type { FieldPath, Reporter } from './report.js';

const PREFIX = 'params';

/** The params references may name, sorted by type as Tekton's SortByType does. */
export interface DeclaredParams {
  names: ReadonlySet<string>;
  arrays: ReadonlySet<string>;
  /** Object params that declare at least one key, with those keys (Go's objectParamNameKeys). */
  objectKeys: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface DeclaredParam {
  name: string;
  type: string;
  /** Undefined when `properties` is absent (Go's nil map). */
  propertyKeys?: readonly string[];
}

export function declaredParamsOf(params: readonly DeclaredParam[]): DeclaredParams {
  const objectKeys = new Map<string, Set<string>>();
  for (const param of params) {
    if (param.type !== 'object') continue;
    for (const key of param.propertyKeys ?? []) {
      const keys = objectKeys.get(param.name) ?? new Set<string>();
      keys.add(key);
      objectKeys.set(param.name, keys);
    }
  }
  return {
    names: new Set(params.map((param) => param.name)),
    arrays: new Set(params.filter((param) => param.type === 'array').map((param) => param.name)),
    objectKeys,
  };
}

/** A ParamSpec after Tekton's defaulting (ParamSpec.SetDefaults infers a missing type). */
export function declaredParamOfSpec(spec: ParamSpec): DeclaredParam {
  const properties = isObject(spec.properties) ? Object.keys(spec.properties) : undefined;
  return { name: String(spec.name ?? ''), type: paramSpecType(spec), propertyKeys: properties };
}

function paramSpecType(spec: ParamSpec): string {
  const written: unknown = spec.type;
  if (typeof written === 'string' && written !== '') return written;
  if (spec.properties !== undefined && spec.properties !== null) return 'object';
  if (spec.default === undefined || spec.default === null) return 'string';
  return paramValueType(spec.default);
}

/** The type Tekton's ParamValue decoder gives a value. */
export function paramValueType(value: ParamValue | undefined): 'string' | 'array' | 'object' {
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  return 'string';
}

/** validatePipelineParametersVariables over one list; `taskPathOf` spells Tekton's path. */
export function validatePipelineTaskParamUsage(
  tasks: readonly PipelineTask[],
  taskPathOf: (position: number) => FieldPath,
  declared: DeclaredParams,
  reporter: Reporter,
): void {
  const report = reportOnce(reporter);
  tasks.forEach((task, position) => {
    const taskPath = taskPathOf(position);
    checkTaskParams(asArray(task.params), taskPath, declared, report);
    checkMatrix(task, taskPath, declared, report);
    asArray(task.when).forEach((expression, index) =>
      checkWhen(expression, taskPath.child('when').index(index), declared, report),
    );
  });
}

function checkTaskParams(
  params: readonly Param[],
  taskPath: FieldPath,
  declared: DeclaredParams,
  report: Report,
): void {
  params.forEach((param, position) => {
    if (!param) return;
    const paramPath = taskPath.keyed('params', String(param.name ?? ''), position);
    const value = param.value;
    if (Array.isArray(value)) {
      value.forEach((element, index) =>
        report(
          arrayVariableErrors(String(element), declared),
          paramPath.child('value').index(index),
        ),
      );
    } else if (isObject(value)) {
      for (const [key, element] of Object.entries(value)) {
        const keyPath = paramPath
          .child('value')
          .child(key)
          .spelled(`${paramPath.text}.properties[${key}]`);
        report(stringVariableErrors(String(element), declared), keyPath);
      }
    } else {
      const text = typeof value === 'string' ? value : '';
      // A string that is exactly `$(params.x[*])` hands over a whole array or object: only
      // the name is checked (validateParamStringValue).
      const errors = isWholeStarReference(text, PREFIX)
        ? [unknownVariableError(text, PREFIX, declared.names)]
        : stringVariableErrors(text, declared);
      report(errors, paramPath);
    }
  });
}

/** Include rows first, then params, as Tekton walks them; only a task with a matrix. */
function checkMatrix(
  task: PipelineTask,
  taskPath: FieldPath,
  declared: DeclaredParams,
  report: Report,
): void {
  const matrixPath = taskPath.child('matrix');
  const include = asArray(task.matrix?.include);
  include.forEach((row, rowIndex) => {
    asArray(row?.params).forEach((param, position) => {
      if (!param || typeof param.value !== 'string') return;
      // Tekton's path drops the row's index and keeps the param's: `matrix.include.params[1]`.
      const path = matrixPath
        .child('include')
        .index(rowIndex)
        .child('params')
        .index(position)
        .spelled(`${matrixPath.text}.include.params[${position}]`);
      report(stringVariableErrors(param.value, declared), path);
    });
  });
  asArray(task.matrix?.params).forEach((param, position) => {
    if (!param || !Array.isArray(param.value)) return;
    const valuePath = matrixPath.keyed('params', String(param.name ?? ''), position).child('value');
    param.value.forEach((element, index) =>
      report(arrayVariableErrors(String(element), declared), valuePath.index(index)),
    );
  });
}

function checkWhen(
  expression: WhenExpression | undefined,
  whenPath: FieldPath,
  declared: DeclaredParams,
  report: Report,
): void {
  if (!expression) return;
  const input = typeof expression.input === 'string' ? expression.input : '';
  report(stringVariableErrors(input, declared), whenPath.child('input'));
  const valuesPath = whenPath.child('values');
  asArray(expression.values).forEach((value, index) => {
    const text = typeof value === 'string' ? value : String(value ?? '');
    // `$(params.arr[*])` among the values expands to the array's elements.
    const errors = declared.arrays.has(arrayReferenceName(text))
      ? arrayVariableErrors(text, declared)
      : stringVariableErrors(text, declared);
    report(errors, valuesPath.index(index).spelled(valuesPath.text));
  });
}

/** ArrayReference: `$(params.x[*])` → `x` (each end trimmed on its own, as Go's TrimPrefix/TrimSuffix). */
function arrayReferenceName(text: string): string {
  const start = '$(params.';
  const end = '[*])';
  const trimmed = text.startsWith(start) ? text.slice(start.length) : text;
  return trimmed.endsWith(end) ? trimmed.slice(0, -end.length) : trimmed;
}

/** validateStringVariable: known names, known object keys, no whole object, no array. */
function stringVariableErrors(value: string, declared: DeclaredParams): (string | undefined)[] {
  return [
    unknownVariableError(value, PREFIX, declared.names),
    ...objectVariableErrors(value, declared),
    prohibitedVariableError(value, PREFIX, declared.arrays),
  ];
}

/** validateArrayVariable: as a string, except that an array may stand alone. */
function arrayVariableErrors(value: string, declared: DeclaredParams): (string | undefined)[] {
  return [
    unknownVariableError(value, PREFIX, declared.names),
    ...objectVariableErrors(value, declared),
    notIsolatedError(value, PREFIX, declared.arrays),
  ];
}

function objectVariableErrors(value: string, declared: DeclaredParams): (string | undefined)[] {
  const errors: (string | undefined)[] = [];
  for (const [name, keys] of declared.objectKeys) {
    // Tekton puts the name into the pattern unescaped; so do we.
    errors.push(unknownVariableError(value, `${PREFIX}\\.${name}`, keys));
  }
  errors.push(entireProhibitedVariableError(value, PREFIX, new Set(declared.objectKeys.keys())));
  return errors;
}

type Report = (errors: readonly (string | undefined)[], path: FieldPath) => void;

/**
 * Knative prints one line per message with its paths merged and de-duplicated, so the same
 * message at the same path (one value failing two checks alike, or two `when` values, which
 * share Tekton's path `when[i].values`) is said once.
 */
function reportOnce(reporter: Reporter): Report {
  const seen = new Set<string>();
  return (errors, path) => {
    for (const message of errors) {
      const key = `${message}\u0000${path.text}`;
      if (!message || seen.has(key)) continue;
      seen.add(key);
      reporter.error(message, path);
    }
  };
}
