// Finding Tekton variable references (`$(...)`) in strings, and the kinds the scheduler cares
// about: task results (which add DAG edges) and execution status (finally only).
import type { Param, ParamValue, PipelineTask, TaskSpec, WhenExpression } from './types.js';

export interface VariableReference {
  /** The whole reference as written, e.g. `$(tasks.build.results.digest)`. */
  text: string;
  /** What is between `$(` and `)`, e.g. `tasks.build.results.digest`. */
  expression: string;
  /** Offset of `$(` in the searched string. */
  start: number;
}

// Tekton's references never nest, so the first `)` ends one. `$$(x)` is an escape in Tekton
// scripts but not in params; we follow the params rule and treat it as a reference.
const REFERENCE = /\$\(([^()]*)\)/g;

export function findVariableReferences(text: string): VariableReference[] {
  const found: VariableReference[] = [];
  // Most strings hold no reference: a look for `$(` costs less than the regex's iterator.
  if (!text.includes('$(')) return found;
  for (const match of text.matchAll(REFERENCE)) {
    found.push({ text: match[0], expression: match[1].trim(), start: match.index ?? 0 });
  }
  return found;
}

export interface TaskResultReference {
  text: string;
  /** `tasks` for DAG/finally task results, `finally` for pipeline results read from finally tasks. */
  scope: 'tasks' | 'finally';
  task: string;
  result: string;
  /** `[2]` array indexing. */
  index?: number;
  /** `[*]` whole array (also the only way to read a matrixed task's results). */
  star: boolean;
  /** `.key` of an object result. */
  key?: string;
}

// The task name may be empty: Tekton's parseExpression splits at dots, so `tasks..results.r`
// names the task "" (and validateGraph then reports it missing).
const TASK_RESULT =
  /^(tasks|finally)\.([^.[\]]*)\.results\.([^.[\]]+)(?:\[(\*|\d+)\])?(?:\.([^.[\]]+))?$/;
// Tekton also accepts the bracket form `tasks.a.results["name"]`.
const TASK_RESULT_BRACKETS =
  /^(tasks|finally)\.([^.[\]]+)\.results\[["']([^"']+)["']\](?:\[(\*|\d+)\])?(?:\.([^.[\]]+))?$/;

export function parseTaskResultReference(
  reference: VariableReference,
): TaskResultReference | undefined {
  const match =
    TASK_RESULT.exec(reference.expression) ?? TASK_RESULT_BRACKETS.exec(reference.expression);
  if (!match) return undefined;
  const [, scope, task, result, indexText, key] = match;
  return {
    text: reference.text,
    scope: scope as 'tasks' | 'finally',
    task,
    result,
    index: indexText !== undefined && indexText !== '*' ? Number(indexText) : undefined,
    star: indexText === '*',
    key,
  };
}

export function taskResultReferencesIn(text: string): TaskResultReference[] {
  const found: TaskResultReference[] = [];
  for (const reference of findVariableReferences(text)) {
    const parsed = parseTaskResultReference(reference);
    if (parsed) found.push(parsed);
  }
  return found;
}

export type ExecutionStatusReference =
  | { kind: 'task-status'; task: string; text: string }
  | { kind: 'task-reason'; task: string; text: string }
  | { kind: 'aggregate-status'; text: string };

/** `$(tasks.X.status)`, `$(tasks.X.reason)` and `$(tasks.status)`: allowed in finally only. */
export function parseExecutionStatusReference(
  reference: VariableReference,
): ExecutionStatusReference | undefined {
  if (reference.expression === 'tasks.status') {
    return { kind: 'aggregate-status', text: reference.text };
  }
  const match = /^tasks\.([^.]+)\.(status|reason)$/.exec(reference.expression);
  if (!match) return undefined;
  return match[2] === 'status'
    ? { kind: 'task-status', task: match[1], text: reference.text }
    : { kind: 'task-reason', task: match[1], text: reference.text };
}

/** Every string inside a param value, in order. */
export function stringsOfValue(value: ParamValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'object') {
    return Object.values(value).filter((v): v is string => typeof v === 'string');
  }
  return [String(value)];
}

export function stringsOfParams(params: readonly Param[] | undefined): string[] {
  return (params ?? []).flatMap((param) => stringsOfValue(param?.value));
}

export function stringsOfWhen(when: readonly WhenExpression[] | undefined): string[] {
  const strings: string[] = [];
  for (const expression of when ?? []) {
    if (!expression) continue;
    if (typeof expression.input === 'string') strings.push(expression.input);
    for (const value of expression.values ?? []) if (typeof value === 'string') strings.push(value);
    if (typeof expression.cel === 'string') strings.push(expression.cel);
  }
  return strings;
}

/** Strings of an embedded taskSpec's steps and sidecars, where result references add edges too. */
export function stringsOfTaskSpec(spec: TaskSpec | undefined): string[] {
  const strings: string[] = [];
  for (const container of [...(spec?.steps ?? []), ...(spec?.sidecars ?? [])]) {
    if (!container) continue;
    if (typeof container.script === 'string') strings.push(container.script);
    for (const part of [...(container.command ?? []), ...(container.args ?? [])]) {
      if (typeof part === 'string') strings.push(part);
    }
  }
  return strings;
}

/**
 * The result references that make `task` depend on other tasks, as Tekton's Deps() finds
 * them: params, matrix params and include params, when expressions, and an embedded
 * taskSpec's steps and sidecars.
 */
export function resultReferencesOfPipelineTask(task: PipelineTask): TaskResultReference[] {
  const strings = [
    ...stringsOfParams(task.params),
    ...stringsOfParams(task.matrix?.params),
    ...(task.matrix?.include ?? []).flatMap((include) => stringsOfParams(include?.params)),
    ...stringsOfWhen(task.when),
    ...stringsOfTaskSpec(task.taskSpec),
  ];
  return strings.flatMap(taskResultReferencesIn);
}
