// The affinity assistant a pipeline task's TaskRuns are annotated with
// (`pipeline.tekton.dev/affinity-assistant`; v1.15.0 pkg/reconciler/pipelinerun/
// pipelinerun.go createTaskRun, affinity_assistant.go getAffinityAssistantAnnotationVal,
// GetAffinityAssistantName): with coschedule `workspaces`, the one of the last pipeline
// workspace the task binds that is a claim or a volumeClaimTemplate (getTaskrunWorkspaces'
// pipelinePVCWorkspaceName), none without; with `pipelineruns` or `isolate-pipelinerun`, the
// run's one, on every TaskRun; with `disabled`, none. The simulator runs no StatefulSet: the
// annotation is printed, nothing is decided by it.
import { createHash } from 'node:crypto';
import type { Coschedule } from '../model/tekton-config.js';
import type { PipelineTask } from '../tekton/types.js';
import { type BindingInput, taskRunBindings } from './workspace-bindings.js';

export function affinityAssistantOf(
  input: BindingInput,
  pipelineTask: PipelineTask,
  coschedule: Coschedule,
): string | undefined {
  if (coschedule === 'disabled') return undefined;
  if (coschedule !== 'workspaces') return assistantName('', input.pipelineRunName);
  let claimed: string | undefined;
  for (const { pipelineWorkspace, source } of taskRunBindings(input, pipelineTask)) {
    if (source.persistentVolumeClaim != null || source.volumeClaimTemplate != null)
      claimed = pipelineWorkspace;
  }
  return claimed === undefined ? undefined : assistantName(claimed, input.pipelineRunName);
}

/** GetAffinityAssistantName: `affinity-assistant-` and sha256(workspace + run name)[:10]. */
function assistantName(pipelineWorkspace: string, runName: string): string {
  const hash = createHash('sha256')
    .update(pipelineWorkspace + runName)
    .digest('hex');
  return `affinity-assistant-${hash.slice(0, 10)}`;
}
