// Entry point of webhook-style validation: every error Tekton's admission webhook would give
// for these resources (exact message text and field path), plus warnings of our own
// (unknown fields, the `runIf` extension). The CLI and the simulator call this.
import type { Diagnostic } from '../diagnostics.js';
import type { TektonResource } from '../resource.js';
import { validateStandalonePipelineParamUsage } from './declared-params.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import { declaredParamOfSpec } from './param-usage.js';
import { validateUsageOfDeclaredParameters } from './step-params.js';
import type { TaskSpec } from '../types.js';
import { resolveValidationOptions, type ValidationOptions } from './options.js';
import { validateObjectMetadata } from './metadata.js';
import { validatePipelineSpec } from './pipeline.js';
import { validatePipelineRun } from './pipelinerun.js';
import { validateStandaloneTaskWorkspacesAndParams } from './pipeline-workspaces.js';
import { FieldPath, Reporter } from './report.js';
import { validateTaskSpec } from './task-spec.js';
import { validateTaskRun } from './taskrun.js';
import { validateV1beta1Resources } from './v1beta1-removed-fields.js';

export type { ValidationOptions } from './options.js';
export { DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT, DEFAULT_TIMEOUT_MS } from './options.js';

/**
 * Each resource's diagnostics, under the options they were found with. A resource's verdict
 * depends on that resource and the options alone, and loaded resources are not changed after
 * loading (overrides make new ones), while one load is often validated more than once: by
 * `validate`'s report and by preparing each PipelineRun, which validates the Pipeline and
 * Tasks several runs share again.
 */
const validatedResources = new WeakMap<
  TektonResource,
  { optionsKey: string; diagnostics: readonly Diagnostic[] }
>();

/** Every error and warning Tekton's admission webhook (plus our lint) has for these resources. */
export function validateResources(
  resources: readonly TektonResource[],
  options: ValidationOptions = {},
): Diagnostic[] {
  const resolved = resolveValidationOptions(options);
  const optionsKey = JSON.stringify(resolved);
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    const validated = validatedResources.get(resource);
    if (validated?.optionsKey === optionsKey) {
      diagnostics.push(...validated.diagnostics);
      continue;
    }
    const reporter = new Reporter(resource);
    const specPath = FieldPath.parse('spec');
    validateObjectMetadata(resource, reporter);
    validateV1beta1Resources(resource, reporter);
    switch (resource.kind) {
      case 'Pipeline':
        validatePipelineSpec(resource.spec, specPath, reporter, resolved);
        // Only a Pipeline created on its own must declare every param its tasks use; an
        // embedded spec may use the PipelineRun's (Tekton's Pipeline.Validate).
        validateStandalonePipelineParamUsage(resource.spec, specPath, reporter);
        validateStandaloneTaskWorkspacesAndParams(resource.spec, specPath, reporter);
        break;
      case 'PipelineRun':
        validatePipelineRun(resource, reporter, resolved);
        break;
      case 'TaskRun':
        validateTaskRun(resource, reporter, resolved);
        break;
      case 'Task': {
        const spec: TaskSpec = isObject(resource.spec) ? resource.spec : {};
        validateTaskSpec(spec, specPath, 'TaskSpec', reporter, resolved);
        // A Task created on its own gets no propagated params (Task.Validate).
        validateUsageOfDeclaredParameters(
          asArray(spec.steps),
          asArray(spec.params)
            .filter((param) => isObject(param))
            .map(declaredParamOfSpec),
          specPath.child('steps'),
          reporter,
        );
        break;
      }
    }
    const merged = reporter.merged();
    validatedResources.set(resource, { optionsKey, diagnostics: merged });
    diagnostics.push(...merged);
  }
  return diagnostics;
}
