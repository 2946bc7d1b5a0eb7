// The virtual filesystem a simulated step sees. Files live on volumes; a step's view mounts
// volumes at paths (its own container root, the TaskRun's shared directories, workspaces),
// so a file written on a workspace volume is seen by every later step and TaskRun that
// mounts the same volume, and a file in /tmp only by the step that wrote it.
//
// What the simulation cannot know is kept apart from what it knows: a volume whose contents
// come from outside (an image's root, an existing claim, a ConfigMap not among the loaded
// files), or one a command we do not simulate has had the chance to write, answers "unknown"
// for paths nobody wrote or removed here. The shell then assumes the path exists and reads
// it as empty, and says so through `warn`, naming the path: never a silent guess.

export type PathKind = 'file' | 'dir' | 'absent' | 'unknown';

type Entry = { kind: 'file'; content: string } | { kind: 'dir' } | { kind: 'removed' };

/** One volume: entries by path relative to its root, without leading or trailing slash. */
export class Volume {
  readonly entries = new Map<string, Entry>();
  /** The command not simulated that made the contents unknown, for warnings. */
  taintedBy: string | undefined;

  /**
   * @param description how a warning names the volume (`the image's filesystem`, ...)
   * @param contentsUnknown whether paths nobody wrote here may still exist
   */
  constructor(
    readonly description: string,
    public contentsUnknown: boolean,
    readonly readOnly = false,
  ) {}

  kind(relative: string): PathKind {
    if (relative === '') return 'dir';
    const entry = this.entries.get(relative);
    if (entry) return entry.kind === 'removed' ? 'absent' : entry.kind;
    for (
      let slash = relative.lastIndexOf('/');
      slash > 0;
      slash = relative.lastIndexOf('/', slash - 1)
    ) {
      const ancestor = this.entries.get(relative.slice(0, slash));
      if (ancestor?.kind === 'removed' || ancestor?.kind === 'file') return 'absent';
      if (ancestor?.kind === 'dir') break;
    }
    const prefix = `${relative}/`;
    for (const [path, child] of this.entries) {
      if (child.kind !== 'removed' && path.startsWith(prefix)) return 'dir';
    }
    return this.contentsUnknown ? 'unknown' : 'absent';
  }

  /** A command not simulated could have written here: unknown from now on, unless read-only. */
  taint(command: string): void {
    if (this.readOnly || this.contentsUnknown) return;
    this.contentsUnknown = true;
    this.taintedBy = command;
  }

  read(relative: string): string | undefined {
    const entry = this.entries.get(relative);
    return entry?.kind === 'file' ? entry.content : undefined;
  }

  write(relative: string, content: string): void {
    this.makeParents(relative);
    this.entries.set(relative, { kind: 'file', content });
  }

  makeDirectory(relative: string): void {
    if (relative === '') return;
    this.makeParents(relative);
    this.entries.set(relative, { kind: 'dir' });
  }

  remove(relative: string): void {
    const prefix = `${relative}/`;
    for (const path of [...this.entries.keys()]) {
      if (path.startsWith(prefix)) this.entries.delete(path);
    }
    if (relative === '') return;
    this.entries.set(relative, { kind: 'removed' });
  }

  /** Names directly inside a directory, sorted. */
  children(relative: string): string[] {
    const prefix = relative === '' ? '' : `${relative}/`;
    const names = new Set<string>();
    for (const [path, entry] of this.entries) {
      if (entry.kind === 'removed' || !path.startsWith(prefix) || path === relative) continue;
      names.add(path.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  private makeParents(relative: string): void {
    for (let slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
      const ancestor = relative.slice(0, slash);
      if (this.entries.get(ancestor)?.kind !== 'dir') this.entries.set(ancestor, { kind: 'dir' });
    }
  }
}

export interface Mount {
  /** Absolute, normalised, without trailing slash (`/workspace/source`). */
  path: string;
  volume: Volume;
  /** Directory inside the volume that appears at `path` (a workspace's subPath), or ''. */
  subPath: string;
  /** Mounted read-only here (a workspace declared `readOnly`), whatever the volume is. */
  readOnly?: boolean;
}

/** Where an absolute path lands: the volume and the path inside it. */
export interface Located {
  volume: Volume;
  relative: string;
  /** The path cannot be written: its volume or its mount is read-only. */
  readOnly: boolean;
}

/**
 * Where a step's files come from: the view, made only when the step is interpreted, and what
 * a command not simulated does to them, for an outcome kept from an earlier run of the step.
 */
export interface StepFileSource {
  view(): FileView;
  /** Marks every volume the step can write as possibly changed by `command`. */
  taintWritable(command: string): void;
}

/** A step's view: mounts over its own root volume. */
export class FileView implements StepFileSource {
  private readonly mounts: Mount[];

  constructor(
    readonly root: Volume,
    mounts: readonly Mount[],
    readonly warn: (message: string) => void = () => {},
  ) {
    // The deepest mount wins, as in a container.
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  view(): FileView {
    return this;
  }

  locate(absolutePath: string): Located {
    const path = normalisePath(absolutePath, '/');
    for (const mount of this.mounts) {
      if (path === mount.path || path.startsWith(`${mount.path}/`)) {
        const inside = path.slice(mount.path.length + 1);
        return {
          volume: mount.volume,
          relative: joinRelative(mount.subPath, inside),
          readOnly: mount.volume.readOnly || mount.readOnly === true,
        };
      }
    }
    return { volume: this.root, relative: path.slice(1), readOnly: this.root.readOnly };
  }

  /** Mount points directly inside a directory, which `ls` shows even on an empty root. */
  mountPointsIn(absoluteDirectory: string): string[] {
    const directory = normalisePath(absoluteDirectory, '/');
    const prefix = directory === '/' ? '/' : `${directory}/`;
    return this.mounts
      .filter((mount) => mount.path.startsWith(prefix) && mount.path !== directory)
      .map((mount) => mount.path.slice(prefix.length).split('/')[0]);
  }

  /** Marks every volume this step can write as possibly changed by a command not simulated. */
  taintWritable(command: string): void {
    this.root.taint(command);
    for (const mount of this.mounts) if (!mount.readOnly) mount.volume.taint(command);
  }
}

/** `a/./b//c/../d` against a working directory: an absolute path without trailing slash. */
export function normalisePath(path: string, workingDirectory: string): string {
  const full = path.startsWith('/') ? path : `${workingDirectory}/${path}`;
  const parts: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function joinRelative(base: string, inside: string): string {
  if (base === '') return inside;
  return inside === '' ? base : `${base}/${inside}`;
}
