// Which params a pipeline task's `$(params.…)` may name, in the two places Tekton checks it.
//
// A standalone Pipeline (Pipeline.Validate → validatePipelineParameterUsage): its own
// `spec.params`, for `tasks` and `finally`.
//
// A PipelineRun's embedded pipelineSpec (PipelineRunSpec.validateInlineParameters): the
// PipelineRun's params, the spec's params, every DAG task's params and its taskSpec's params,
// merged by name as Tekton merges them; only `tasks` is checked, and the paths Tekton reports
// lose `pipelineSpec.tasks` (`spec[0].params[p]`) because that function adds no field name.
import { ParamReferenceMessages } from '../../model/reasons.js';
import type {
  Param,
  ParamSpec,
  PipelineRunSpec,
  PipelineSpec,
  PipelineTask,
  TaskSpec,
} from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import {
  type DeclaredParam,
  declaredParamOfSpec,
  declaredParamsOf,
  paramValueType,
  validatePipelineTaskParamUsage,
} from './param-usage.js';
import type { FieldPath, Reporter } from './report.js';
import { validateUsageOfDeclaredParameters } from './step-params.js';

export function validateStandalonePipelineParamUsage(
  spec: PipelineSpec | undefined,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const declared = declaredParamsOf(
    asArray(spec?.params)
      .filter((param) => isObject(param))
      .map(declaredParamOfSpec),
  );
  const pipelineParams = asArray(spec?.params)
    .filter((param) => isObject(param))
    .map(declaredParamOfSpec);
  // validateUsageOfDeclaredPipelineTaskParameters: an embedded spec's steps may use its own
  // params and the Pipeline's; Tekton's path leaves `taskSpec` out.
  for (const list of ['tasks', 'finally'] as const) {
    const listPath = specPath.child(list);
    taskList(spec?.[list]).forEach((task, position) => {
      if (!isObject(task.taskSpec)) return;
      const taskSpec: TaskSpec = task.taskSpec;
      const own = asArray(taskSpec.params)
        .filter((param) => isObject(param))
        .map(declaredParamOfSpec);
      validateUsageOfDeclaredParameters(
        asArray(taskSpec.steps),
        [...own, ...pipelineParams],
        listPath
          .index(position)
          .child('taskSpec')
          .child('steps')
          .spelled(`${listPath.text}[${position}].steps`),
        reporter,
      );
    });
  }
  for (const list of ['tasks', 'finally'] as const) {
    const listPath = specPath.child(list);
    validatePipelineTaskParamUsage(
      taskList(spec?.[list]),
      (position) => listPath.index(position),
      declared,
      reporter,
    );
  }
}

export function validateInlinePipelineRunParamUsage(
  spec: PipelineRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  if (!isObject(spec.pipelineSpec)) return;
  const pipelineSpec: PipelineSpec = spec.pipelineSpec;
  const pipelineSpecPath = specPath.child('pipelineSpec');
  const merged = new Map<string, DeclaredParam>();
  for (const param of asArray(spec.params)) {
    if (!param) continue;
    merged.set(
      String(param.name ?? ''),
      declaredParamOfValue(String(param.name ?? ''), param.value),
    );
  }
  asArray(pipelineSpec.params).forEach((param, position) => {
    if (!isObject(param)) return;
    combine(merged, param, pipelineSpecPath.child('params').index(position), specPath, reporter);
  });
  const tasksPath = pipelineSpecPath.child('tasks');
  const tasks = taskList(pipelineSpec.tasks);
  tasks.forEach((task, taskPosition) => {
    addTaskParams(merged, task);
    if (!isObject(task.taskSpec)) return;
    const taskSpec: TaskSpec = task.taskSpec;
    const paramsPath = tasksPath.index(taskPosition).child('taskSpec').child('params');
    asArray(taskSpec.params).forEach((param, position) => {
      if (!isObject(param)) return;
      combine(merged, param, paramsPath.index(position), specPath, reporter);
    });
  });
  if (pipelineSpec.tasks === undefined || pipelineSpec.tasks === null) return;
  const declared = [...merged.values()];
  tasks.forEach((task, position) => {
    if (!isObject(task.taskSpec) || !Array.isArray(task.taskSpec.steps)) return;
    const stepsPath = tasksPath.index(position).child('taskSpec').child('steps');
    validateUsageOfDeclaredParameters(
      task.taskSpec.steps,
      declared,
      stepsPath.spelled(`${specPath.text}.steps`),
      reporter,
    );
  });
  validatePipelineTaskParamUsage(
    tasks,
    (position) => tasksPath.index(position).spelled(`${specPath.text}[${position}]`),
    declaredParamsOf(declared),
    reporter,
  );
}

/**
 * TaskRunSpec.validateInlineParameters: the TaskRun's params declare params of their values'
 * types, merged with the embedded taskSpec's own (combineParamSpec); a step may use any of
 * them. The function adds no field name, so its paths are the steps' under `spec`.
 */
export function validateInlineTaskRunParamUsage(
  params: unknown,
  taskSpec: TaskSpec,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const merged = new Map<string, DeclaredParam>();
  for (const param of asArray(params as Param[] | undefined)) {
    if (!isObject(param)) continue;
    const name = String(param.name ?? '');
    merged.set(name, declaredParamOfValue(name, param.value));
  }
  const taskSpecPath = specPath.child('taskSpec');
  asArray(taskSpec.params).forEach((param, position) => {
    if (!isObject(param)) return;
    combine(merged, param, taskSpecPath.child('params').index(position), specPath, reporter);
  });
  if (!Array.isArray(taskSpec.steps)) return;
  validateUsageOfDeclaredParameters(
    taskSpec.steps,
    [...merged.values()],
    taskSpecPath.child('steps').spelled(`${specPath.text}.steps`),
    reporter,
  );
}

/** createParamSpecFromParam: a value passed in declares a param of the value's type. */
function declaredParamOfValue(name: string, value: unknown): DeclaredParam {
  const type = paramValueType(value as never);
  return { name, type, propertyKeys: isObject(value) ? Object.keys(value) : undefined };
}

/**
 * combineParamSpec: a declaration meeting a param already passed keeps the passed value's type;
 * an object then takes the declared keys, and must declare them.
 */
function combine(
  merged: Map<string, DeclaredParam>,
  spec: ParamSpec,
  declarationPath: FieldPath,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const declared = declaredParamOfSpec(spec);
  const existing = merged.get(declared.name);
  if (!existing) {
    merged.set(declared.name, declared);
    return;
  }
  const hasObjectDefault = isObject(spec.default);
  if ((hasObjectDefault || existing.type === 'object') && declared.propertyKeys === undefined) {
    reporter.error(
      ParamReferenceMessages.missingField,
      declarationPath.spelled(`${specPath.text}.${declared.name}.properties`),
    );
    return;
  }
  if (existing.type === 'object')
    merged.set(declared.name, { ...existing, propertyKeys: declared.propertyKeys });
}

/** appendPipelineTaskParams: a task's own params count as declared; object keys add up. */
function addTaskParams(merged: Map<string, DeclaredParam>, task: PipelineTask): void {
  for (const param of asArray(task.params)) {
    if (!param) continue;
    const name = String(param.name ?? '');
    const existing = merged.get(name);
    if (!existing) {
      merged.set(name, declaredParamOfValue(name, param.value));
    } else if (isObject(param.value)) {
      const keys = new Set([...(existing.propertyKeys ?? []), ...Object.keys(param.value)]);
      merged.set(name, { ...existing, propertyKeys: [...keys] });
    }
  }
}

function taskList(value: unknown): PipelineTask[] {
  return asArray(value as PipelineTask[] | undefined).map((task) =>
    isObject(task) ? task : ({} as PipelineTask),
  );
}
