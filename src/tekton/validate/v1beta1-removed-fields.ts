// PipelineResources were removed, but v1beta1 still has the fields, and its webhook refuses
// them with `must not set the field(s)` (ErrDisallowedFields): a PipelineSpec's `resources`
// (when not empty), a pipeline task's, an embedded or standalone TaskSpec's, a PipelineRun's,
// a TaskRun's.
// v1 has no such fields, so there `resources` stays an unknown field (a warning). The same
// webhook refuses a `bundle` in a taskRef or pipelineRef when the resource is created
// (TaskRef.Validate, PipelineRef.Validate: `apis.IsInCreate(ctx) && ref.Bundle != ""`).
import type { TektonResource } from '../resource.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import { FieldPath, type Reporter } from './report.js';

const DISALLOWED = 'must not set the field(s)';
// Pipelines in pipelines nest specs; a bound keeps a pathological document finite.
const MAX_DEPTH = 8;

export function validateV1beta1Resources(resource: TektonResource, reporter: Reporter): void {
  if (!reporter.isV1beta1 || !isObject(resource.spec)) return;
  const specPath = FieldPath.parse('spec');
  const spec = resource.spec;
  if (resource.kind === 'Task') {
    taskSpec(spec, specPath, reporter);
    return;
  }
  if (resource.kind === 'TaskRun') {
    // v1beta1 TaskRunSpec.Validate: `resources` disallowed; TaskRef.Validate's bundle.
    bundle(spec.taskRef, specPath.child('taskRef'), reporter);
    if (isSet(spec.resources)) reporter.error(DISALLOWED, specPath.child('resources'));
    if (isObject(spec.taskSpec)) taskSpec(spec.taskSpec, specPath.child('taskSpec'), reporter);
    return;
  }
  if (resource.kind === 'PipelineRun') {
    bundle(spec.pipelineRef, specPath.child('pipelineRef'), reporter);
    if (isSet(spec.resources)) reporter.error(DISALLOWED, specPath.child('resources'));
    if (isObject(spec.pipelineSpec))
      pipelineSpec(spec.pipelineSpec, specPath.child('pipelineSpec'), reporter, 0);
    return;
  }
  pipelineSpec(spec, specPath, reporter, 0);
}

function pipelineSpec(
  spec: Record<string, unknown>,
  path: FieldPath,
  reporter: Reporter,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  // `len(ps.Resources) > 0`: an empty list passes.
  if (asArray(spec.resources as unknown[]).length > 0)
    reporter.error(DISALLOWED, path.child('resources'));
  for (const list of ['tasks', 'finally']) {
    asArray(spec[list] as unknown[]).forEach((task, position) => {
      if (!isObject(task)) return;
      const taskPath = path.child(list).index(position);
      bundle(task.taskRef, taskPath.child('taskRef'), reporter);
      bundle(task.pipelineRef, taskPath.child('pipelineRef'), reporter);
      if (isSet(task.resources)) reporter.error(DISALLOWED, taskPath.child('resources'));
      if (isObject(task.taskSpec)) taskSpec(task.taskSpec, taskPath.child('taskSpec'), reporter);
      if (isObject(task.pipelineSpec))
        pipelineSpec(task.pipelineSpec, taskPath.child('pipelineSpec'), reporter, depth + 1);
    });
  }
}

function taskSpec(spec: Record<string, unknown>, path: FieldPath, reporter: Reporter): void {
  if (isSet(spec.resources)) reporter.error(DISALLOWED, path.child('resources'));
}

function bundle(ref: unknown, refPath: FieldPath, reporter: Reporter): void {
  if (isObject(ref) && typeof ref.bundle === 'string' && ref.bundle !== '')
    reporter.error(DISALLOWED, refPath.child('bundle'));
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
