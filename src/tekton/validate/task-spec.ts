// A Task's spec, standalone or embedded in a pipeline task, as Tekton's TaskSpec.Validate
// (pkg/apis/pipeline/v1/task_validation.go) checks it: steps there must be, the volumes and
// workspaces it declares, each step and sidecar, its params' types, enums, names and array
// usage, the context variables and results its steps read, and its declared results; plus
// the unknown-field lint.
import type { TaskSpec } from '../types.js';
import { requireApiFields } from './api-fields.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, checkUnknownFieldsOfList, isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { validateParamEnums } from './param-enums.js';
import { validateParamTypes } from './param-types.js';
import { declaredParamOfSpec } from './param-usage.js';
import { unknownVariableError } from './param-references.js';
import type { FieldPath, Reporter } from './report.js';
import { validateSidecars, validateStepList } from './step-list.js';
import { validateArrayUsage, validateStepVariableNames } from './step-params.js';
import { validateTaskDeclarations } from './task-declarations.js';
import { validateTaskParamNames } from './task-param-names.js';
import { validateResults } from './task-results.js';

// validateTaskContextVariables: what `$(context.taskRun.x)` and `$(context.task.x)` may name.
const TASK_RUN_CONTEXT = new Set(['name', 'namespace', 'uid']);
const TASK_CONTEXT = new Set(['name', 'retry-count']);

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
  // A Task must do something.
  if (steps.length === 0) reporter.error('missing field(s)', stepsPath);
  validateTaskDeclarations(spec, specPath, reporter);
  validateStepList(steps, spec.stepTemplate, stepsPath, reporter, options);
  validateSidecars(spec.sidecars, specPath.child('sidecars'), reporter);
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
  // ValidateParameterVariables.
  validateTaskParamNames(spec.params, specPath, reporter);
  validateParamEnums(spec.params, specPath, reporter, options);
  const declared = asArray(spec.params).filter(isObject).map(declaredParamOfSpec);
  const arrays = new Set(declared.filter((p) => p.type === 'array').map((p) => p.name));
  const stepList = steps.map((step) => step ?? {});
  validateArrayUsage(stepList, arrays, stepsPath, reporter);
  validateStepVariableNames(
    stepList,
    String.raw`context\.taskRun`,
    TASK_RUN_CONTEXT,
    stepsPath,
    reporter,
  );
  validateStepVariableNames(stepList, String.raw`context\.task`, TASK_CONTEXT, stepsPath, reporter);
  // validateTaskResultsVariables: a script writes only the results its Task declares.
  const resultNames = new Set(
    asArray(spec.results).flatMap((result) =>
      isObject(result) && typeof result.name === 'string' ? [result.name] : [],
    ),
  );
  steps.forEach((step, position) => {
    if (typeof step?.script !== 'string') return;
    const unknown = unknownVariableError(step.script, 'results', resultNames, reporter.isV1beta1);
    if (unknown) reporter.error(unknown, stepsPath.index(position).child('script'));
  });
  validateResults(spec.results, specPath.child('results'), 'task', reporter);
}
