// A PipelineRun's spec (Tekton's PipelineRunSpec.Validate): exactly one of pipelineRef and
// pipelineSpec (an embedded spec is validated like a Pipeline's, under spec.pipelineSpec),
// params without result references, a known spec.status, and the timeouts.
import { PIPELINE_RUN_SPEC_STATUSES, type PipelineRunSpec } from '../types.js';
import type { PipelineRunResource } from '../resource.js';
import {
  asArray,
  expressionsOfValue,
  looksLikeContainsResultRefs,
  looksLikeResultRef,
  resultRefsOf,
} from './expressions.js';
import { validateInlinePipelineRunParamUsage } from './declared-params.js';
import { checkUnknownFields, checkUnknownFieldsOfList, isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { validatePipelineSpec } from './pipeline.js';
import { requireApiFields } from './api-fields.js';
import { validateRef } from './refs.js';
import { FieldPath, type Reporter } from './report.js';
import { validateComputeResourcesOnce, validateOverrideNames } from './task-run-specs.js';
import { validateTimeouts } from './timeouts.js';
import { validateUniqueParamNames, validateUniqueWorkspaceBindings } from './unique-names.js';

export function validatePipelineRun(
  resource: PipelineRunResource,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const specPath = FieldPath.parse('spec');
  const spec: PipelineRunSpec = isObject(resource.spec) ? resource.spec : ({} as PipelineRunSpec);
  checkUnknownFields(spec, 'PipelineRunSpec', specPath, reporter);
  checkUnknownFieldsOfList(spec.params, 'Param', specPath.child('params'), reporter);
  checkUnknownFieldsOfList(
    spec.taskRunSpecs,
    'PipelineTaskRunSpec',
    specPath.child('taskRunSpecs'),
    reporter,
  );
  validateV1beta1Timeout(resource, specPath, reporter);

  const hasRef = spec.pipelineRef !== undefined && spec.pipelineRef !== null;
  const hasSpec = spec.pipelineSpec !== undefined && spec.pipelineSpec !== null;
  const refOrSpec = [specPath.child('pipelineRef'), specPath.child('pipelineSpec')];
  if (!hasRef && !hasSpec) reporter.error('expected exactly one, got neither', refOrSpec, specPath);
  if (hasRef && hasSpec) reporter.error('expected exactly one, got both', refOrSpec);
  if (hasRef) validateRef(spec.pipelineRef, specPath.child('pipelineRef'), reporter, options);
  if (hasSpec && options.disableInlineSpec.includes('pipelinerun'))
    reporter.error('must not set the field(s)', specPath.child('pipelineSpec'));
  if (hasSpec)
    validatePipelineSpec(spec.pipelineSpec, specPath.child('pipelineSpec'), reporter, options);

  validateUniqueParamNames(
    spec.params,
    specPath.child('params'),
    specPath.child('params').text,
    reporter,
  );
  validateParams(spec, specPath, reporter);
  validateInlinePipelineRunParamUsage(spec, specPath, reporter);
  // Conversion recorded `spec.timeouts` as written at `spec.timeout` (convert.ts).
  const v1beta1Timeout =
    resource.originalApiVersion === 'tekton.dev/v1beta1' &&
    resource.sourcePaths?.['spec.timeouts'] !== undefined;
  validateTimeouts(spec, specPath, reporter, options, v1beta1Timeout);
  validateTaskRunSpecApiFields(
    spec,
    specPath,
    reporter,
    options,
    resource.originalApiVersion === 'tekton.dev/v1beta1',
  );
  validateSpecStatus(spec, specPath, reporter);
  validateUniqueWorkspaceBindings(spec.workspaces, specPath.child('workspaces'), reporter);
}

/** A PipelineRun param is input to the run; nothing has produced results yet. */
function validateParams(spec: PipelineRunSpec, specPath: FieldPath, reporter: Reporter): void {
  asArray(spec.params).forEach((param, position) => {
    const expressions = expressionsOfValue(param?.value);
    if (!looksLikeContainsResultRefs(expressions)) return;
    const candidates = expressions.filter(looksLikeResultRef);
    if (resultRefsOf(candidates).length === 0) return;
    reporter.error(
      `invalid value: cannot use result expressions in [${candidates.join(' ')}] as PipelineRun parameter values`,
      specPath.keyed('params', String(param?.name ?? ''), position).child('value'),
    );
  });
}

function validateSpecStatus(spec: PipelineRunSpec, specPath: FieldPath, reporter: Reporter): void {
  const status = spec.status;
  if (status === undefined || status === null || status === '') return;
  if ((PIPELINE_RUN_SPEC_STATUSES as readonly string[]).includes(status)) return;
  reporter.error(
    `invalid value: ${status} should be Cancelled, CancelledRunFinally, StoppedRunFinally or PipelineRunPending`,
    specPath.child('status'),
  );
}

/**
 * v1beta1 had `spec.timeout` beside `spec.timeouts`; setting both is refused. Conversion keeps
 * only `spec.timeout`, and the loader marks the resource so that the conflict is not lost.
 */
function validateV1beta1Timeout(
  resource: PipelineRunResource,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  if (resource.originalApiVersion !== 'tekton.dev/v1beta1' || !resource.v1beta1TimeoutAndTimeouts)
    return;
  reporter.error(
    'must not set the field(s)',
    [specPath.child('timeout'), specPath.child('timeouts')],
    specPath.child('timeout'),
  );
}

/**
 * validateTaskRunSpec: three fields of a taskRunSpecs entry are beta in v1.15; step and sidecar
 * specs need unique names; resources are given per step or per entry, not both.
 */
function validateTaskRunSpecApiFields(
  spec: PipelineRunSpec,
  specPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  v1beta1: boolean,
): void {
  // A v1beta1 PipelineRun is validated as written: stepOverrides and sidecarOverrides, which
  // conversion renamed to v1's stepSpecs and sidecarSpecs.
  const spelled = (field: string) => (v1beta1 ? (V1BETA1_NAMES[field] ?? field) : field);
  asArray(spec.taskRunSpecs as readonly unknown[] | undefined).forEach((entry, position) => {
    if (!isObject(entry)) return;
    const entryPath = specPath.child('taskRunSpecs').index(position);
    for (const field of ['stepSpecs', 'sidecarSpecs', 'computeResources']) {
      if (entry[field] === undefined || entry[field] === null) continue;
      const fieldPath = entryPath.child(field).spelled(`${entryPath.text}.${spelled(field)}`);
      requireApiFields(spelled(field), 'beta', options.enableApiFields, fieldPath, reporter);
      if (field === 'computeResources')
        validateComputeResourcesOnce(entry, entryPath, spelled('stepSpecs'), reporter);
      else validateOverrideNames(entry[field], fieldPath, reporter);
    }
  });
}

const V1BETA1_NAMES: Record<string, string> = {
  stepSpecs: 'stepOverrides',
  sidecarSpecs: 'sidecarOverrides',
};
