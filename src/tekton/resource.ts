// A loaded Tekton resource: its v1 shape plus where it came from, so that any message about
// any field can point at the file, line and column the user wrote.
import type { SourceLocation } from './diagnostics.js';
import type {
  ObjectMeta,
  PipelineRunSpec,
  PipelineSpec,
  StepActionSpec,
  TaskRunSpec,
  TaskSpec,
  TektonKind,
} from './types.js';

/** A path into a YAML document: keys and sequence indexes, e.g. ['spec', 'tasks', 1, 'name']. */
export type YamlPath = readonly (string | number)[];

export interface SourceDocument {
  file: string;
  /** 0-based index of the document in a multi-document file. */
  documentIndex: number;
  /**
   * Where the node at `path` starts; falls back to the nearest ancestor that exists, so a
   * missing field points at the object that should hold it.
   */
  locate(path: YamlPath): SourceLocation;
}

interface ResourceBase<K extends TektonKind, S> {
  kind: K;
  /** Always tekton.dev/v1 after loading. */
  apiVersion: 'tekton.dev/v1';
  /** What the file said (tekton.dev/v1 or tekton.dev/v1beta1). */
  originalApiVersion: string;
  metadata: ObjectMeta & { name: string };
  spec: S;
  source: SourceDocument;
  /**
   * For converted v1beta1 resources: v1 field path -> the path in the file that holds it
   * (e.g. `spec.timeouts.pipeline` -> `spec.timeout`), so messages point at what was written.
   */
  sourcePaths?: Record<string, YamlPath>;
  /**
   * A v1beta1 PipelineRun that set both `spec.timeout` and `spec.timeouts`, which Tekton's
   * webhook rejects. Conversion keeps only `spec.timeout` (as `timeouts.pipeline`), as Tekton's
   * does, so this flag is the only trace of the conflict left for validation.
   */
  v1beta1TimeoutAndTimeouts?: boolean;
}

export type PipelineResource = ResourceBase<'Pipeline', PipelineSpec>;
export type PipelineRunResource = ResourceBase<'PipelineRun', PipelineRunSpec>;
export type TaskResource = ResourceBase<'Task', TaskSpec>;
export type TaskRunResource = ResourceBase<'TaskRun', TaskRunSpec>;
export type TektonResource =
  | PipelineResource
  | PipelineRunResource
  | TaskResource
  | TaskRunResource;

/** A loaded StepAction: not a TektonResource, as nothing runs or is validated as one. */
export interface StepActionResource {
  kind: 'StepAction';
  /** tekton.dev/v1alpha1 or tekton.dev/v1beta1, as the file said. */
  originalApiVersion: string;
  metadata: ObjectMeta & { name: string };
  spec: StepActionSpec;
  source: SourceDocument;
}

/** Splits a Tekton field path such as `spec.tasks[1].params[0].value` into YAML path segments. */
export function parseFieldPath(fieldPath: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of fieldPath.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}
