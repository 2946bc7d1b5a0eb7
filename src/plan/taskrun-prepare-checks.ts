// The checks the TaskRun reconciler's prepare (pkg/reconciler/taskrun/taskrun.go) makes on a
// standalone TaskRun that no PipelineRun made for it, after ValidateResolvedTask (which the
// lifecycle makes: lifecycle.ts taskRunParamsError): its params against the Task's enums,
// and its stepSpecs and sidecarSpecs against the Task's steps and sidecars.
import { TaskRunReason, USER_ERROR_LABEL } from '../model/reasons.js';
import type { TaskRunSpec, TaskSpec } from '../tekton/types.js';
import { firstValueOutsideEnum } from './param-enum.js';
import type { PlanTask } from './plan.js';

/**
 * The checks prepare makes after ValidateResolvedTask (which the lifecycle makes), in its
 * order: ValidateEnumParam (InvalidParamValue), the workspace bindings compilePlan found
 * (resolutionError, TaskRunValidationFailed), validateOverrides (TaskRunValidationFailed). A
 * StepAction that does not resolve (TaskRunResolutionFailed) comes before them all.
 */
export function laterPrepareFailure(
  task: PlanTask,
  spec: TaskRunSpec,
): Pick<PlanTask, 'resolutionError' | 'resolutionReason'> {
  const enumError = outsideEnum(task, spec);
  const overridesError = task.taskSpec ? invalidOverrides(spec, task.taskSpec) : undefined;
  const resolvesFirst = task.resolutionError !== undefined && task.resolutionReason === undefined;
  if (resolvesFirst) return {};
  if (enumError)
    return { resolutionError: enumError, resolutionReason: TaskRunReason.InvalidParamValue };
  if (task.resolutionError !== undefined || !overridesError) return {};
  return {
    resolutionError: overridesError,
    resolutionReason: TaskRunReason.TaskRunValidationFailed,
  };
}

/** ValidateEnumParam, with enable-param-enum on: the first string param outside its enum. */
function outsideEnum(task: PlanTask, spec: TaskRunSpec): string | undefined {
  const outside = task.paramEnums ? firstValueOutsideEnum(spec.params, task.paramEnums) : undefined;
  return outside
    ? `${USER_ERROR_LABEL}param \`${outside.name}\` value: ${outside.value} is not in the enum list`
    : undefined;
}

/**
 * prepare's last check, validateOverrides (validate_taskrun.go): every stepSpecs entry names a
 * step and every sidecarSpecs entry a sidecar of the Task; the misses are user errors joined
 * with newlines (errors.Join), and fail the TaskRun TaskRunValidationFailed.
 */
function invalidOverrides(spec: TaskRunSpec, taskSpec: TaskSpec): string | undefined {
  const named = (list: readonly unknown[] | undefined) => new Set((list ?? []).map(nameOf));
  const steps = named(taskSpec.steps);
  const sidecars = named(taskSpec.sidecars);
  const errors: string[] = [];
  for (const override of spec.stepSpecs ?? []) {
    const name = nameOf(override);
    if (!steps.has(name)) errors.push(`invalid StepOverride: No Step named ${name}`);
  }
  for (const override of spec.sidecarSpecs ?? []) {
    const name = nameOf(override);
    if (!sidecars.has(name)) errors.push(`invalid SidecarOverride: No Sidecar named ${name}`);
  }
  // errors.Join of user errors; GetErrorMessage finds the first and labels the whole once.
  return errors.length > 0 ? USER_ERROR_LABEL + errors.join('\n') : undefined;
}

function nameOf(item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}
