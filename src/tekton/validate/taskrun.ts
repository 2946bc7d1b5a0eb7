// A TaskRun as Tekton v1.15's TaskRun webhook checks it (TaskRun.Validate and
// TaskRunSpec.Validate, pkg/apis/pipeline/v1/taskrun_validation.go): exactly one of taskRef
// and taskSpec (a ref checked by validateRef, an embedded spec as a Task's, refused under
// disable-inline-spec: taskrun), params named once, the embedded spec's steps using only the
// params the TaskRun passes or the spec declares, workspace bindings, the beta stepSpecs and
// sidecarSpecs with their names, a known spec.status, statusMessage only with a status,
// retries (v1 only) and timeout >= 0. A v1beta1 TaskRun is converted first (stepOverrides ->
// stepSpecs) and validated at the paths it was written with; its removed `resources` and a
// taskRef `bundle` are v1beta1-removed-fields.ts's.
import { formatGoDuration } from '../duration.js';
import type { TaskRunResource } from '../resource.js';
import { TASK_RUN_SPEC_STATUSES, type TaskRunSpec, type TaskSpec } from '../types.js';
import { requireApiFields } from './api-fields.js';
import { validateInlineTaskRunParamUsage } from './declared-params.js';
import { readDuration } from './durations.js';
import { asArray } from './expressions.js';
import { checkUnknownFields, checkUnknownFieldsOfList, isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { validateRef } from './refs.js';
import { FieldPath, type Reporter } from './report.js';
import { validateComputeResourcesOnce, validateOverrideNames } from './task-run-specs.js';
import { validateTaskSpec } from './task-spec.js';
import { validateUniqueParamNames, validateWorkspaceBinding } from './unique-names.js';

export function validateTaskRun(
  resource: TaskRunResource,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const specPath = FieldPath.parse('spec');
  const spec: TaskRunSpec = isObject(resource.spec) ? resource.spec : {};
  checkUnknownFields(spec, 'TaskRunSpec', specPath, reporter);
  checkUnknownFieldsOfList(spec.params, 'Param', specPath.child('params'), reporter);

  const hasRef = spec.taskRef !== undefined && spec.taskRef !== null;
  const hasSpec = spec.taskSpec !== undefined && spec.taskSpec !== null;
  const refOrSpec = [specPath.child('taskRef'), specPath.child('taskSpec')];
  if (!hasRef && !hasSpec) reporter.error('expected exactly one, got neither', refOrSpec, specPath);
  if (hasRef && hasSpec) reporter.error('expected exactly one, got both', refOrSpec);
  if (hasRef) validateRef(spec.taskRef, specPath.child('taskRef'), reporter, options);
  if (hasSpec) {
    const taskSpec: TaskSpec = isObject(spec.taskSpec) ? spec.taskSpec : {};
    if (options.disableInlineSpec.includes('taskrun'))
      reporter.error('must not set the field(s)', specPath.child('taskSpec'));
    // TaskRunSpec.TaskSpec is a plain *TaskSpec, not a pipeline task's EmbeddedTask.
    validateTaskSpec(taskSpec, specPath.child('taskSpec'), 'TaskSpec', reporter, options);
    validateInlineTaskRunParamUsage(spec.params, taskSpec, specPath, reporter);
  }
  // ValidateParameters: validateNoDuplicateNames by key, ignoring case.
  validateUniqueParamNames(
    spec.params,
    specPath.child('params'),
    specPath.child('params').text,
    reporter,
  );
  validateWorkspaceBindings(spec.workspaces, specPath.child('workspaces'), reporter);
  validateDebug(spec, specPath, reporter, options);
  validateOverrides(spec, specPath, reporter, options, resource.originalApiVersion);
  validateStatus(spec, specPath, reporter);
  // Only v1 checks retries; v1beta1's TaskRunSpec.Validate lets a negative count through
  // (IsRetriable then never retries it).
  if (!reporter.isV1beta1 && typeof spec.retries === 'number' && spec.retries < 0)
    reporter.error(`invalid value: ${spec.retries} should be >= 0`, specPath.child('retries'));
  const timeoutMs = readDuration(spec.timeout, specPath.child('timeout'), reporter);
  if (timeoutMs !== undefined && timeoutMs < 0)
    reporter.error(
      `invalid value: ${formatGoDuration(timeoutMs)} should be >= 0`,
      specPath.child('timeout'),
    );
}

/**
 * ValidateWorkspaceBindings: each binding has one volume source; a name bound twice (ignoring
 * case) is `expected exactly one, got both` at the repeat's index.
 */
function validateWorkspaceBindings(
  workspaces: unknown,
  workspacesPath: FieldPath,
  reporter: Reporter,
): void {
  const seen = new Set<string>();
  asArray(workspaces as readonly unknown[] | undefined).forEach((binding, position) => {
    validateWorkspaceBinding(binding, workspacesPath.index(position), reporter);
    const name = isObject(binding) && typeof binding.name === 'string' ? binding.name : '';
    if (seen.has(name.toLowerCase()))
      reporter.error(
        'expected exactly one, got both',
        workspacesPath.index(position).child('name'),
      );
    seen.add(name.toLowerCase());
  });
}

/** `debug` is alpha; its onFailure breakpoint may only be `enabled` (validateDebug). */
function validateDebug(
  spec: TaskRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const debug = (spec as Record<string, unknown>).debug;
  if (debug === undefined || debug === null) return;
  const debugPath = specPath.child('debug');
  requireApiFields('debug', 'alpha', options.enableApiFields, debugPath, reporter);
  const breakpoints = isObject(debug) ? debug.breakpoints : undefined;
  if (!isObject(breakpoints)) return;
  const onFailurePath = debugPath.child('breakpoints').child('onFailure');
  const onFailure = typeof breakpoints.onFailure === 'string' ? breakpoints.onFailure : '';
  if (onFailure === '')
    reporter.error(
      'invalid value: onFailure breakpoint is empty, it is only allowed to be set as enabled',
      onFailurePath,
    );
  else if (onFailure !== 'enabled')
    reporter.error(
      `invalid value: ${onFailure} is not a valid onFailure breakpoint value, onFailure breakpoint is only allowed to be set as enabled`,
      onFailurePath,
    );
  const seen = new Set<unknown>();
  asArray(breakpoints.beforeSteps as readonly unknown[] | undefined).forEach((step, position) => {
    if (seen.has(step))
      reporter.error(
        `before step must be unique, the same step: ${String(step)} is defined multiple times at`,
        debugPath.child('breakpoints').child('beforeSteps').index(position),
      );
    seen.add(step);
  });
}

/** stepSpecs, sidecarSpecs and computeResources are beta in v1.15 (ValidateEnabledAPIFields). */
function validateOverrides(
  spec: TaskRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  apiVersion: string,
): void {
  const v1beta1 = apiVersion === 'tekton.dev/v1beta1';
  const spelled = (field: string) => (v1beta1 ? (V1BETA1_NAMES[field] ?? field) : field);
  const entry = spec as Record<string, unknown>;
  for (const field of ['stepSpecs', 'sidecarSpecs', 'computeResources']) {
    if (entry[field] === undefined || entry[field] === null) continue;
    const fieldPath = specPath.child(field).spelled(`${specPath.text}.${spelled(field)}`);
    requireApiFields(spelled(field), 'beta', options.enableApiFields, fieldPath, reporter);
    if (field === 'computeResources')
      validateComputeResourcesOnce(entry, specPath, spelled('stepSpecs'), reporter);
    else validateOverrideNames(entry[field], fieldPath, reporter);
  }
}

const V1BETA1_NAMES: Record<string, string> = {
  stepSpecs: 'stepOverrides',
  sidecarSpecs: 'sidecarOverrides',
};

function validateStatus(spec: TaskRunSpec, specPath: FieldPath, reporter: Reporter): void {
  const status = spec.status ?? '';
  if (status !== '' && !(TASK_RUN_SPEC_STATUSES as readonly string[]).includes(status))
    reporter.error(
      `invalid value: ${status} should be TaskRunCancelled or TaskRunPending`,
      specPath.child('status'),
    );
  if (status === '' && spec.statusMessage)
    reporter.error(
      `invalid value: statusMessage should not be set if status is not set, but it is currently set to ${spec.statusMessage}`,
      specPath.child('statusMessage'),
    );
}
