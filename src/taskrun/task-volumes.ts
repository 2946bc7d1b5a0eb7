// A Task's own `volumes`, as its steps mount them with `volumeMounts`.
//
// Tekton hands `spec.volumes` to the pod and each step's (and the stepTemplate's)
// `volumeMounts` to its container unchanged, after substituting params into both
// (`applyStepReplacements`, `ApplyReplacements` over `Volumes`, pkg/reconciler/taskrun/
// resources/apply.go; `MergeStepsWithStepTemplate` merges `volumeMounts` by `mountPath`,
// pkg/apis/pipeline/v1/merge.go; pkg/pod/pod.go `Build` appends the task's volumes to the
// pod's own). So an `emptyDir` is one directory every step of the attempt that mounts it
// shares, wherever each mounts it, and a ConfigMap or Secret volume shows its keys. A step's
// mount at /workspace or /tekton/home hides the pod's own directory there.
import type { Mount } from '../shell/index.js';
import { normalisePath, Volume } from '../shell/index.js';
import type { Plan } from '../plan/plan.js';
import type { RunFiles } from './run-files.js';
import { sourceVolume } from './source-volumes.js';

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * The volumes of the TaskRun's pod template, which Build also gives the pod
 * (`volumes = append(volumes, podTemplate.Volumes...)`): the PipelineRun's
 * `taskRunTemplate.podTemplate` (a standalone TaskRun's own `podTemplate`), a volume of the
 * task's `taskRunSpecs` entry's podTemplate replacing one of the same name
 * (MergePodTemplateWithDefault).
 */
export function podTemplateVolumes(runSpec: unknown, pipelineTaskName: string): Raw[] {
  if (!isRecord(runSpec)) return [];
  const template = isRecord(runSpec.taskRunTemplate)
    ? runSpec.taskRunTemplate.podTemplate
    : undefined;
  const entry = records(runSpec.taskRunSpecs).find(
    (candidate) => candidate.pipelineTaskName === pipelineTaskName,
  );
  const own = isRecord(entry?.podTemplate) ? records(entry.podTemplate.volumes) : [];
  const ownNames = new Set(own.map((volume) => volume.name));
  const shared = isRecord(template) ? records(template.volumes) : [];
  return [...shared.filter((volume) => !ownNames.has(volume.name)), ...own];
}

/** The step's volumeMounts over the stepTemplate's, one per mountPath (the step's wins). */
function mergedMounts(taskSpec: Raw, stepIndex: number): Raw[] {
  const step = records(taskSpec.steps)[stepIndex] ?? {};
  const template = isRecord(taskSpec.stepTemplate) ? taskSpec.stepTemplate : {};
  const own = records(step.volumeMounts);
  const ownPaths = new Set(own.map((mount) => mount.mountPath));
  return [
    ...records(template.volumeMounts).filter((mount) => !ownPaths.has(mount.mountPath)),
    ...own,
  ];
}

/**
 * The mounts of the Task's volumes that step `stepIndex` sees, in the pod `podKey`. `fill`
 * substitutes params into the volume sources' names.
 */
export function taskVolumeMounts(
  plan: Plan,
  taskSpec: unknown,
  stepIndex: number,
  podKey: string,
  files: RunFiles,
  fill: (text: string) => string,
  /** The TaskRun's podTemplate volumes (podTemplateVolumes). */
  podTemplateVolumes: readonly Raw[] = [],
): Mount[] {
  if (!isRecord(taskSpec)) return [];
  const volumes = new Map(
    [...podTemplateVolumes, ...records(taskSpec.volumes)].map((volume) => [volume.name, volume]),
  );
  if (volumes.size === 0) return [];
  const mounts: Mount[] = [];
  for (const mount of mergedMounts(taskSpec, stepIndex)) {
    const volume = volumes.get(mount.name);
    if (volume === undefined || typeof mount.mountPath !== 'string') continue;
    mounts.push({
      path: normalisePath(fill(mount.mountPath), '/'),
      volume: taskVolume(plan, taskSpec, volume, podKey, files, fill),
      subPath:
        typeof mount.subPath === 'string' ? normalisePath(fill(mount.subPath), '/').slice(1) : '',
      readOnly: mount.readOnly === true,
    });
  }
  return mounts;
}

function taskVolume(
  plan: Plan,
  taskSpec: Raw,
  volume: Raw,
  podKey: string,
  files: RunFiles,
  fill: (text: string) => string,
): Volume {
  const name = String(volume.name);
  if (isRecord(volume.configMap) && typeof volume.configMap.name === 'string')
    return sourceVolume(
      plan,
      files,
      'ConfigMap',
      fill(volume.configMap.name),
      volume.configMap.items,
    );
  if (isRecord(volume.secret) && typeof volume.secret.secretName === 'string')
    return sourceVolume(plan, files, 'Secret', fill(volume.secret.secretName), volume.secret.items);
  // The API server makes a volume with no source an emptyDir (SetDefaults_Volume).
  const sourceless = Object.keys(volume).every((key) => key === 'name');
  if (volume.emptyDir !== undefined || sourceless) {
    // Sidecars run beside the steps but are not interpreted: what they write is unknown.
    const sidecar = records(taskSpec.sidecars).find((entry) =>
      records(entry.volumeMounts).some((mount) => mount.name === name),
    );
    return files.volume(`${podKey}/volume/${name}`, () =>
      sidecar
        ? new Volume(
            `volume "${name}" is shared with sidecar "${String(sidecar.name)}", whose writes are not simulated`,
            true,
          )
        : new Volume('', false),
    );
  }
  return files.volume(
    `${podKey}/volume/${name}`,
    () => new Volume(`volume "${name}" is of a kind not simulated`, true),
  );
}
