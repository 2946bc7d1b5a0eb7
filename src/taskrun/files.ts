// The files of one simulated PipelineRun, mounted as Tekton mounts them (pkg/pod,
// pkg/workspace): each step has its own container root and /tmp; the steps of one TaskRun
// attempt (one pod) share /workspace, /tekton/home and /tekton/results; a workspace is the
// volume its PipelineRun binding names, so TaskRuns bound to the same claim or
// volumeClaimTemplate share files, an emptyDir lives as long as its pod, and a ConfigMap or
// Secret among the loaded files shows its keys as files. subPath and per-step workspaces
// (a step's `workspaces` isolating one to the steps that list it) are honoured.
import type { WorkspaceResults } from '../model/taskrun.js';
import type { Plan, PlanTask } from '../plan/plan.js';
import {
  FileView,
  type Mount,
  normalisePath,
  type StepFileSource,
  Volume,
} from '../shell/index.js';
import { taskRunBindings } from '../plan/workspace-bindings.js';
import { workspaceMountPath } from '../tekton/workspaces.js';
import { workspaceDeclarations } from './workspace-variables.js';
import { RunFiles } from './run-files.js';
import { projectedVolume, sourceVolume } from './source-volumes.js';
import { podTemplateVolumes, taskVolumeMounts } from './task-volumes.js';

export { RunFiles };

interface WorkspaceBinding {
  name?: unknown;
  subPath?: unknown;
  persistentVolumeClaim?: { claimName?: unknown };
  volumeClaimTemplate?: unknown;
  emptyDir?: unknown;
  configMap?: { name?: unknown; items?: unknown };
  secret?: { secretName?: unknown; items?: unknown };
  projected?: { sources?: unknown };
}

interface Declaration {
  name?: unknown;
  mountPath?: unknown;
  readOnly?: unknown;
}

function objects<T>(list: readonly unknown[] | undefined): T[] {
  return (list ?? []).filter((entry): entry is T => entry !== null && typeof entry === 'object');
}

/** The files of one attempt's steps: `step(i)` is what step i sees; volumes come from `files`. */
export function attemptFiles(
  plan: Plan,
  task: PlanTask,
  taskRunName: string,
  attempt: number,
  files: RunFiles,
  results?: WorkspaceResults,
  fill: (text: string) => string = (text) => text,
): AttemptFiles {
  return new AttemptFiles(plan, task, taskRunName, attempt, files, results, fill);
}

/** The pod of one attempt: the directories its steps share, and its workspaces' volumes. */
interface Pod {
  shared: Mount[];
  volumes: Volume[];
  warn: (message: string) => void;
}

export class AttemptFiles {
  private readonly layout: TaskMountLayout;
  // Made on the first step that interprets with files: a step whose outcome is kept per
  // variable values never looks at them, and most attempts have only such steps.
  private pod: Pod | undefined;
  /**
   * The command not simulated that made the pod's own directories unknown before the pod
   * was made: only this attempt's steps see them, and none has looked yet.
   */
  private podTaintedBy: string | undefined;

  constructor(
    private readonly plan: Plan,
    private readonly task: PlanTask,
    private readonly taskRunName: string,
    private readonly attempt: number,
    private readonly files: RunFiles,
    results?: WorkspaceResults,
    /** Substitutes the TaskRun's params into the Task's volumes and mounts. */
    private readonly fill: (text: string) => string = (text) => text,
  ) {
    this.layout = taskMountLayout(plan, task, results);
  }

  step(stepIndex: number): StepFileSource {
    return new StepOfAttempt(this, stepIndex);
  }

  /** What step `stepIndex` sees. */
  view(stepIndex: number): FileView {
    const { shared, volumes, warn } = this.makePod();
    const mounts: Mount[] = [
      // First: at the same path as the pod's own /workspace or /tekton/home, the step's
      // volumeMount is what the container sees (FileView keeps the first of equal depth).
      ...taskVolumeMounts(
        this.plan,
        this.task.taskSpec,
        stepIndex,
        this.podKey(),
        this.files,
        this.fill,
        podTemplateVolumes(this.plan.runSpec, this.task.name),
      ),
      ...shared,
      ...this.internalStepMounts(stepIndex),
      { path: '/tmp', volume: new Volume('', false), subPath: '' },
    ];
    for (const seen of this.layout.stepMounts(stepIndex)) {
      const { subPath, readOnly } = this.layout.workspaces[seen.workspace];
      mounts.push({ path: seen.path, volume: volumes[seen.workspace], subPath, readOnly });
    }
    const root = new Volume("the image's filesystem is not simulated", true);
    return new FileView(root, mounts, warn);
  }

  /**
   * The entrypoint's per-step directories (cmd/entrypoint/subcommands/step_init.go
   * `stepInit`; pkg/pod/pod.go mounts each `/tekton/run/<i>` read-write only in step i):
   * `/tekton/steps/step-<name>` and `/tekton/steps/<i>` are links to step i's status
   * directory, shown here as mounts of the same directory of the steps volume; another
   * step's are read-only, as is every `/tekton/run/<i>` but the step's own.
   */
  private internalStepMounts(stepIndex: number): Mount[] {
    const { files, taskRunName, attempt } = this;
    const steps = stepsVolume(files, taskRunName, attempt);
    const mounts: Mount[] = [{ path: '/tekton/steps', volume: steps, subPath: '', readOnly: true }];
    this.task.steps.forEach((step, index) => {
      const readOnly = index !== stepIndex;
      const status = { volume: steps, subPath: step.containerName, readOnly };
      mounts.push({ path: `/tekton/steps/${step.containerName}`, ...status });
      mounts.push({ path: `/tekton/steps/${index}`, ...status });
      const run = files.volume(`${this.podKey()}/run/${index}`, () => new Volume('', false));
      mounts.push({ path: `/tekton/run/${index}`, volume: run, subPath: '', readOnly });
    });
    return mounts;
  }

  /**
   * FileView.taintWritable without making the view: the step's own root and /tmp die with
   * it, the pod's directories are marked when the pod is made, and only the workspaces,
   * which other TaskRuns may share, are marked now.
   */
  taintWritable(stepIndex: number, command: string): void {
    const stepMounts = this.layout
      .stepMounts(stepIndex)
      .filter((seen) => !this.layout.workspaces[seen.workspace].readOnly);
    if (this.pod) {
      for (const mount of this.pod.shared) mount.volume.taint(command);
      for (const seen of stepMounts) this.pod.volumes[seen.workspace].taint(command);
      return;
    }
    this.podTaintedBy ??= command;
    for (const seen of stepMounts) this.workspaceVolume(seen.workspace).taint(command);
  }

  private makePod(): Pod {
    if (this.pod) return this.pod;
    const { files, taskRunName, attempt } = this;
    const podKey = this.podKey();
    const empty = (key: string) => files.volume(key, () => new Volume('', false));
    const pod: Pod = {
      shared: [
        { path: '/workspace', volume: empty(`${podKey}/workspace`), subPath: '' },
        { path: '/tekton/home', volume: empty(`${podKey}/home`), subPath: '' },
        {
          path: '/tekton/results',
          volume: resultsVolume(files, taskRunName, attempt),
          subPath: '',
        },
        // pod.go's artifacts volume, which $(artifacts.path) names (ApplyArtifacts).
        { path: '/tekton/artifacts', volume: empty(`${podKey}/artifacts`), subPath: '' },
      ],
      volumes: this.layout.workspaces.map((_, index) => this.workspaceVolume(index)),
      warn: (message: string) => files.warn(`task "${this.task.name}": ${message}`),
    };
    if (this.podTaintedBy !== undefined) {
      for (const mount of pod.shared) mount.volume.taint(this.podTaintedBy);
    }
    // Sidecars run beside the steps but are not interpreted: a workspace one uses may hold
    // whatever it wrote.
    for (const [index, sidecar] of sidecarsOfWorkspaces(this.task.taskSpec, this.layout)) {
      pod.volumes[index].taint(`sidecar "${sidecar}"`);
    }
    this.pod = pod;
    return pod;
  }

  private workspaceVolume(index: number): Volume {
    const workspace = this.layout.workspaces[index];
    return workspace.volume(`${this.podKey()}/${workspace.name}`, this.files);
  }

  private podKey(): string {
    return `${this.taskRunName}/attempt-${this.attempt}`;
  }
}

/**
 * The workspaces (by index) a sidecar uses, with the sidecar's name: those it lists, or whose
 * `$(workspaces.W.…)` its script, command or args name.
 */
function sidecarsOfWorkspaces(
  taskSpec: PlanTask['taskSpec'],
  layout: TaskMountLayout,
): [number, string][] {
  const written = (taskSpec as { sidecars?: unknown } | undefined)?.sidecars;
  const sidecars = objects<Record<string, unknown>>(Array.isArray(written) ? written : []);
  const found: [number, string][] = [];
  for (const sidecar of sidecars) {
    const listed = new Set(
      objects<Declaration>(Array.isArray(sidecar.workspaces) ? sidecar.workspaces : []).map(
        (entry) => String(entry.name),
      ),
    );
    const text = JSON.stringify([sidecar.script, sidecar.command, sidecar.args]);
    layout.workspaces.forEach((workspace, index) => {
      if (listed.has(workspace.name) || text.includes(`$(workspaces.${workspace.name}.`))
        found.push([index, String(sidecar.name ?? '')]);
    });
  }
  return found;
}

/** One step's files in its attempt. */
class StepOfAttempt implements StepFileSource {
  constructor(
    private readonly attempt: AttemptFiles,
    private readonly stepIndex: number,
  ) {}

  view(): FileView {
    return this.attempt.view(this.stepIndex);
  }

  taintWritable(command: string): void {
    this.attempt.taintWritable(this.stepIndex, command);
  }
}

/** Where a task's workspaces mount, the same for every attempt of every seed. */
interface TaskMountLayout {
  workspaces: TaskWorkspaceMount[];
  /** The workspaces step `stepIndex` sees (by index into `workspaces`) and where. */
  stepMounts(stepIndex: number): readonly { workspace: number; path: string }[];
}

interface TaskWorkspaceMount {
  name: string;
  path: string;
  subPath: string;
  /** Declared `readOnly`: the steps of this task cannot write it. */
  readOnly: boolean;
  /** The volume behind it in one run; `podKey` names the pod's own (emptyDir). */
  volume(podKey: string, files: RunFiles): Volume;
}

// A Plan is immutable and shared by every seed, so a task's mount layout is worked out once.
const layouts = new WeakMap<PlanTask, TaskMountLayout>();

function taskMountLayout(
  plan: Plan,
  task: PlanTask,
  results: WorkspaceResults | undefined,
): TaskMountLayout {
  // Results in the bindings differ from TaskRun to TaskRun: such a layout is not kept.
  let layout = results ? undefined : layouts.get(task);
  if (layout !== undefined) return layout;
  const workspaces = workspaceMounts(plan, task, results);
  const steps = task.taskSpec?.steps ?? [];
  // A workspace some step lists is seen only by the steps that list it.
  const isolated = new Set(
    steps.flatMap((step) =>
      objects<Declaration>(step?.workspaces).map((entry) => String(entry.name)),
    ),
  );
  const byStep = new Map<number, { workspace: number; path: string }[]>();
  const stepMounts = (stepIndex: number) => {
    let seen = byStep.get(stepIndex);
    if (seen === undefined) {
      const own = new Map(
        objects<Declaration>(steps[stepIndex]?.workspaces).map((entry) => [
          String(entry.name),
          entry,
        ]),
      );
      seen = [];
      for (const [index, workspace] of workspaces.entries()) {
        const stepEntry = own.get(workspace.name);
        if (isolated.has(workspace.name) && !stepEntry) continue;
        const path =
          typeof stepEntry?.mountPath === 'string' && stepEntry.mountPath !== ''
            ? normalisePath(stepEntry.mountPath, '/')
            : workspace.path;
        seen.push({ workspace: index, path });
      }
      byStep.set(stepIndex, seen);
    }
    return seen;
  };
  layout = { workspaces, stepMounts };
  if (!results) layouts.set(task, layout);
  return layout;
}

/** Where later steps of the same attempt read the results earlier steps wrote. */
export function resultsVolume(files: RunFiles, taskRunName: string, attempt: number): Volume {
  return files.volume(`${taskRunName}/attempt-${attempt}/results`, () => new Volume('', false));
}

/**
 * The attempt's /tekton/steps: the entrypoint writes each step's `step-S/exitCode` when it
 * ends, and its step results under `step-S/results/`, where later steps can read them
 * (`$(steps.step-S.exitCode.path)`).
 */
export function stepsVolume(files: RunFiles, taskRunName: string, attempt: number): Volume {
  return files.volume(`${taskRunName}/attempt-${attempt}/steps`, () => new Volume('', false));
}

function workspaceMounts(
  plan: Plan,
  task: PlanTask,
  results: WorkspaceResults | undefined,
): TaskWorkspaceMount[] {
  // workspace.Apply: one mount per TaskRun binding, at its declaration's mountPath (a binding
  // the Task does not declare, an embedded spec's propagated workspace, at /workspace/W).
  const bindings = taskRunBindings(plan, task.pipelineTask, results);
  const declarations = workspaceDeclarations(
    task.taskSpec,
    bindings.map((entry) => entry.binding),
  );
  const mounts: TaskWorkspaceMount[] = [];
  for (const { binding, pipelineWorkspace, source } of bindings) {
    const name = String(binding.name);
    const declaration = declarations.find((entry) => entry.name === name) ?? { name };
    // The run's binding with the run's params filled in: a template is its own fresh claim.
    const volumeSource = source as WorkspaceBinding;
    const subPath = typeof binding.subPath === 'string' ? binding.subPath : '';
    mounts.push({
      name,
      path: normalisePath(workspaceMountPath(declaration), '/'),
      subPath: normalisePath(subPath, '/').slice(1),
      readOnly: declaration.readOnly === true,
      volume: (podKey, files) =>
        bindingVolume(plan, volumeSource, pipelineWorkspace, podKey, files),
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
  if (typeof configMap === 'string')
    return sourceVolume(plan, files, 'ConfigMap', configMap, binding.configMap?.items);
  const secret = binding.secret?.secretName;
  if (typeof secret === 'string')
    return sourceVolume(plan, files, 'Secret', secret, binding.secret?.items);
  if (binding.projected !== undefined)
    return projectedVolume(plan, files, pipelineWorkspace, binding.projected.sources);
  return files.volume(
    `other/${pipelineWorkspace}`,
    () => new Volume(`workspace "${pipelineWorkspace}" is bound to a volume not simulated`, true),
  );
}
