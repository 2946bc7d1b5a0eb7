// What a pipeline task's TaskRuns copy labels and annotations from besides their PipelineRun,
// kept once per Plan for printing (report/kubectl-metadata.ts): the referenced Task's
// metadata, which the TaskRun reconciler merges (storeTaskSpecAndMergeMeta), and an embedded
// taskSpec's `metadata`, which createTaskRun copies (combineTaskRunAndTaskSpecLabels,
// combineTaskRunAndTaskSpecAnnotations). Nothing the simulation decides reads them.
import type { TaskRunMetadataSources } from '../model/status.js';
import type { ObjectMeta, PipelineTask } from '../model/tekton-types.js';

export function taskRunMetadataSources(
  task: PipelineTask,
  referencedTask: ObjectMeta | undefined,
  onErrorContinue: boolean,
  affinityAssistant?: string,
): TaskRunMetadataSources {
  const sources: TaskRunMetadataSources = { onErrorContinue };
  if (affinityAssistant) sources.affinityAssistant = affinityAssistant;
  if (referencedTask) sources.task = referencedTask;
  // EmbeddedTask.Metadata, written as is: ApplyParameters substitutes the spec, not it.
  const written = (task.taskSpec as { metadata?: unknown } | undefined)?.metadata;
  if (isRecord(written)) {
    const labels = stringMap(written.labels);
    const annotations = stringMap(written.annotations);
    if (labels || annotations)
      sources.taskSpec = { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
  }
  return sources;
}

/** A map of strings as Go decodes `map[string]string`; anything else is no map. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
