// Variables in pipeline task params and when expressions: execution status
// (`$(tasks.X.status)`, `$(tasks.X.reason)`, `$(tasks.status)`) is for finally tasks only, and
// every `$(...)` must start with a prefix Tekton knows.
import { stringsOfValue } from '../references.js';
import type { Param, PipelineTask, WhenExpression } from '../types.js';
import {
  asArray,
  containsExecutionStatusRef,
  expressionsOfValue,
  expressionsOfWhen,
  looksLikeContainsResultRefs,
  referencesIn,
} from './expressions.js';
import type { FieldPath, Reporter } from './report.js';

/** Where each param value and when expression of a task is, with its expressions. */
export interface TaskVariableSite {
  path: FieldPath;
  expressions: string[];
  strings: string[];
}

/** Params (`params[name].value`) then when entries (`when[j]`), as Tekton walks them. */
export function variableSitesOf(task: PipelineTask, taskPath: FieldPath): TaskVariableSite[] {
  const sites: TaskVariableSite[] = [];
  asArray(task.params).forEach((param: Param, position) => {
    if (!param) return;
    const name = String(param.name ?? '');
    sites.push({
      path: taskPath.keyed('params', name, position).child('value'),
      expressions: expressionsOfValue(param.value),
      strings: stringsOfValue(param.value),
    });
  });
  asArray(task.when).forEach((expression: WhenExpression, position) => {
    sites.push({
      path: taskPath.child('when').index(position),
      expressions: expressionsOfWhen(expression),
      strings: whenStrings(expression),
    });
  });
  return sites;
}

function whenStrings(expression: WhenExpression | undefined): string[] {
  if (!expression) return [];
  const strings: string[] = [];
  if (typeof expression.input === 'string') strings.push(expression.input);
  if (typeof expression.cel === 'string') strings.push(expression.cel);
  for (const value of asArray(expression.values))
    if (typeof value === 'string') strings.push(value);
  return strings;
}

export function validateExecutionStatusVariables(
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
): void {
  tasks.forEach((task, position) => {
    for (const site of variableSitesOf(task, specPath.child('tasks').index(position))) {
      // Tekton skips a value that holds any result reference: `$(tasks.a.results.status)`
      // ends in `.status` but is a result, not a status.
      if (looksLikeContainsResultRefs(site.expressions)) continue;
      if (site.expressions.some(containsExecutionStatusRef)) {
        reporter.error(
          'invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks',
          site.path,
        );
      }
    }
  });
  const dagNames = new Set(tasks.map((task) => String(task?.name ?? '')));
  finallyTasks.forEach((task, position) => {
    for (const site of variableSitesOf(task, specPath.child('finally').index(position))) {
      if (looksLikeContainsResultRefs(site.expressions)) continue;
      for (const expression of site.expressions) {
        if (expression === 'tasks.status' || !containsExecutionStatusRef(expression)) continue;
        const name = expression.replace(/^tasks\./, '').replace(/\.(status|reason)$/, '');
        if (!dagNames.has(name)) {
          reporter.error(
            `invalid value: pipeline task ${name} is not defined in the pipeline`,
            site.path,
          );
        }
      }
    }
  });
}

const VALID_PREFIXES = ['params', 'tasks', 'finally', 'context', 'workspaces', 'results'];

/**
 * `$(foo)`, `$(inputs.params.x)`: references Tekton cannot resolve, in params, when, and
 * a matrix's params and include params (validateVarSubstitutionExpressions).
 */
export function validateVariablePrefixes(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
): void {
  tasks.forEach((task, position) => {
    const taskPath = listPath.index(position);
    const sites = [...variableSitesOf(task, taskPath), ...matrixVariableSitesOf(task, taskPath)];
    for (const site of sites) {
      for (const text of site.strings) {
        for (const reference of referencesIn(text)) {
          const prefix = reference.slice(2, -1).split(/[.[]/, 1)[0];
          if (VALID_PREFIXES.includes(prefix)) continue;
          reporter.error(
            `invalid value: invalid variable reference "${reference}", must start with a valid prefix: ` +
              'params, tasks, finally, context, workspaces, or results; ' +
              'if you meant a shell variable, use ${VAR} instead',
            site.path,
          );
        }
      }
    }
  });
}

/** `matrix.params[name].value`, then `matrix.include[i].params[name].value`. */
function matrixVariableSitesOf(task: PipelineTask, taskPath: FieldPath): TaskVariableSite[] {
  const sites: TaskVariableSite[] = [];
  const matrixPath = taskPath.child('matrix');
  asArray(task.matrix?.params).forEach((param: Param, position) => {
    if (!param) return;
    sites.push({
      path: matrixPath.keyed('params', String(param.name ?? ''), position).child('value'),
      expressions: expressionsOfValue(param.value),
      strings: stringsOfValue(param.value),
    });
  });
  asArray(task.matrix?.include).forEach((include, includePosition) => {
    const includePath = matrixPath.child('include').index(includePosition);
    asArray(include?.params).forEach((param: Param, position) => {
      if (!param) return;
      sites.push({
        path: includePath.keyed('params', String(param.name ?? ''), position).child('value'),
        expressions: expressionsOfValue(param.value),
        strings: stringsOfValue(param.value),
      });
    });
  });
  return sites;
}
