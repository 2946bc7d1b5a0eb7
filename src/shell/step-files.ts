// The file operations of one running step: paths resolved against the working directory and
// the step's mounts, Tekton's result paths kept apart (results are part of the step's
// outcome, written to the TaskRun's results directory by the caller), and every guess about
// a path nobody wrote reported once through the view's `warn`.
import { FileView, normalisePath, type PathKind, Volume } from './files.js';

const TASK_RESULT_PATH = /^\/tekton\/results\/([^/]+)$/;
const STEP_RESULT_PATH = /^\/tekton\/steps\/[^/]+\/results\/([^/]+)$/;
const TASK_RESULT_VARIABLE = /^\$\(results(?:\.([^.()[\]\s]+)|\[["']([^"']+)["']\])\.path\)$/;
const STEP_RESULT_VARIABLE = /^\$\(step\.results(?:\.([^.()[\]\s]+)|\[["']([^"']+)["']\])\.path\)$/;

/** Which result a path writes, if any: Tekton's paths, or its variables left unsubstituted. */
export function resultTarget(path: string): { name: string; stepResult: boolean } | undefined {
  let match = TASK_RESULT_PATH.exec(path);
  if (match) return { name: match[1], stepResult: false };
  match = STEP_RESULT_PATH.exec(path);
  if (match) return { name: match[1], stepResult: true };
  match = TASK_RESULT_VARIABLE.exec(path);
  if (match) return { name: match[1] ?? match[2], stepResult: false };
  match = STEP_RESULT_VARIABLE.exec(path);
  if (match) return { name: match[1] ?? match[2], stepResult: true };
  return undefined;
}

/** Tekton's default working directory of a step (pkg/pod: workingDir defaults to /workspace). */
export const DEFAULT_WORKING_DIRECTORY = '/workspace';

/**
 * A view for a step run on its own: the image's root (not known), and empty /tmp,
 * /workspace and /tekton directories. Used when the caller gives no view.
 */
export function standaloneView(): FileView {
  const empty = (path: string, description: string) => ({
    path,
    volume: new Volume(description, false),
    subPath: '',
  });
  return new FileView(new Volume("the image's filesystem is not simulated", true), [
    empty('/tmp', 'the container'),
    empty('/workspace', 'the TaskRun'),
    empty('/tekton', 'the TaskRun'),
  ]);
}

export class StepFiles {
  workingDirectory = DEFAULT_WORKING_DIRECTORY;
  /** Set by any operation whose outcome depends on, or changes, files other than results. */
  touched = false;
  /**
   * The first command not simulated that ran. It leaves the step's outcome alone (it changes
   * no file we know) but makes every writable volume unknown, which a later read would see.
   */
  unsimulatedCommand: string | undefined;
  private mktempCount = 0;

  constructor(readonly view: FileView) {}

  absolute(path: string): string {
    return normalisePath(path, this.workingDirectory);
  }

  kind(path: string, purpose: string): PathKind {
    this.touched = true;
    const absolute = this.absolute(path);
    const { volume, relative } = this.view.locate(absolute);
    const kind = volume.kind(relative);
    if (kind === 'unknown') this.guess(volume, absolute, `${purpose}: assumed to exist`);
    return kind;
  }

  /** The content, '' for a path assumed to exist, or undefined for one known not to. */
  read(path: string): string | undefined {
    this.touched = true;
    const absolute = this.absolute(path);
    const { volume, relative } = this.view.locate(absolute);
    const content = volume.read(relative);
    if (content !== undefined) return content;
    const kind = volume.kind(relative);
    if (kind === 'unknown') {
      this.guess(volume, absolute, 'read as empty');
      return '';
    }
    return undefined;
  }

  /** Writes a file; false when the volume is read-only or a parent is a file. */
  write(path: string, content: string, append: boolean): boolean {
    this.touched = true;
    const absolute = this.absolute(path);
    const { volume, relative, readOnly } = this.view.locate(absolute);
    if (readOnly || relative === '') return false;
    const previous = append ? (volume.read(relative) ?? '') : '';
    volume.write(relative, previous + content);
    return true;
  }

  makeDirectory(path: string): boolean {
    this.touched = true;
    const { volume, relative, readOnly } = this.view.locate(this.absolute(path));
    if (readOnly) return false;
    volume.makeDirectory(relative);
    return true;
  }

  remove(path: string): boolean {
    this.touched = true;
    const { volume, relative, readOnly } = this.view.locate(this.absolute(path));
    if (readOnly || relative === '') return false;
    volume.remove(relative);
    return true;
  }

  /** Names in a directory: what was written there, and mount points. */
  list(path: string): string[] {
    this.touched = true;
    const absolute = this.absolute(path);
    const { volume, relative } = this.view.locate(absolute);
    if (volume.contentsUnknown)
      this.guess(volume, absolute, 'listed with only the files written here');
    const names = new Set([...volume.children(relative), ...this.view.mountPointsIn(absolute)]);
    return [...names].sort();
  }

  /**
   * Paths matching a glob pattern (`*`, `?`, `[...]`; `\\` escapes), sorted; names starting
   * with a dot only when the pattern's segment does. Only paths known to exist can match.
   */
  glob(pattern: string): string[] {
    this.touched = true;
    const absolute = pattern.startsWith('/');
    const segments = pattern.split('/').filter((segment) => segment !== '');
    let found = [absolute ? '/' : ''];
    for (const segment of segments) {
      const next: string[] = [];
      for (const base of found) {
        const join = (name: string) =>
          base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`;
        if (!/(^|[^\\])[*?[]/.test(segment)) {
          next.push(join(segment.replace(/\\(.)/g, '$1')));
          continue;
        }
        const directory = base === '' ? '.' : base;
        if (this.kindQuietly(directory) !== 'dir') continue;
        const matcher = globRegExp(segment);
        for (const name of this.list(directory)) {
          if (name.startsWith('.') && !segment.startsWith('.')) continue;
          if (matcher.test(name)) next.push(join(name));
        }
      }
      found = next;
    }
    return found.filter((path) => path !== '' && this.kindQuietly(path) !== 'absent').sort();
  }

  private kindQuietly(path: string): PathKind {
    const { volume, relative } = this.view.locate(this.absolute(path));
    return volume.kind(relative);
  }

  /** `mktemp`: a new, empty file or directory under `directory`, named deterministically. */
  temporary(directory: string, template: string, makeDirectory: boolean): string {
    this.mktempCount += 1;
    const suffix = String(this.mktempCount).padStart(6, '0');
    const name = template.includes('XXX')
      ? template.replace(/X{3,}$/, (xs) => suffix.slice(-xs.length).padStart(xs.length, '0'))
      : `${template}.${suffix}`;
    const path = `${this.absolute(directory)}/${name}`;
    if (makeDirectory) this.makeDirectory(path);
    else this.write(path, '', false);
    return path;
  }

  /** A command not simulated ran: whatever it could write is no longer known. */
  unsimulatedCommandRan(command: string): void {
    this.unsimulatedCommand ??= command;
    this.view.taintWritable(command);
  }

  private guess(volume: Volume, absolute: string, consequence: string): void {
    const tainter = volume.taintedBy;
    const reason = tainter
      ? `it may have been written by ${tainter}, which is not simulated`
      : `nothing wrote it in this simulation and ${volume.description}`;
    this.view.warn(`${absolute}: ${reason}; ${consequence}`);
  }
}

// Globs by segment: a step runs once per attempt and per seed, and compiling its patterns
// cost more than matching them. Bounded, as the segments come from the user's scripts.
const globs = new Map<string, RegExp>();
const MAX_CACHED_GLOBS = 1024;

/** One path segment's glob as a regular expression over a name. */
function globRegExp(segment: string): RegExp {
  let glob = globs.get(segment);
  if (!glob) {
    if (globs.size >= MAX_CACHED_GLOBS) globs.clear();
    glob = compileGlob(segment);
    globs.set(segment, glob);
  }
  return glob;
}

function compileGlob(segment: string): RegExp {
  let source = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index];
    if (char === '\\' && index + 1 < segment.length) {
      source += escapeRegExp(segment[++index]);
    } else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const close = segment.indexOf(']', index + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      const body = segment
        .slice(index + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${body}]`;
      index = close;
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
