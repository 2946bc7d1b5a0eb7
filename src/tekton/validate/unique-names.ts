// Names that must be unique in a PipelineRun: params (ValidateParameters, compared ignoring
// case, as validateNoDuplicateNames does) and workspace bindings, each of which must also
// have exactly one volume source (WorkspaceBinding.Validate).
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
    validateWorkspaceBinding(workspace, workspacesPath.index(position), reporter);
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

// WorkspaceBinding.numSources counts projected and csi, but Tekton's message lists these five
// (allVolumeSourceFields), spelled in lower case, sorted as knative prints paths.
const VOLUME_SOURCE_FIELDS = [
  'configmap',
  'emptydir',
  'persistentvolumeclaim',
  'secret',
  'volumeclaimtemplate',
];
const VOLUME_SOURCE_KEYS = [
  'volumeClaimTemplate',
  'persistentVolumeClaim',
  'emptyDir',
  'configMap',
  'secret',
  'projected',
  'csi',
];

/** WorkspaceBinding.Validate: its first error only, as it returns at the first. */
export function validateWorkspaceBinding(
  binding: unknown,
  path: FieldPath,
  reporter: Reporter,
): void {
  if (!isObject(binding)) return;
  const present = (key: string) => binding[key] !== undefined && binding[key] !== null;
  if (Object.keys(binding).every((key) => !present(key))) {
    reporter.error('missing field(s)', path);
    return;
  }
  const sources = VOLUME_SOURCE_KEYS.filter(present).length;
  const sourcePaths = VOLUME_SOURCE_FIELDS.map((field) => path.spelled(`${path.text}.${field}`));
  if (sources > 1) {
    reporter.error('expected exactly one, got both', sourcePaths, path);
    return;
  }
  if (sources === 0) {
    reporter.error('expected exactly one, got neither', sourcePaths, path);
    return;
  }
  const missing = (key: string, inner: string, spelledAs: string) => {
    const source = binding[key];
    if (!present(key)) return false;
    const value = isObject(source) ? source[inner] : undefined;
    if (typeof value === 'string' ? value !== '' : Array.isArray(value) && value.length > 0)
      return false;
    reporter.error('missing field(s)', path.child(key).spelled(`${path.text}.${spelledAs}`));
    return true;
  };
  if (missing('persistentVolumeClaim', 'claimName', 'persistentvolumeclaim.claimname')) return;
  if (missing('configMap', 'name', 'configmap.name')) return;
  if (missing('secret', 'secretName', 'secret.secretName')) return;
  if (missing('projected', 'sources', 'projected.sources')) return;
  missing('csi', 'driver', 'csi.driver');
}
