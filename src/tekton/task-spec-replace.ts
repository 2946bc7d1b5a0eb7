// Tekton's resources.ApplyReplacements over a whole TaskSpec (v1.15.0
// pkg/reconciler/taskrun/resources/apply.go, pkg/container/step_replacements.go and
// container_replacements.go): a copy of the spec with `$(...)` filled in exactly in the fields
// Tekton fills, and nowhere else (not in descriptions, params' defaults or results).
//
// `text` replaces within one string (substitution.ApplyReplacements); `list` may turn one
// `args` or `command` element into several (ApplyArrayReplacements).
export interface SpecReplacer {
  text(value: string): string;
  list(value: string): string[];
}

type Json = Record<string, unknown>;

export function replaceInTaskSpec(spec: Json, replacer: SpecReplacer): Json {
  const copy = structuredClone(spec);
  const text = (object: Json, key: string) => {
    if (typeof object[key] === 'string') object[key] = replacer.text(object[key] as string);
  };
  for (const step of records(copy.steps)) {
    text(step, 'script');
    text(step, 'onError');
    if (isRecord(step.stdoutConfig)) text(step.stdoutConfig, 'path');
    if (isRecord(step.stderrConfig)) text(step.stderrConfig, 'path');
    replaceInContainer(step, replacer);
  }
  if (isRecord(copy.stepTemplate)) replaceInContainer(copy.stepTemplate, replacer);
  for (const volume of records(copy.volumes)) replaceInVolume(volume, text);
  for (const workspace of records(copy.workspaces)) text(workspace, 'mountPath');
  for (const sidecar of records(copy.sidecars)) {
    text(sidecar, 'script');
    replaceInContainer(sidecar, replacer);
  }
  return copy;
}

/** applyContainerReplacements: the corev1.Container fields Tekton substitutes. */
function replaceInContainer(container: Json, replacer: SpecReplacer): void {
  const text = (object: Json, key: string) => {
    if (typeof object[key] === 'string') object[key] = replacer.text(object[key] as string);
  };
  text(container, 'name');
  text(container, 'image');
  text(container, 'imagePullPolicy');
  for (const key of ['args', 'command']) {
    const list = container[key];
    if (Array.isArray(list))
      container[key] = list.flatMap((item) =>
        typeof item === 'string' ? replacer.list(item) : [item],
      );
  }
  for (const env of records(container.env)) {
    text(env, 'value');
    if (isRecord(env.valueFrom)) {
      for (const key of ['secretKeyRef', 'configMapKeyRef']) {
        const ref = env.valueFrom[key];
        if (!isRecord(ref)) continue;
        text(ref, 'name');
        text(ref, 'key');
      }
    }
  }
  for (const from of records(container.envFrom)) {
    text(from, 'prefix');
    if (isRecord(from.configMapRef)) text(from.configMapRef, 'name');
    if (isRecord(from.secretRef)) text(from.secretRef, 'name');
  }
  text(container, 'workingDir');
  for (const mount of records(container.volumeMounts)) {
    text(mount, 'name');
    text(mount, 'mountPath');
    text(mount, 'subPath');
  }
}

function replaceInVolume(volume: Json, text: (object: Json, key: string) => void): void {
  text(volume, 'name');
  for (const [source, nameKey] of [
    ['configMap', 'name'],
    ['secret', 'secretName'],
  ] as const) {
    const found = volume[source];
    if (!isRecord(found)) continue;
    text(found, nameKey);
    for (const item of records(found.items)) {
      text(item, 'key');
      text(item, 'path');
    }
  }
  if (isRecord(volume.persistentVolumeClaim)) text(volume.persistentVolumeClaim, 'claimName');
  if (isRecord(volume.projected)) {
    for (const source of records(volume.projected.sources)) {
      if (isRecord(source.configMap)) text(source.configMap, 'name');
      if (isRecord(source.secret)) text(source.secret, 'name');
      if (isRecord(source.serviceAccountToken)) text(source.serviceAccountToken, 'audience');
    }
  }
  if (isRecord(volume.csi)) {
    if (isRecord(volume.csi.nodePublishSecretRef)) text(volume.csi.nodePublishSecretRef, 'name');
    if (isRecord(volume.csi.volumeAttributes))
      for (const key of Object.keys(volume.csi.volumeAttributes))
        text(volume.csi.volumeAttributes, key);
  }
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
