// A PipelineSpec, in a Pipeline or embedded in a PipelineRun, checked in the order of
// Tekton's PipelineSpec.Validate so that messages come out in the order Tekton finds them.
import type { PipelineResult, PipelineSpec, PipelineTask } from '../types.js';
import { requireApiFields } from './api-fields.js';
import { validateArtifactReferences } from './artifacts.js';
import { validateChildPipelineResultReferences } from './child-pipeline-results.js';
import { validatePipelineContextVariables } from './context-variables.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, isObject } from './fields.js';
import { validateFinalTasks, validateTasksAndFinallySection } from './finally.js';
import { validateGraph } from './graph.js';
import {
  validateDuplicateParamNames,
  validateWorkspaceDeclarations,
} from './pipeline-workspaces.js';
import { KNOWN_FIELDS } from './known-fields.js';
import {
  validateMatrixCombinations,
  validateMatrixOrParams,
  validateMatrixResultConsumption,
} from './matrix.js';
import type { ResolvedValidationOptions } from './options.js';
import { validateParamEnums } from './param-enums.js';
import { validateParamTypes } from './param-types.js';
import { validatePipelineTaskList } from './pipeline-task.js';
import type { FieldPath, Reporter } from './report.js';
import { validatePipelineResults } from './results.js';
import { validateExecutionStatusVariables, validateVariablePrefixes } from './variables.js';
import { validateWhenExpressions } from './when.js';

// Pipelines in pipelines nest specs; real ones are a level or two deep, and a bound keeps a
// pathological document from recursing without end.
const MAX_NESTED_PIPELINE_DEPTH = 8;

export function validatePipelineSpec(
  spec: PipelineSpec | undefined,
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  depth = 0,
): void {
  const tasks = taskList(spec?.tasks);
  const finallyTasks = taskList(spec?.finally);
  const results = asArray(spec?.results as PipelineResult[] | undefined);
  if (isEmptySpec(spec)) {
    reporter.error(
      'expected at least one, got none',
      ['description', 'params', 'resources', 'tasks', 'workspaces'].map((name) =>
        specPath.child(name),
      ),
      specPath,
    );
  }
  checkUnknownFields(spec, 'PipelineSpec', specPath, reporter);

  const names = new Set<string>();
  validateBetaFields(tasks, finallyTasks, specPath, reporter, options);
  validatePipelineTaskList(tasks, specPath.child('tasks'), names, reporter, options);
  validatePipelineTaskList(finallyTasks, specPath.child('finally'), names, reporter, options);
  validateGraph(tasks, specPath.child('tasks'), reporter);
  validateVariablePrefixes(tasks, specPath.child('tasks'), reporter);
  validateVariablePrefixes(finallyTasks, specPath.child('finally'), reporter);
  validatePipelineContextVariables(tasks, specPath.child('tasks'), reporter);
  validatePipelineContextVariables(finallyTasks, specPath.child('finally'), reporter);
  validateExecutionStatusVariables(tasks, finallyTasks, specPath, reporter);
  // ValidatePipelineParameterVariables runs under "tasks" and under "finally".
  const paramOwners = ['tasks', 'finally'].map((list) => `${specPath.text}.${list}.`);
  validateParamTypes(spec?.params, specPath.child('params'), paramOwners, reporter);
  validateDuplicateParamNames(spec, specPath, reporter);
  validateParamEnums(spec?.params, specPath, reporter, options, paramOwners);
  validateWorkspaceDeclarations(spec, specPath, reporter);
  validatePipelineResults(results, tasks, finallyTasks, specPath, reporter);
  validateChildPipelineResultReferences(tasks, finallyTasks, specPath, reporter);
  validateTasksAndFinallySection(tasks, finallyTasks, specPath, reporter);
  validateFinalTasks(tasks, finallyTasks, specPath, reporter);
  tasks.forEach((task, position) =>
    validateWhenExpressions(
      task.when,
      specPath.child('tasks').index(position).child('when'),
      reporter,
      options,
    ),
  );
  finallyTasks.forEach((task, position) =>
    validateWhenExpressions(
      task.when,
      specPath.child('finally').index(position).child('when'),
      reporter,
      options,
    ),
  );
  validateArtifactReferences(tasks, finallyTasks, specPath, reporter, options);
  validateMatrixCombinations(tasks, specPath.child('tasks'), reporter, options);
  validateMatrixCombinations(finallyTasks, specPath.child('finally'), reporter, options);
  validateMatrixOrParams(tasks, specPath.child('tasks'), reporter);
  validateMatrixOrParams(finallyTasks, specPath.child('finally'), reporter);
  validateMatrixResultConsumption(tasks, specPath.child('tasks'), reporter);
  validateMatrixResultConsumption(finallyTasks, specPath.child('finally'), reporter);
  validateNestedPipelineSpecs(tasks, specPath.child('tasks'), reporter, options, depth);
  validateNestedPipelineSpecs(finallyTasks, specPath.child('finally'), reporter, options, depth);
}

/**
 * PipelineSpec.ValidateBetaFields: a taskRef's resolver and params need beta. Tekton names a
 * finally task's position under `tasks` too.
 */
function validateBetaFields(
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  for (const list of [tasks, finallyTasks]) {
    list.forEach((task, position) => {
      const ref = task.taskRef as Record<string, unknown> | undefined;
      if (!isObject(ref)) return;
      const taskPath = specPath.child('tasks').index(position);
      if (typeof ref.resolver === 'string' && ref.resolver !== '')
        requireApiFields('taskref.resolver', 'beta', options.enableApiFields, taskPath, reporter);
      if (Array.isArray(ref.params) && ref.params.length > 0)
        requireApiFields('taskref.params', 'beta', options.enableApiFields, taskPath, reporter);
    });
  }
}

/** An embedded `pipelineSpec` of a pipeline task is validated like any other (Tekton does). */
function validateNestedPipelineSpecs(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  depth: number,
): void {
  tasks.forEach((task, position) => {
    if (!isObject(task.pipelineSpec)) return;
    const nestedPath = listPath.index(position).child('pipelineSpec');
    if (depth >= MAX_NESTED_PIPELINE_DEPTH) {
      reporter.error(
        `pipelineSpec nested more than ${MAX_NESTED_PIPELINE_DEPTH} levels deep`,
        nestedPath,
      );
      return;
    }
    validatePipelineSpec(task.pipelineSpec, nestedPath, reporter, options, depth + 1);
  });
}

/** A YAML list of pipeline tasks, with null entries read as empty tasks (Go's zero value). */
function taskList(value: unknown): PipelineTask[] {
  return asArray(value as PipelineTask[] | undefined).map((task) =>
    isObject(task) ? task : ({} as PipelineTask),
  );
}

/**
 * Go's semantic equality with an empty PipelineSpec: every field Tekton knows is absent or
 * empty (unknown fields do not count; Tekton's decoder drops them).
 */
function isEmptySpec(spec: PipelineSpec | undefined): boolean {
  if (!isObject(spec)) return true;
  const fields: Record<string, unknown> = spec;
  return KNOWN_FIELDS.PipelineSpec.map((name) => fields[name]).every(
    (value) =>
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (isObject(value) && Object.keys(value).length === 0),
  );
}
