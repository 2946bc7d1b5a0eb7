// A pipeline task's `onError` given as `$(params.x)`: the webhook leaves it (isParamRefs), and
// the PipelineRun reconciler checks it once the run's params are in
// (pipelinerun.go reconcile -> validatePipelineSpecAfterApplyParameters ->
// PipelineTask.ValidateOnError, after ApplyParameters). Its FieldErrors carry no index (the
// path is just `OnError`), and knative prints them merged and sorted by message.
import type { ApiFieldsLevel } from '../model/tekton-config.js';
import { ApiFieldsMessages } from '../model/reasons.js';
import type { PlanTask } from './plan.js';

interface FieldError {
  message: string;
  paths: string[];
  details?: string;
}

/** ValidateOnError of one task, with its substituted onError. */
function onErrorErrors(task: PlanTask, apiFields: ApiFieldsLevel): FieldError[] {
  const onError = task.pipelineTask.onError;
  if (typeof onError !== 'string' || onError === '' || onError.startsWith('$(params.')) return [];
  const errors: FieldError[] = [];
  if (apiFields === 'stable') {
    errors.push({ message: ApiFieldsMessages.needsBeta('OnError', apiFields), paths: [] });
  }
  if (onError !== 'continue' && onError !== 'stopAndFail') {
    errors.push({
      message: `invalid value: ${onError}`,
      paths: ['OnError'],
      details: 'PipelineTask OnError must be either "continue" or "stopAndFail"',
    });
  }
  if (onError === 'continue' && task.retries > 0) {
    errors.push({
      message: 'PipelineTask OnError cannot be set to "continue" when Retries is greater than 0',
      paths: [],
    });
  }
  return errors;
}

/** knative FieldError.Error(): same message and details merged (paths once each), by message. */
function printed(errors: FieldError[]): string {
  const merged = new Map<string, FieldError>();
  for (const error of errors) {
    const key = JSON.stringify([error.message, error.details ?? '']);
    const earlier = merged.get(key);
    if (!earlier) merged.set(key, { ...error, paths: [...error.paths] });
    else
      for (const path of error.paths) if (!earlier.paths.includes(path)) earlier.paths.push(path);
  }
  return [...merged.values()]
    .sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0))
    .map((error) => {
      const head = `${error.message}: ${error.paths.sort().join(', ')}`;
      return error.details ? `${head}\n${error.details}` : head;
    })
    .join('\n');
}

/** The error of validatePipelineSpecAfterApplyParameters over every task, or undefined. */
export function onErrorAfterParamsError(
  tasks: readonly PlanTask[],
  apiFields: ApiFieldsLevel,
): string | undefined {
  const errors = tasks.flatMap((task) => onErrorErrors(task, apiFields));
  return errors.length > 0 ? printed(errors) : undefined;
}
