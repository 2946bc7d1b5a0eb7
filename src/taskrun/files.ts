// The files of one simulated PipelineRun, mounted as Tekton mounts them (pkg/pod,
// pkg/workspace): each step has its own container root and /tmp; the steps of one TaskRun
// attempt (one pod) share /workspace, /tekton/home and /tekton/results; a workspace is the
// volume its PipelineRun binding names, so TaskRuns bound to the same claim or
// volumeClaimTemplate share files, an emptyDir lives as long as its pod, and a ConfigMap or
// Secret among the loaded files shows its keys as files. subPath and per-step workspaces
// (a step's `workspaces` isolating one to the steps that list it) are honoured.
import type { Plan, PlanTask } from '../plan/plan.js';
import { FileView, type Mount, normalisePath, Volume } from '../shell/index.js';
import { boundTaskWorkspaces, workspaceMountPath } from '../tekton/workspaces.js';

/** Every volume of one simulated run, and the guesses about files it had to make. */
export class RunFiles {
  private readonly volumes = new Map<string, Volume>();
  private readonly reported = new Set<string>();
  readonly warnings: string[] = [];

  volume(key: string, make: () => Volume): Volume {
    let volume = this.volumes.get(key);
    if (!volume) {
      volume = make();
      this.volumes.set(key, volume);
    }
    return volume;
  }

  warn(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warnings.push(message);
  }
}

interface WorkspaceBinding {
  name?: unknown;
  subPath?: unknown;
  persistentVolumeClaim?: { claimName?: unknown };
  volumeClaimTemplate?: unknown;
  emptyDir?: unknown;
  configMap?: { name?: unknown };
  secret?: { secretName?: unknown };
}

interface Declaration {
  name?: unknown;
  mountPath?: unknown;
  readOnly?: unknown;
}

function objects<T>(list: readonly unknown[] | undefined): T[] {
  return (list ?? []).filter((entry): entry is T => entry !== null && typeof entry === 'object');
}

/** The views of one attempt's steps, by step index; volumes come from `files`. */
export function attemptViews(
  plan: Plan,
  task: PlanTask,
  taskRunName: string,
  attempt: number,
  files: RunFiles,
): (stepIndex: number) => FileView {
  // Built on the first step that interprets with files: a step whose outcome is kept per
  // variable values never looks at them, and most attempts have only such steps.
  let podMounts: PodMounts | undefined;
  return (stepIndex) => {
    podMounts ??= attemptPodMounts(plan, task, taskRunName, attempt, files);
    const { shared, workspaces, isolated, steps, warn } = podMounts;
    const step = steps[stepIndex];
    const own = new Map(
      objects<Declaration>(step?.workspaces).map((entry) => [String(entry.name), entry]),
    );
    const mounts: Mount[] = [
      ...shared,
      { path: '/tmp', volume: new Volume('', false), subPath: '' },
    ];
    for (const workspace of workspaces) {
      const stepEntry = own.get(workspace.name);
      if (isolated.has(workspace.name) && !stepEntry) continue;
      const path =
        typeof stepEntry?.mountPath === 'string' && stepEntry.mountPath !== ''
          ? normalisePath(stepEntry.mountPath, '/')
          : workspace.mount.path;
      mounts.push({ ...workspace.mount, path });
    }
    const root = new Volume("the image's filesystem is not simulated", true);
    return new FileView(root, mounts, warn);
  };
}

/** What every step of one attempt (one pod) mounts alike. */
interface PodMounts {
  shared: Mount[];
  workspaces: { name: string; mount: Mount }[];
  /** Workspaces some step lists, so only the steps that list them see them. */
  isolated: Set<string>;
  steps: NonNullable<NonNullable<PlanTask['taskSpec']>['steps']>;
  warn: (message: string) => void;
}

function attemptPodMounts(
  plan: Plan,
  task: PlanTask,
  taskRunName: string,
  attempt: number,
  files: RunFiles,
): PodMounts {
  const pod = `${taskRunName}/attempt-${attempt}`;
  const empty = (key: string) => files.volume(key, () => new Volume('', false));
  const shared: Mount[] = [
    { path: '/workspace', volume: empty(`${pod}/workspace`), subPath: '' },
    { path: '/tekton/home', volume: empty(`${pod}/home`), subPath: '' },
    { path: '/tekton/results', volume: resultsVolume(files, taskRunName, attempt), subPath: '' },
  ];
  const workspaces = workspaceMounts(plan, task, pod, files);
  const steps = task.taskSpec?.steps ?? [];
  const isolated = new Set(
    steps.flatMap((step) =>
      objects<Declaration>(step?.workspaces).map((entry) => String(entry.name)),
    ),
  );
  const warn = (message: string) => files.warn(`task "${task.name}": ${message}`);
  return { shared, workspaces, isolated, steps, warn };
}

/** Where later steps of the same attempt read the results earlier steps wrote. */
export function resultsVolume(files: RunFiles, taskRunName: string, attempt: number): Volume {
  return files.volume(`${taskRunName}/attempt-${attempt}/results`, () => new Volume('', false));
}

function workspaceMounts(
  plan: Plan,
  task: PlanTask,
  pod: string,
  files: RunFiles,
): { name: string; mount: Mount }[] {
  const bound = boundTaskWorkspaces(task.pipelineTask, plan.runSpec);
  const runBindings = new Map(
    objects<WorkspaceBinding>(plan.runSpec.workspaces).map((entry) => [String(entry.name), entry]),
  );
  const taskBindings = new Map(
    objects<WorkspaceBinding>(task.pipelineTask.workspaces).map((entry) => [
      String(entry.name),
      entry,
    ]),
  );
  const mounts: { name: string; mount: Mount }[] = [];
  for (const declaration of objects<Declaration>(task.taskSpec?.workspaces)) {
    const name = String(declaration.name);
    const pipelineWorkspace = bound.get(name);
    if (pipelineWorkspace === undefined) continue;
    const binding = runBindings.get(pipelineWorkspace) ?? {};
    const volume = bindingVolume(plan, binding, pipelineWorkspace, `${pod}/${name}`, files);
    // Tekton joins the PipelineRun binding's subPath and the pipeline task's.
    const subPath = [binding.subPath, taskBindings.get(name)?.subPath]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('/');
    mounts.push({
      name,
      mount: {
        path: normalisePath(workspaceMountPath(declaration), '/'),
        volume,
        subPath: normalisePath(subPath, '/').slice(1),
      },
    });
  }
  return mounts;
}

function bindingVolume(
  plan: Plan,
  binding: WorkspaceBinding,
  pipelineWorkspace: string,
  podKey: string,
  files: RunFiles,
): Volume {
  const claim = binding.persistentVolumeClaim?.claimName;
  if (typeof claim === 'string') {
    return files.volume(
      `pvc/${claim}`,
      () => new Volume(`claim "${claim}" held files before this run that are not known`, true),
    );
  }
  if (binding.volumeClaimTemplate !== undefined) {
    // One claim per PipelineRun workspace, shared by every TaskRun bound to it.
    return files.volume(`volumeClaimTemplate/${pipelineWorkspace}`, () => new Volume('', false));
  }
  if (binding.emptyDir !== undefined) return files.volume(podKey, () => new Volume('', false));
  const configMap = binding.configMap?.name;
  if (typeof configMap === 'string') return sourceVolume(plan, files, 'ConfigMap', configMap);
  const secret = binding.secret?.secretName;
  if (typeof secret === 'string') return sourceVolume(plan, files, 'Secret', secret);
  return files.volume(
    `other/${pipelineWorkspace}`,
    () => new Volume(`workspace "${pipelineWorkspace}" is bound to a volume not simulated`, true),
  );
}

/** A ConfigMap or Secret volume: its keys as read-only files, when it is among the files. */
function sourceVolume(plan: Plan, files: RunFiles, kind: string, name: string): Volume {
  return files.volume(`${kind}/${name}`, () => {
    const data = plan.volumeSources.get(`${kind}/${name}`);
    const volume = new Volume(`${kind} "${name}" is not among the loaded files`, !data, true);
    for (const [key, value] of Object.entries(data ?? {})) volume.write(key, value);
    return volume;
  });
}
