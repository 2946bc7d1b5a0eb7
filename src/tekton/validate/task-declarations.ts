// What a Task declares for its steps to mount (pkg/apis/pipeline/v1/task_validation.go):
// volumes with unique names (ValidateVolumes), workspaces with unique names and mount paths
// not used by another workspace or by a volume mount of a step or of the stepTemplate
// (validateDeclaredWorkspaces), and the workspaces a step or sidecar names declared by the
// Task (validateWorkspaceUsages). Tekton spells the mount path's key `mountpath`.
import type { TaskSpec } from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';
import { cleanPath } from './clean-path.js';

export function validateTaskDeclarations(
  spec: TaskSpec,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const fields = spec as Record<string, unknown>;
  const volumeNames = new Set<string>();
  asArray(fields.volumes as unknown[] | undefined).forEach((volume, position) => {
    const name = nameOf(volume);
    if (volumeNames.has(name))
      reporter.error(
        `multiple volumes with same name ${JSON.stringify(name)}`,
        specPath.child('volumes').index(position).child('name'),
      );
    volumeNames.add(name);
  });
  validateDeclaredWorkspaces(spec, specPath, reporter);
  validateWorkspaceUsages(spec, specPath, reporter);
}

function nameOf(item: unknown): string {
  return isObject(item) && typeof item.name === 'string' ? item.name : '';
}

function validateDeclaredWorkspaces(spec: TaskSpec, specPath: FieldPath, reporter: Reporter) {
  const mountPaths = new Set<string>();
  const addMounts = (mounts: unknown) => {
    for (const mount of asArray(mounts as unknown[] | undefined))
      if (isObject(mount))
        mountPaths.add(cleanPath(typeof mount.mountPath === 'string' ? mount.mountPath : ''));
  };
  for (const step of asArray(spec.steps)) if (isObject(step)) addMounts(step.volumeMounts);
  if (isObject(spec.stepTemplate))
    addMounts((spec.stepTemplate as Record<string, unknown>).volumeMounts);
  const names = new Set<string>();
  asArray(spec.workspaces).forEach((workspace, position) => {
    const at = specPath.child('workspaces').index(position);
    const name = nameOf(workspace);
    if (names.has(name))
      reporter.error(`workspace name ${JSON.stringify(name)} must be unique`, at.child('name'));
    names.add(name);
    // WorkspaceDeclaration.GetMountPath: the written one, else /workspace/<name>.
    const written = isObject(workspace) ? workspace.mountPath : undefined;
    const mountPath = cleanPath(
      typeof written === 'string' && written !== '' ? written : `/workspace/${name}`,
    );
    if (mountPaths.has(mountPath))
      reporter.error(
        `workspace mount path ${JSON.stringify(mountPath)} must be unique`,
        at.child('mountPath').spelled(`${at.text}.mountpath`),
      );
    mountPaths.add(mountPath);
  });
}

function validateWorkspaceUsages(spec: TaskSpec, specPath: FieldPath, reporter: Reporter) {
  const declared = new Set(asArray(spec.workspaces).map(nameOf));
  for (const list of ['steps', 'sidecars'] as const) {
    asArray(spec[list]).forEach((container, position) => {
      if (!isObject(container)) return;
      asArray(container.workspaces as unknown[] | undefined).forEach((usage, index) => {
        const name = nameOf(usage);
        if (!declared.has(name))
          reporter.error(
            `undefined workspace ${JSON.stringify(name)}`,
            specPath.child(list).index(position).child('workspaces').index(index).child('name'),
          );
      });
    });
  }
}
