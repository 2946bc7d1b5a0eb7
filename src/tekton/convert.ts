// tekton.dev/v1beta1 to tekton.dev/v1, field for field as Tekton's conversion webhook does it
// (pkg/apis/pipeline/v1beta1/*_conversion.go), so the rest of the simulator only knows v1.
// Renamed fields are recorded in `sourcePaths` so a message about a v1 field points at what
// the user wrote. Dropped are only the fields v1beta1 knows and ConvertTo does not copy
// (`managedBy`, deprecated step fields, an empty Pipeline `resources`, a matrix that is not
// one), some kept in annotations as Tekton keeps them, and v1 names written in the v1beta1
// document (`v1Only`: unknown to v1beta1's types, reported by the loader); other unknown
// fields stay where they were, for validation to warn about.
//
// Deliberately not converted: `taskRef.bundle` and `pipelineRef.bundle` (v1.15's
// `TaskRef.convertTo` and `PipelineRef.convertTo` copy no Bundle, so Tekton would drop it; we
// keep it so messages can name the bundle) and `taskRef.kind: ClusterTask` (copied as written,
// as `TaskRef.convertTo` does; ClusterTasks are not loaded). v1.15's v1beta1 webhook refuses
// both when a resource is created (validate/v1beta1-removed-fields.ts,
// validate/pipeline-task.ts), so they are only ever seen in an error.
import type { SourceLocation } from './diagnostics.js';
import { isPlainObject } from './decode.js';
import { parseFieldPath } from './resource.js';
import type { TektonResource, YamlPath } from './resource.js';
import type { TektonKind } from './types.js';
import {
  TASK_DEPRECATIONS_ANNOTATION,
  marshalDeprecations,
  takeTaskDeprecations,
} from './v1beta1-task-deprecations.js';

/** `resourcesAnnotationKey` (task_conversion.go): where ConvertTo keeps v1beta1 `resources`. */
export const RESOURCES_ANNOTATION = 'tekton.dev/v1beta1Resources';

export interface ConvertedSpec {
  /** The spec in v1 shape (the input object, changed in place). */
  spec: Record<string, unknown>;
  /** v1 field path -> path in the document that holds it, for every renamed field. */
  sourcePaths: Record<string, YamlPath>;
  /**
   * A v1beta1 PipelineRun set both `spec.timeout` and `spec.timeouts`, which Tekton rejects
   * (`must not set the field(s): spec.timeout, spec.timeouts`). The conversion keeps only
   * `spec.timeout` (as `timeouts.pipeline`), as Tekton's does, so validation needs this flag.
   */
  timeoutAndTimeouts: boolean;
  /**
   * Annotations the conversion writes on the object converted, to keep what v1 cannot hold:
   * deprecated step fields (`serializeTaskDeprecations`), a Pipeline's empty `resources`
   * (`serializePipelineResources`).
   */
  annotations: Record<string, string>;
  /**
   * v1-only names written in the v1beta1 document (`taskRunTemplate`, `stepSpecs`,
   * `computeResources`…): unknown fields to v1beta1's Go types, taken out so they have no
   * effect, for the loader to report.
   */
  unknownFields: { field: string; path: YamlPath; key: string }[];
}

/** Where we are: the v1 field path (`spec.taskRunSpecs[0]`) and the path in the file. */
interface At {
  field: string;
  path: YamlPath;
}

class Converter {
  readonly sourcePaths: Record<string, YamlPath> = {};
  timeoutAndTimeouts = false;
  readonly taskDeprecations: Record<string, unknown> = {};
  readonly annotations: Record<string, string> = {};
  readonly unknownFields: ConvertedSpec['unknownFields'] = [];

  /**
   * Takes out `keys` that v1beta1's type for `object` lacks though v1's has them. Tekton's
   * webhook decodes the v1beta1 request with unknown fields disallowed (cmd/webhook
   * `DisallowUnknownFields`), so it never reads them as the v1 fields they look like.
   */
  v1Only(object: Record<string, unknown>, keys: string[], at: At): void {
    for (const key of keys) {
      if (!(key in object)) continue;
      delete object[key];
      this.unknownFields.push({ field: `${at.field}.${key}`, path: [...at.path, key], key });
    }
  }

  /** @param ownName the run's or Task's name, the key of its own taskSpec's deprecations. */
  constructor(readonly ownName: string) {}

  /** Moves `object[from]` to `object[to]`, remembering where the value was written. */
  rename(object: Record<string, unknown>, from: string, to: string, at: At): void {
    if (!(from in object)) return;
    // Both names present: a v1beta1 document cannot hold the v1 name, so leave both for
    // validation to report the stray one rather than guess which the user meant.
    if (to in object) return;
    object[to] = object[from];
    delete object[from];
    this.sourcePaths[`${at.field}.${to}`] = [...at.path, from];
  }

  pipelineRunSpec(spec: Record<string, unknown>, at: At): void {
    dropManagedBy(spec);
    this.v1Only(spec, ['taskRunTemplate'], at);
    if (spec.timeout === null) delete spec.timeout;
    if ('timeout' in spec) {
      // Tekton's conversion replaces the whole timeouts block with {pipeline: timeout}.
      this.timeoutAndTimeouts = spec.timeouts !== undefined && spec.timeouts !== null;
      spec.timeouts = { pipeline: spec.timeout };
      delete spec.timeout;
      this.sourcePaths[`${at.field}.timeouts`] = [...at.path, 'timeout'];
      this.sourcePaths[`${at.field}.timeouts.pipeline`] = [...at.path, 'timeout'];
    }
    this.taskRunTemplate(spec, at);
    forEachObject(spec.taskRunSpecs, child(at, 'taskRunSpecs'), (taskRunSpec, itemAt) => {
      this.v1Only(taskRunSpec, ['serviceAccountName', 'podTemplate'], itemAt);
      this.rename(taskRunSpec, 'taskServiceAccountName', 'serviceAccountName', itemAt);
      this.rename(taskRunSpec, 'taskPodTemplate', 'podTemplate', itemAt);
      this.overrides(taskRunSpec, itemAt);
    });
    if (isPlainObject(spec.pipelineSpec))
      this.pipelineSpec(spec.pipelineSpec, child(at, 'pipelineSpec'));
  }

  /**
   * TaskRunSpec.ConvertTo: stepOverrides and sidecarOverrides become stepSpecs and
   * sidecarSpecs (each override's `resources` its `computeResources`); an embedded taskSpec
   * converts as a Task's.
   */
  taskRunSpec(spec: Record<string, unknown>, at: At): void {
    dropManagedBy(spec);
    this.overrides(spec, at);
    if (isPlainObject(spec.taskSpec))
      this.taskSpec(spec.taskSpec, child(at, 'taskSpec'), this.ownName);
  }

  /** stepOverrides and sidecarOverrides of a TaskRun or a taskRunSpecs entry, as v1 names them. */
  overrides(taskRunSpec: Record<string, unknown>, itemAt: At): void {
    this.v1Only(taskRunSpec, ['stepSpecs', 'sidecarSpecs'], itemAt);
    for (const [from, to] of [
      ['stepOverrides', 'stepSpecs'],
      ['sidecarOverrides', 'sidecarSpecs'],
    ]) {
      const renamed = from in taskRunSpec && !(to in taskRunSpec);
      this.rename(taskRunSpec, from, to, itemAt);
      // TaskRunStepOverride.convertTo: an override's `resources` is v1's `computeResources`.
      const listAt = {
        field: `${itemAt.field}.${to}`,
        path: [...itemAt.path, renamed ? from : to],
      };
      forEachObject(taskRunSpec[to], listAt, (override, overrideAt) => {
        this.v1Only(override, ['computeResources'], overrideAt);
        this.rename(override, 'resources', 'computeResources', overrideAt);
      });
    }
  }

  /** `spec.serviceAccountName` and `spec.podTemplate` move under `spec.taskRunTemplate`. */
  taskRunTemplate(spec: Record<string, unknown>, at: At): void {
    const moved = ['serviceAccountName', 'podTemplate'].filter((key) => key in spec);
    if (moved.length === 0) return;
    if (spec.taskRunTemplate !== undefined && !isPlainObject(spec.taskRunTemplate)) return;
    const template = (spec.taskRunTemplate ?? {}) as Record<string, unknown>;
    const templateAt = child(at, 'taskRunTemplate');
    for (const key of moved) {
      if (key in template) continue;
      template[key] = spec[key];
      delete spec[key];
      this.sourcePaths[`${templateAt.field}.${key}`] = [...at.path, key];
    }
    if (spec.taskRunTemplate === undefined)
      this.sourcePaths[templateAt.field] = [...at.path, moved[0]];
    spec.taskRunTemplate = template;
  }

  pipelineSpec(spec: Record<string, unknown>, at: At): void {
    // v1 has no PipelineSpec `resources`; ConvertTo leaves it out, and only Pipeline.ConvertTo
    // keeps it (see convertV1beta1Spec). A non-empty list stays, for validation to refuse.
    if (isEmptyList(spec.resources) || spec.resources === null) delete spec.resources;
    for (const list of ['tasks', 'finally']) {
      forEachObject(spec[list], child(at, list), (pipelineTask, taskAt) => {
        // PipelineTask.convertTo copies a matrix only if IsMatrixed (params or include).
        // A malformed one stays, for decoding to report.
        if ('matrix' in pipelineTask && isUnmatrixed(pipelineTask.matrix))
          delete pipelineTask.matrix;
        // PipelineTask.convertTo: an embedded task's deprecations are keyed by the task's name.
        if (isPlainObject(pipelineTask.taskSpec))
          this.taskSpec(
            pipelineTask.taskSpec,
            child(taskAt, 'taskSpec'),
            typeof pipelineTask.name === 'string' ? pipelineTask.name : '',
          );
        if (isPlainObject(pipelineTask.pipelineSpec)) {
          this.pipelineSpec(pipelineTask.pipelineSpec, child(taskAt, 'pipelineSpec'));
        }
      });
    }
  }

  /** Steps, sidecars and the step template call their Kubernetes `resources` `computeResources` in v1. */
  taskSpec(spec: Record<string, unknown>, at: At, taskName: string): void {
    const deprecations = takeTaskDeprecations(spec);
    if (deprecations !== undefined) this.taskDeprecations[taskName] = deprecations;
    for (const list of ['steps', 'sidecars']) {
      forEachObject(spec[list], child(at, list), (container, containerAt) => {
        this.v1Only(container, ['computeResources'], containerAt);
        this.rename(container, 'resources', 'computeResources', containerAt);
      });
    }
    if (isPlainObject(spec.stepTemplate)) {
      this.v1Only(spec.stepTemplate, ['computeResources'], child(at, 'stepTemplate'));
      this.rename(spec.stepTemplate, 'resources', 'computeResources', child(at, 'stepTemplate'));
    }
  }
}

/** Converts a v1beta1 spec of `kind` to v1 in place. */
export function convertV1beta1Spec(
  kind: TektonKind,
  spec: Record<string, unknown>,
  ownName = '',
): ConvertedSpec {
  const converter = new Converter(ownName);
  // Pipeline.ConvertTo: serializePipelineResources keeps a non-nil `resources` (only `[]`
  // passes validation) in an annotation.
  if (kind === 'Pipeline' && isEmptyList(spec.resources))
    converter.annotations[RESOURCES_ANNOTATION] = '[]';
  const at: At = { field: 'spec', path: ['spec'] };
  if (kind === 'PipelineRun') converter.pipelineRunSpec(spec, at);
  else if (kind === 'Pipeline') converter.pipelineSpec(spec, at);
  else if (kind === 'TaskRun') converter.taskRunSpec(spec, at);
  else converter.taskSpec(spec, at, ownName);
  // serializeTaskDeprecations writes the annotation on the object converted.
  if (Object.keys(converter.taskDeprecations).length > 0)
    converter.annotations[TASK_DEPRECATIONS_ANNOTATION] = marshalDeprecations(
      converter.taskDeprecations,
    );
  return {
    spec,
    sourcePaths: converter.sourcePaths,
    timeoutAndTimeouts: converter.timeoutAndTimeouts,
    annotations: converter.annotations,
    unknownFields: converter.unknownFields,
  };
}

/**
 * The path in the file that holds a v1 field: the field path itself, unless conversion
 * moved it (or one of its ancestors), as recorded in the resource's `sourcePaths`.
 */
export function sourcePathOf(
  resource: Pick<TektonResource, 'sourcePaths'>,
  fieldPath: string,
): YamlPath {
  const sourcePaths = resource.sourcePaths;
  if (sourcePaths) {
    let best: string | undefined;
    for (const moved of Object.keys(sourcePaths)) {
      const isPrefix =
        fieldPath === moved ||
        fieldPath.startsWith(`${moved}.`) ||
        fieldPath.startsWith(`${moved}[`);
      if (isPrefix && (best === undefined || moved.length > best.length)) best = moved;
    }
    if (best !== undefined)
      return [...sourcePaths[best], ...parseFieldPath(fieldPath.slice(best.length))];
  }
  return parseFieldPath(fieldPath);
}

/** file:line:column of a v1 field of a loaded resource (or of its nearest written ancestor). */
export function locateField(
  resource: Pick<TektonResource, 'sourcePaths' | 'source'>,
  fieldPath: string,
): SourceLocation {
  return resource.source.locate(sourcePathOf(resource, fieldPath));
}

/**
 * v1beta1 PipelineRunSpec and TaskRunSpec have `managedBy`, but their ConvertTo
 * (`PipelineRunSpec.ConvertTo`, `TaskRunSpec.ConvertTo`) never copies it to v1, so the stored
 * run has none and Tekton's controllers (`pipelineRunFilterManagedBy`,
 * `taskRunFilterManagedBy`) reconcile it as their own. Dropped here, as the webhook drops it.
 */
function dropManagedBy(spec: Record<string, unknown>): void {
  delete spec.managedBy;
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** null, or a matrix whose `params` and `include` are absent or empty: not `IsMatrixed`. */
function isUnmatrixed(matrix: unknown): boolean {
  if (matrix === null) return true;
  if (!isPlainObject(matrix)) return false;
  return Object.entries(matrix).every(
    ([key, value]) =>
      (key === 'params' || key === 'include') && (value === null || isEmptyList(value)),
  );
}

function child(at: At, key: string): At {
  return { field: `${at.field}.${key}`, path: [...at.path, key] };
}

function forEachObject(
  list: unknown,
  at: At,
  visit: (item: Record<string, unknown>, itemAt: At) => void,
): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, index) => {
    if (isPlainObject(item))
      visit(item, { field: `${at.field}[${index}]`, path: [...at.path, index] });
  });
}
