// Tekton's `$(...)` variable substitution: params, context, task results and (in finally)
// execution status. Rules as in Tekton's substitution package and ParamValue.ApplyReplacements:
//
// - Inside a string only string values are substituted; a reference that cannot be resolved,
//   or that names an array or object as a whole (`$(params.arr[*])`, `$(params.obj)`), or an
//   index out of range, stays exactly as written.
// - An array element that is exactly one reference to an array (`$(params.arr[*])`,
//   `$(params.arr)`, `$(tasks.X.results.R[*])`) expands into that array's elements.
// - A string param value that is exactly one reference to an array or object becomes that array
//   or object (Tekton's applyOrCorrect), but only in the plain dotted form Tekton recognises.
// - One pass: substituted text is never scanned again.
import { parseTaskResultReference, type TaskResultReference } from './references.js';
import type { Param, ParamValue } from './types.js';

/** What substitution asks of params: a map, or anything that answers as one. */
export interface ParamLookup {
  get(name: string): ParamValue | undefined;
  has(name: string): boolean;
}

export interface SubstitutionContext {
  /** `$(params.x)`, `$(params.arr[*])`, `$(params.arr[1])`, `$(params.obj.key)`, `$(params["x"])`. */
  params?: ParamLookup;
  /**
   * The TaskRun reconciler's v1beta1 spelling of the same params: `$(inputs.params.x)`,
   * `$(inputs.params.arr[1])`, `$(inputs.params.arr[*])` (taskrun/resources/apply.go
   * paramPatterns; an object's keys only as `params.obj.key`). The PipelineRun reconciler has
   * no such spelling.
   */
  inputsParams?: boolean;
  /** Keys without the `context.` prefix: 'pipelineRun.name', 'pipelineTask.retries', ... */
  context?: Readonly<Record<string, string>>;
  /** `$(tasks.X.results.Y)` (and `finally.X...`); undefined when the value cannot be read. */
  taskResult?(task: string, result: string): ParamValue | undefined;
  /** `$(tasks.X.status)`: finally only. */
  taskStatus?(task: string): string | undefined;
  /** `$(tasks.X.reason)`: finally only. */
  taskReason?(task: string): string | undefined;
  /** `$(tasks.status)`: finally only. */
  aggregateStatus?: string;
  /** Keys without the `workspaces.` prefix: 'source.bound', 'source.path', ... */
  workspaces?: Readonly<Record<string, string>>;
  /**
   * `$(tasks.X.matrix.length)`: Matrix.CountCombinations of X's matrix (Tekton's
   * ApplyPipelineTaskContexts, pipeline task params only; a decimal, as Go prints it).
   */
  matrixLength?(task: string): string | undefined;
  /** `$(tasks.X.matrix.R.length)`: how many of X's TaskRuns wrote result R. */
  matrixResultLength?(task: string, result: string): string | undefined;
}

/** Tekton's exactVariableSubstitutionRegex: the whole string is one plain dotted reference. */
const EXACT_REFERENCE = /^\$\([_a-zA-Z0-9.-]+(\.[_a-zA-Z0-9.-]+)*(\[([0-9]+|\*)\])?\)$/;
const EXECUTION_STATUS = /^tasks\.([^.]+)\.(status|reason)$/;
const MATRIX_LENGTH = /^tasks\.([^.]+)\.matrix\.(?:([^.]+)\.)?length$/;
const STAR_SUFFIX = '[*]';

export function substituteString(text: string, context: SubstitutionContext): string {
  let start = text.indexOf('$(');
  if (start === -1) return text;
  let out = '';
  let copiedUpTo = 0;
  while (start !== -1) {
    const end = referenceEnd(text, start);
    if (end === -1) break;
    if (text[end] === '(') {
      // `$(a $(b))`: references never nest, so only the inner one can be a reference.
      start = text.indexOf('$(', start + 1);
      continue;
    }
    const value = resolveExpression(text.slice(start + 2, end), context);
    if (typeof value === 'string') {
      out += text.slice(copiedUpTo, start) + value;
      copiedUpTo = end + 1;
    }
    start = text.indexOf('$(', end + 1);
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Offset of the `)` closing the reference opened at `start`, of an inner `(`, or -1. */
function referenceEnd(text: string, start: number): number {
  for (let i = start + 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x29 /* ) */ || c === 0x28 /* ( */) return i;
  }
  return -1;
}

export function substituteParamValue(value: ParamValue, context: SubstitutionContext): ParamValue {
  if (typeof value === 'string') return substituteWholeString(value, context);
  if (Array.isArray(value))
    return value.flatMap((element) => substituteArrayElement(element, context));
  if (value !== null && typeof value === 'object') {
    const substituted: { [key: string]: string } = {};
    for (const [key, element] of Object.entries(value)) {
      substituted[key] = typeof element === 'string' ? substituteString(element, context) : element;
    }
    return substituted;
  }
  // Not a Tekton value (a YAML number, say): validation reports it; nothing to substitute.
  return value;
}

export function substituteParams(
  params: readonly Param[] | undefined,
  context: SubstitutionContext,
): Param[] {
  if (!params) return [];
  return params.map((param) =>
    param ? { ...param, value: substituteParamValue(param.value, context) } : param,
  );
}

/**
 * The value a task result reference stands for, or undefined when it cannot be resolved: the
 * result is absent, the index is out of range, the key is missing, or `[*]` names a string.
 * `finally.F.results.R` is read through the same `taskResult` callback.
 */
export function resolveTaskResultReference(
  reference: TaskResultReference,
  context: SubstitutionContext,
): ParamValue | undefined {
  const value = context.taskResult?.(reference.task, reference.result);
  if (value === undefined) return undefined;
  return select(value, reference.star, reference.index, reference.key);
}

function substituteWholeString(text: string, context: SubstitutionContext): ParamValue {
  if (EXACT_REFERENCE.test(text)) {
    const whole = resolveExpression(withoutStar(text.slice(2, -1)), context);
    if (Array.isArray(whole)) return [...whole];
    if (whole !== undefined && typeof whole === 'object') return { ...whole };
  }
  return substituteString(text, context);
}

function substituteArrayElement(element: string, context: SubstitutionContext): string[] {
  if (typeof element !== 'string') return [element];
  if (element.startsWith('$(') && referenceEnd(element, 0) === element.length - 1) {
    const whole = resolveExpression(withoutStar(element.slice(2, -1)), context);
    if (Array.isArray(whole)) return [...whole];
  }
  return [substituteString(element, context)];
}

function withoutStar(expression: string): string {
  return expression.endsWith(STAR_SUFFIX) ? expression.slice(0, -STAR_SUFFIX.length) : expression;
}

/** What the text between `$(` and `)` stands for, or undefined when it cannot be resolved. */
function resolveExpression(
  expression: string,
  context: SubstitutionContext,
): ParamValue | undefined {
  if (expression.startsWith('params'))
    return resolveParam(expression.slice('params'.length), context);
  if (context.inputsParams && expression.startsWith('inputs.params.'))
    return resolveInputsParam(expression.slice('inputs.params.'.length), context);
  if (expression.startsWith('context.')) {
    const key = expression.slice('context.'.length);
    return context.context && Object.hasOwn(context.context, key)
      ? context.context[key]
      : undefined;
  }
  if (expression.startsWith('workspaces.')) {
    const key = expression.slice('workspaces.'.length);
    return context.workspaces && Object.hasOwn(context.workspaces, key)
      ? context.workspaces[key]
      : undefined;
  }
  if (expression === 'tasks.status') return context.aggregateStatus;
  const matrixLength = MATRIX_LENGTH.exec(expression);
  if (matrixLength) return resolveMatrixLength(matrixLength[1], matrixLength[2], context);
  if (!expression.startsWith('tasks.') && !expression.startsWith('finally.')) return undefined;
  const reference = parseTaskResultReference({ text: `$(${expression})`, expression, start: 0 });
  if (reference) return resolveTaskResultReference(reference, context);
  const status = EXECUTION_STATUS.exec(expression);
  if (!status) return undefined;
  return status[2] === 'status' ? context.taskStatus?.(status[1]) : context.taskReason?.(status[1]);
}

function resolveMatrixLength(
  task: string,
  result: string | undefined,
  context: SubstitutionContext,
): string | undefined {
  return result === undefined
    ? context.matrixLength?.(task)
    : context.matrixResultLength?.(task, result);
}

/**
 * `.name`, `["name"]` or `['name']`, then `[*]`, `[i]`, `.key` or `["key"]`. A dotted name that
 * is itself a param (`params.a.b` for a param named `a.b`) wins over an object key.
 */
function resolveParam(rest: string, context: SubstitutionContext): ParamValue | undefined {
  const params = context.params;
  if (!params) return undefined;
  let name: string;
  let selector: string;
  const bracketed = /^\[(["'])([^"']+)\1\]/.exec(rest);
  if (bracketed) {
    name = bracketed[2];
    selector = rest.slice(bracketed[0].length);
  } else if (rest.startsWith('.')) {
    const bracket = rest.indexOf('[');
    const path = bracket === -1 ? rest.slice(1) : rest.slice(1, bracket);
    selector = bracket === -1 ? '' : rest.slice(bracket);
    const dot = path.indexOf('.');
    if (params.has(path) || dot === -1) {
      name = path;
    } else {
      name = path.slice(0, dot);
      selector = path.slice(dot) + selector;
    }
  } else {
    return undefined;
  }
  const value = params.get(name);
  if (value === undefined) return undefined;
  const parsed = parseSelector(selector);
  return parsed ? select(value, parsed.star, parsed.index, parsed.key) : undefined;
}

/**
 * `inputs.params.NAME`, then `[*]` or `[i]`: the keys paramPatterns' `inputs.params.%s` makes
 * for string and array values (replacementsFromParams); the name is taken whole, dots and all.
 */
function resolveInputsParam(rest: string, context: SubstitutionContext): ParamValue | undefined {
  const params = context.params;
  if (!params) return undefined;
  const bracket = rest.indexOf('[');
  const name = bracket === -1 ? rest : rest.slice(0, bracket);
  const selector = bracket === -1 ? '' : rest.slice(bracket);
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (selector === STAR_SUFFIX) return typeof value === 'string' ? undefined : value;
  const index = /^\[(\d+)\]$/.exec(selector);
  if (index) return select(value, false, Number(index[1]), undefined);
  return selector === '' ? value : undefined;
}

function parseSelector(
  selector: string,
): { star: boolean; index?: number; key?: string } | undefined {
  if (selector === '') return { star: false };
  if (selector === STAR_SUFFIX) return { star: true };
  const index = /^\[(\d+)\]$/.exec(selector);
  if (index) return { star: false, index: Number(index[1]) };
  const key = /^\.([^.[\]]+)$/.exec(selector) ?? /^\[(?:"([^"]+)"|'([^']+)')\]$/.exec(selector);
  if (key) return { star: false, key: key[1] ?? key[2] };
  return undefined;
}

function select(
  value: ParamValue,
  star: boolean,
  index: number | undefined,
  key: string | undefined,
): ParamValue | undefined {
  if (star) return typeof value === 'string' ? undefined : value;
  let selected: ParamValue | undefined = value;
  if (index !== undefined) {
    selected = Array.isArray(selected) && index < selected.length ? selected[index] : undefined;
  }
  if (key !== undefined) selected = objectEntry(selected, key);
  return selected;
}

function objectEntry(value: ParamValue | undefined, key: string): string | undefined {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? value[key] : undefined;
}
