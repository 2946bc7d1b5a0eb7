// Names that must be unique in a PipelineRun: params (ValidateParameters, compared ignoring
// case, as validateNoDuplicateNames does) and workspace bindings.
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';

/**
 * Each param whose name (ignoring case) came before: `expected exactly one, got both` at
 * `<prefix>[<name>].name`. Tekton's prefix is `params` under a PipelineRun's spec but the ref
 * itself for a taskRef's or pipelineRef's params (validateRef adds no `params`), so
 * `spec.pipelineRef[x].name`.
 */
export function validateUniqueParamNames(
  params: unknown,
  paramsPath: FieldPath,
  tektonPrefix: string,
  reporter: Reporter,
): void {
  const seen = new Set<string>();
  asArray(params as readonly unknown[] | undefined).forEach((param, position) => {
    const name = isObject(param) && typeof param.name === 'string' ? param.name : '';
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      const at = paramsPath.index(position).child('name');
      reporter.error('expected exactly one, got both', at.spelled(`${tektonPrefix}[${name}].name`));
    }
    seen.add(folded);
  });
}

/** PipelineRunSpec.Validate: a workspace bound twice names both places (exact name match). */
export function validateUniqueWorkspaceBindings(
  workspaces: unknown,
  workspacesPath: FieldPath,
  reporter: Reporter,
): void {
  // Tekton keeps the latest place of each name, so a third binding names the second.
  const lastPosition = new Map<string, number>();
  asArray(workspaces as readonly unknown[] | undefined).forEach((workspace, position) => {
    const name = isObject(workspace) && typeof workspace.name === 'string' ? workspace.name : '';
    const earlier = lastPosition.get(name);
    if (earlier !== undefined) {
      reporter.error(
        `workspace ${JSON.stringify(name)} provided by pipelinerun more than once, at index ${earlier} and ${position}`,
        workspacesPath.index(position).child('name'),
      );
    }
    lastPosition.set(name, position);
  });
}
