// The checks Tekton runs on each pipeline task of `tasks` and of `finally` (PipelineTaskList
// Validate): a DNS-label name unique across both lists, exactly one of taskRef/taskSpec,
// a valid onError; plus our own: parseable timeout, the runIf extension, unknown fields.
import type { PipelineTask } from '../types.js';
import { requireApiFields } from './api-fields.js';
import { readDuration } from './durations.js';
import { checkUnknownFields, checkUnknownFieldsOfList, isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { isDns1123Label } from './dns-label.js';
import { validateRef } from './refs.js';
import type { FieldPath, Reporter } from './report.js';
import { validateTaskSpec } from './task-spec.js';
import { validateRunIf } from './when.js';

const NAME_DETAILS =
  'Pipeline Task name must be a valid DNS Label.' +
  'For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names';

/** Validates one list (`tasks` or `finally`); `names` carries the names seen so far. */
export function validatePipelineTaskList(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  names: Set<string>,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  tasks.forEach((task, position) => {
    const taskPath = listPath.index(position);
    const name = typeof task.name === 'string' ? task.name : '';
    if (!isDns1123Label(name)) {
      // Tekton prints the details on their own line after the path; we append them.
      reporter.error(`invalid value "${name}": ${NAME_DETAILS}`, taskPath.child('name'));
    }
    if (names.has(name)) {
      reporter.error('expected exactly one, got both', taskPath.child('name'));
    }
    names.add(name);
    validateRefOrSpec(task, taskPath, reporter, options);
    validateEmbeddedOrType(task, taskPath, reporter);
    if (isCustomTask(task)) validateCustomTask(task, taskPath, reporter);
    else {
      validateRef(task.taskRef, taskPath.child('taskRef'), reporter, options);
      validateRef(task.pipelineRef, taskPath.child('pipelineRef'), reporter, options);
    }
    validateOnError(task, taskPath, reporter, options);
    readDuration(task.timeout, taskPath.child('timeout'), reporter);
    validateRunIf(task, taskPath, reporter);
    checkPipelineTaskFields(task, taskPath, reporter, options);
  });
}

function validateRefOrSpec(
  task: PipelineTask,
  taskPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const present = (['taskRef', 'taskSpec', 'pipelineRef', 'pipelineSpec'] as const).filter(
    (field) => task[field] !== undefined && task[field] !== null,
  );
  // Pipelines in pipelines are alpha in v1.15 (validateRefOrSpec).
  for (const field of ['pipelineRef', 'pipelineSpec'] as const)
    if (present.includes(field))
      requireApiFields(field, 'alpha', options.enableApiFields, taskPath, reporter);
  // validateEnabledInlineSpec.
  if (options.disableInlineSpec.includes('pipeline'))
    for (const field of ['taskSpec', 'pipelineSpec'] as const)
      if (present.includes(field))
        reporter.error('must not set the field(s)', taskPath.child(field));
  if (present.length > 1) {
    // knative prints a FieldError's paths sorted: pipelineRef, pipelineSpec, taskRef, taskSpec.
    reporter.error(
      'expected exactly one, got multiple',
      [...present].sort().map((field) => taskPath.child(field)),
    );
  } else if (present.length === 0) {
    reporter.error('expected exactly one, got neither', [
      taskPath.child('taskRef'),
      taskPath.child('taskSpec'),
    ]);
  }
}

/**
 * validateEmbeddedOrType: a taskSpec with steps is an embedded Task, so it may not say an
 * apiVersion or a kind (even `Task`).
 */
function validateEmbeddedOrType(task: PipelineTask, taskPath: FieldPath, reporter: Reporter): void {
  const spec = task.taskSpec;
  if (!isObject(spec) || !Array.isArray(spec.steps) || spec.steps.length === 0) return;
  for (const field of ['apiVersion', 'kind'] as const)
    if (written(spec[field]))
      reporter.error(
        `taskSpec.${field} cannot be specified when using taskSpec.steps`,
        taskPath.child('taskSpec').child(field),
      );
}

/**
 * validateCustomTask: a custom task's ref and spec each need a kind and an apiVersion of the
 * form group/version. (A `kind: ClusterTask` without apiVersion is one too: v1.15 knows no
 * ClusterTask.)
 */
function validateCustomTask(task: PipelineTask, taskPath: FieldPath, reporter: Reporter): void {
  const parts = [
    ['taskRef', 'ref'],
    ['taskSpec', 'spec'],
  ] as const;
  for (const [field, word] of parts) {
    const value = task[field];
    if (isObject(value) && !written(value.kind))
      reporter.error(
        `invalid value: custom task ${word} must specify kind`,
        taskPath.child(field).child('kind'),
      );
  }
  for (const [field, word] of parts) {
    const value = task[field];
    if (!isObject(value)) continue;
    const path = taskPath.child(field).child('apiVersion');
    if (!written(value.apiVersion))
      reporter.error(`invalid value: custom task ${word} must specify apiVersion`, path);
    else if (!isGroupVersion(String(value.apiVersion)))
      reporter.error(
        `invalid value: invalid apiVersion format "${String(value.apiVersion)}", must be in the format "group/version"`,
        path,
      );
  }
}

function written(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** isValidAPIVersion: exactly one slash, with something on each side. */
function isGroupVersion(apiVersion: string): boolean {
  const parts = apiVersion.split('/');
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '';
}

/** PipelineTask.Validate's custom-task cases (a kind other than Task, or an apiVersion). */
function isCustomTask(task: PipelineTask): boolean {
  const isCustom = (value: unknown) =>
    isObject(value) &&
    ((value.kind !== undefined && value.kind !== '' && value.kind !== 'Task') ||
      (value.apiVersion !== undefined && value.apiVersion !== ''));
  return isCustom(task.taskRef) || isCustom(task.taskSpec);
}

function validateOnError(
  task: PipelineTask,
  taskPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const onError = task.onError;
  // Tekton leaves `$(params.x)` to be checked once the param is substituted.
  if (onError === undefined || onError === null || onError === '') return;
  if (typeof onError === 'string' && onError.startsWith('$(params.')) return;
  const onErrorPath = taskPath.child('onError');
  requireApiFields('OnError', 'beta', options.enableApiFields, taskPath, reporter);
  if (onError !== 'continue' && onError !== 'stopAndFail') {
    // Tekton names the field `OnError` (its Go name) in this message's path, and the
    // explanation is the FieldError's details (ErrInvalidValue's third argument).
    const goPath = onErrorPath.spelled(`${taskPath.text}.OnError`);
    reporter.error(
      `invalid value: ${String(onError)}`,
      goPath,
      goPath,
      'PipelineTask OnError must be either "continue" or "stopAndFail"',
    );
  }
  if (onError === 'continue' && typeof task.retries === 'number' && task.retries > 0) {
    reporter.error(
      'PipelineTask OnError cannot be set to "continue" when Retries is greater than 0',
      [],
      onErrorPath,
    );
  }
}

function checkPipelineTaskFields(
  task: PipelineTask,
  taskPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  checkUnknownFields(task, 'PipelineTask', taskPath, reporter, ['runIf']);
  checkUnknownFieldsOfList(task.params, 'Param', taskPath.child('params'), reporter);
  checkUnknownFieldsOfList(task.when, 'WhenExpression', taskPath.child('when'), reporter);
  const spec = task.taskSpec;
  // A custom task's spec is the custom controller's business (PipelineTask.Validate's switch:
  // validateTask only when neither ref nor spec makes it a custom task).
  if (isObject(spec) && !isCustomTask(task)) {
    validateTaskSpec(spec, taskPath.child('taskSpec'), 'EmbeddedTask', reporter, options);
  }
}
