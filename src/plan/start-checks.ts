// The PipelineRun reconciler's checks of params and workspaces before anything runs, in
// pipelinerun.go reconcile()'s order after ValidateRequiredParametersProvided: param types,
// object keys, array indexes, workspace bindings (tekton-semantics 5.1, the permanent
// start-time failures). Each answers what Go's error names, or undefined when it passes.
import type { ParamSpec, ParamValue, Param, PipelineSpec, PipelineTask } from '../tekton/types.js';

type ParamType = 'string' | 'array' | 'object';

/** ParamSpec.SetDefaults: the declared type, else inferred from properties, then the default. */
function declaredType(spec: ParamSpec): ParamType {
  if (spec.type) return spec.type;
  if (spec.properties) return 'object';
  return spec.default === undefined ? 'string' : typeOfValue(spec.default);
}

function typeOfValue(value: ParamValue): ParamType {
  if (Array.isArray(value)) return 'array';
  return value !== null && typeof value === 'object' ? 'object' : 'string';
}

function present<T>(items: readonly (T | null | undefined)[] | undefined): T[] {
  return (items ?? []).filter((item): item is T => item !== null && item !== undefined);
}

/** ValidateParamTypesMatching: the run's params whose value type differs from the declaration. */
export function paramsOfWrongType(
  pipeline: PipelineSpec,
  given: readonly Param[] | undefined,
): string[] {
  const declared = new Map(present(pipeline.params).map((spec) => [spec.name, declaredType(spec)]));
  return present(given)
    .filter((param) => {
      const type = declared.get(param.name);
      return type !== undefined && typeOfValue(param.value) !== type;
    })
    .map((param) => param.name);
}

/**
 * MissingKeysObjectParamNames: per object param given a value (by the run or a default),
 * the keys of its properties that neither provides, as Go's `%v` prints the map. Go ranges
 * over maps, so the order of several missing keys is its own; here they are sorted.
 */
export function missingObjectKeys(
  pipeline: PipelineSpec,
  given: readonly Param[] | undefined,
): string | undefined {
  const needed = new Map<string, string[]>();
  const provided = new Map<string, string[]>();
  for (const spec of present(pipeline.params)) {
    if (declaredType(spec) !== 'object') continue;
    needed.set(spec.name, Object.keys(spec.properties ?? {}));
    const fallback = spec.default;
    if (fallback && typeOfValue(fallback) === 'object')
      provided.set(spec.name, Object.keys(fallback));
  }
  for (const param of present(given)) {
    if (typeOfValue(param.value) !== 'object') continue;
    const keys = Object.keys(param.value as Record<string, string>);
    provided.set(param.name, [...(provided.get(param.name) ?? []), ...keys]);
  }
  const missing: string[] = [];
  for (const name of [...provided.keys()].sort()) {
    const keys = needed.get(name);
    if (!keys) continue;
    const have = new Set(provided.get(name));
    const lacking = keys.filter((key) => !have.has(key)).sort();
    if (lacking.length > 0) missing.push(`${name}:[${lacking.join(' ')}]`);
  }
  return missing.length > 0 ? `map[${missing.join(' ')}]` : undefined;
}

/** substitution.paramIndexing: `$(params.name[int])`, dot or bracket notation. */
const PARAM_INDEXING =
  /\$\(params(\.[_a-zA-Z0-9.-]+|\['[_a-zA-Z0-9./-]+'\]|\["[_a-zA-Z0-9./-]+"\])\[([0-9]+)\]\)/g;

function valuesOf(params: readonly Param[] | undefined): string[] {
  const values: string[] = [];
  for (const param of present(params)) {
    const value = param.value;
    if (Array.isArray(value)) values.push(...value.map(String));
    else if (value !== null && typeof value === 'object') values.push(...Object.values(value));
    else values.push(String(value ?? ''));
  }
  return values;
}

/** GetIndexingReferencesToArrayParams: params, matrix params, subPaths (tasks only), when. */
function indexableStrings(pipeline: PipelineSpec): string[] {
  const strings: string[] = [];
  const add = (task: PipelineTask, withWorkspaces: boolean) => {
    strings.push(...valuesOf(task.params));
    strings.push(...valuesOf(task.matrix?.params));
    if (withWorkspaces) {
      for (const binding of present(task.workspaces as { subPath?: string }[] | undefined)) {
        if (binding.subPath) strings.push(String(binding.subPath));
      }
    }
    for (const expression of present(task.when)) {
      if (expression.input !== undefined) strings.push(String(expression.input));
      strings.push(...(expression.values ?? []).map(String));
    }
  };
  for (const task of present(pipeline.tasks)) add(task, true);
  for (const task of present(pipeline.finally)) add(task, false);
  return strings;
}

/**
 * ValidateParamArrayIndex: every `$(params.a[i])` whose array (the run's value, else the
 * default) has no element i, sorted and deduplicated as Go's sets.String.List gives them.
 */
export function outOfBoundArrayReferences(
  pipeline: PipelineSpec,
  given: readonly Param[] | undefined,
): string[] {
  const lengths = new Map<string, number>();
  for (const spec of present(pipeline.params)) {
    if (Array.isArray(spec.default)) lengths.set(spec.name, spec.default.length);
  }
  for (const param of present(given)) {
    if (Array.isArray(param.value)) lengths.set(param.name, param.value.length);
  }
  const bad = new Set<string>();
  for (const text of indexableStrings(pipeline)) {
    for (const match of text.matchAll(PARAM_INDEXING)) {
      const [reference, target, index] = match;
      const name = target.startsWith('.') ? target.slice(1).split('.')[0] : target.slice(2, -2);
      const length = lengths.get(name);
      if (length !== undefined && Number(index) >= length) bad.add(reference);
    }
  }
  return [...bad].sort();
}

interface WorkspaceDeclaration {
  name?: string;
  optional?: boolean;
}

/** ValidateWorkspaceBindings: the first workspace the Pipeline requires and the run does not bind. */
export function unboundWorkspace(
  pipeline: PipelineSpec,
  bindings: readonly unknown[] | undefined,
): string | undefined {
  const bound = new Set(present(bindings as WorkspaceDeclaration[] | undefined).map((b) => b.name));
  for (const declaration of present(pipeline.workspaces as WorkspaceDeclaration[] | undefined)) {
    if (!declaration.optional && !bound.has(declaration.name)) return String(declaration.name);
  }
  return undefined;
}

interface TaskWorkspaceBinding {
  name?: string;
  workspace?: string;
}

/**
 * ValidateOptionalWorkspaces: the first pipeline task (tasks, then finally) that binds an
 * optional pipeline workspace to a workspace its Task does not mark optional.
 */
export function optionalWorkspaceRequired(
  pipeline: PipelineSpec,
  taskWorkspaces: (task: PipelineTask) => readonly unknown[] | undefined,
): { workspace: string; task: string } | undefined {
  const optional = new Set(
    present(pipeline.workspaces as WorkspaceDeclaration[] | undefined)
      .filter((declaration) => declaration.optional)
      .map((declaration) => declaration.name),
  );
  if (optional.size === 0) return undefined;
  for (const task of [...present(pipeline.tasks), ...present(pipeline.finally)]) {
    const declared = present(taskWorkspaces(task) as WorkspaceDeclaration[] | undefined);
    for (const binding of present(task.workspaces as TaskWorkspaceBinding[] | undefined)) {
      if (!optional.has(binding.workspace)) continue;
      if (declared.some((own) => own.name === binding.name && !own.optional)) {
        return { workspace: String(binding.workspace), task: task.name };
      }
    }
  }
  return undefined;
}

/** v1.VariableSubstitutionRegex: a value still holding a variable may become an array or object. */
const VARIABLE = /\$\([_a-zA-Z0-9.-]+(\.[_a-zA-Z0-9.-]+)*(\[([0-9]+|\*)\])?\)/;

/**
 * taskrun.ValidateResolvedTask: a pipeline task's params (PipelineRun params applied) against
 * its Task's declared params: every one without a default given (by params or the matrix),
 * of the declared type (a matrix gives strings), objects with every key of their properties.
 * Go's error, after `invalid input params for task <name>: `, or undefined.
 */
export function invalidTaskParams(
  task: PipelineTask,
  specs: readonly ParamSpec[],
): string | undefined {
  const declared = present(specs);
  if (declared.length === 0) return undefined;
  const params = present(task.params);
  const matrix = [
    ...present(task.matrix?.params),
    ...present(task.matrix?.include).flatMap((row) => present(row.params)),
  ];
  const given = new Set([...params, ...matrix].map((param) => param.name));
  const missing = declared
    .filter((spec) => !given.has(spec.name) && spec.default === undefined)
    .map((spec) => spec.name);
  if (missing.length > 0)
    return `missing values for these params which have no default values: [${missing.join(' ')}]`;
  const types = new Map(declared.map((spec) => [spec.name, declaredType(spec)]));
  const wrong: string[] = [];
  for (const param of params) {
    const type = types.get(param.name);
    if (type === undefined) continue;
    const actual = typeOfValue(param.value);
    if (actual === 'string' && type !== 'string' && VARIABLE.test(String(param.value))) continue;
    if (actual !== type) wrong.push(param.name);
  }
  for (const param of matrix) {
    const type = types.get(param.name);
    if (type !== undefined && type !== 'string') wrong.push(param.name);
  }
  if (wrong.length > 0)
    return `param types don't match the user-specified type: [${wrong.join(' ')}]`;
  const keys = missingObjectKeys({ params: declared }, params);
  if (keys)
    return `missing keys for these params which are required in ParamSpec's properties ${keys}`;
  return undefined;
}
