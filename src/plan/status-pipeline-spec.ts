// The PipelineRun's status.pipelineSpec as Tekton v1.15.0 writes it
// (pkg/reconciler/pipelinerun/pipelinerun.go reconcile): the resolved Pipeline's spec is
// stored as fetched (storePipelineSpecAndMergeMeta), then, once the params, workspaces and
// taskRunSpecs checks pass, replaced by the spec with the run's params (ApplyParameters),
// its contexts (ApplyContexts) and `$(workspaces.W.bound)` (ApplyWorkspaces) filled in, one
// pass after the other (pkg/reconciler/pipelinerun/resources/apply.go
// replaceVariablesInPipelineTasks, propagateParams). Pipeline results, descriptions and
// params' defaults are left as written; task results and `$(context.pipelineTask.retries)`
// are filled in later, per task, and never reach status.pipelineSpec.
//
// Defaulting (PipelineSpec.SetDefaults) is the report's (report/kubectl-spec-defaults.ts):
// none of it touches a field substitution fills in.
import {
  substituteParams,
  substituteParamValue,
  substituteString,
  type SubstitutionContext,
} from '../tekton/substitute.js';
import { replaceInTaskSpec } from '../tekton/task-spec-replace.js';
import type { ParamValue } from '../tekton/types.js';
import type { Plan } from './plan.js';

type Json = Record<string, unknown>;

/**
 * `applied`: false for a run that failed one of the checks made before ApplyParameters
 * (StartFailure.beforeParams), whose status keeps the spec as fetched.
 */
export function statusPipelineSpec(plan: Plan, applied: boolean): Json {
  const spec = structuredClone(plan.pipelineSpec) as unknown as Json;
  if (!applied) return spec;
  const passes: Pass[] = [
    { context: { params: plan.params }, params: plan.params },
    {
      context: {
        context: {
          'pipelineRun.name': plan.pipelineRunName,
          'pipeline.name': plan.pipelineName ?? plan.pipelineRunName,
          'pipelineRun.namespace': plan.namespace,
          'pipelineRun.uid': plan.uid,
        },
      },
      contexts: true,
    },
    { context: { workspaces: plan.boundWorkspaces ?? {} } },
  ];
  for (const key of ['tasks', 'finally']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    spec[key] = list.map((task) =>
      isRecord(task) ? passes.reduce((current, pass) => replaceInTask(current, pass), task) : task,
    );
  }
  return spec;
}

interface Pass {
  context: SubstitutionContext;
  /** The params pass: an embedded spec sees its task's params in place of the pipeline's. */
  params?: ReadonlyMap<string, ParamValue>;
  /** ApplyContexts fills every displayName, a matrixed task's too. */
  contexts?: boolean;
}

/** replaceVariablesInPipelineTasks for one task and one pass. */
function replaceInTask(task: Json, pass: Pass): Json {
  const { context } = pass;
  const text = (value: unknown) =>
    typeof value === 'string' ? substituteString(value, context) : value;
  const out: Json = { ...task };
  if (Array.isArray(task.params)) out.params = substituteParams(task.params, context);
  const matrix = isRecord(task.matrix) ? task.matrix : undefined;
  const matrixed =
    matrix !== undefined &&
    ((Array.isArray(matrix.params) && matrix.params.length > 0) ||
      (Array.isArray(matrix.include) && matrix.include.length > 0));
  if (matrixed && matrix) {
    out.matrix = {
      ...matrix,
      ...(Array.isArray(matrix.params) ? { params: substituteParams(matrix.params, context) } : {}),
      ...(Array.isArray(matrix.include)
        ? {
            include: matrix.include.map((include) =>
              isRecord(include) && Array.isArray(include.params)
                ? { ...include, params: substituteParams(include.params, context) }
                : include,
            ),
          }
        : {}),
    };
  }
  if ((!matrixed || pass.contexts) && typeof task.displayName === 'string')
    out.displayName = text(task.displayName);
  if (Array.isArray(task.workspaces))
    out.workspaces = task.workspaces.map((workspace) =>
      isRecord(workspace) && typeof workspace.subPath === 'string'
        ? { ...workspace, subPath: text(workspace.subPath) }
        : workspace,
    );
  if (Array.isArray(task.when))
    out.when = task.when.map((expression) =>
      isRecord(expression) ? replaceInWhen(expression, context) : expression,
    );
  if (isRecord(task.taskRef)) {
    const ref: Json = { ...task.taskRef };
    if (Array.isArray(ref.params)) ref.params = substituteParams(ref.params, context);
    if (typeof ref.name === 'string') ref.name = text(ref.name);
    out.taskRef = ref;
  }
  if (typeof task.onError === 'string') out.onError = text(task.onError);
  if (isRecord(task.taskSpec)) out.taskSpec = propagateParams(task.taskSpec, out, pass);
  return out;
}

/** WhenExpression.ReplaceVariables: input and cel as text; a value naming an array expands. */
function replaceInWhen(expression: Json, context: SubstitutionContext): Json {
  const out: Json = { ...expression };
  if (typeof expression.input === 'string') out.input = substituteString(expression.input, context);
  if (typeof expression.cel === 'string') out.cel = substituteString(expression.cel, context);
  if (Array.isArray(expression.values))
    out.values = expression.values.flatMap((value) =>
      typeof value === 'string' ? (substituteParamValue([value], context) as unknown[]) : [value],
    );
  return out;
}

/**
 * propagateParams: the embedded spec gets the same replacements, except that a pipeline param
 * its task passes under the same name stands for the task's (already substituted) value.
 */
function propagateParams(taskSpec: Json, task: Json, pass: Pass): Json {
  let context = pass.context;
  if (pass.params && Array.isArray(task.params) && task.params.length > 0) {
    const params = new Map(pass.params);
    for (const param of task.params)
      if (isRecord(param) && typeof param.name === 'string' && params.has(param.name))
        params.set(param.name, param.value as ParamValue);
    context = { ...context, params };
  }
  return replaceInTaskSpec(taskSpec, {
    text: (value) => substituteString(value, context),
    list: (value) => (substituteParamValue([value], context) as unknown[]).map(String),
  });
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
