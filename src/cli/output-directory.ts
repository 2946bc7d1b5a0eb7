// The checks a report directory must pass before a command runs a single seed, and again just
// before its files are written: tekton-sim writes only into a directory that is empty or holds
// nothing but what it wrote itself (listed in a marker file), on a real file system, and never
// through a symlink it did not create. Each refusal is one line naming the path and the option.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../tekton/diagnostics.js';
import { OutputError } from './errors.js';

export const REPORT_MARKER = '.tekton-sim-report';
/** Files being written are named so; a crash can leave one, which the next write removes. */
export const TEMPORARY_PREFIX = '.tekton-sim-tmp-';
/** A marker lists a handful of names; anything larger is not ours. */
const MARKER_MAX_BYTES = 64 * 1024;
/** Kernel file systems: a write there can hang or change the machine, never store a report. */
const KERNEL_ROOTS = ['/proc', '/sys'];

function refuse(option: string, message: string): InputError {
  return new InputError({ severity: 'error', message: `${option}: ${message}` });
}

/**
 * Makes sure `directory` exists and can take our files, and returns the names its marker lists
 * as ours. Throws an InputError (exit 2) naming what is wrong, having written nothing but the
 * directory itself.
 */
export function prepareOutputDirectory(directory: string, option: string): Set<string> {
  refuseKernelFileSystem(directory, option);
  const status = statOrUndefined(directory, option);
  if (status === undefined) createDirectory(directory, option);
  else if (!status.isDirectory())
    throw refuse(option, `${directory} exists and is not a directory; name a directory`);
  const ours = checkContents(directory, option);
  probeWritable(directory, option);
  return ours;
}

/** The target's status, or undefined when it (or a part of its path) does not exist. */
function statOrUndefined(target: string, option: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new OutputError(target, error, option);
  }
}

/** The real path of the deepest part of `target` that exists, so a symlink cannot hide /proc. */
function realExistingPart(target: string): string {
  let current = path.resolve(target);
  for (;;) {
    try {
      return fs.realpathSync(current);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

function refuseKernelFileSystem(directory: string, option: string): void {
  const real = realExistingPart(directory);
  const root = KERNEL_ROOTS.find((kernel) => real === kernel || real.startsWith(`${kernel}/`));
  if (root !== undefined)
    throw refuse(
      option,
      `${directory} is under ${root}, a kernel file system that cannot hold a report; name a directory on disk`,
    );
}

function createDirectory(directory: string, option: string): void {
  let parent = path.dirname(path.resolve(directory));
  while (statOrUndefined(parent, option) === undefined && path.dirname(parent) !== parent)
    parent = path.dirname(parent);
  if (!fs.statSync(parent).isDirectory())
    throw refuse(option, `${directory} cannot be created: ${parent} is a file, not a directory`);
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new OutputError(directory, error, option);
  }
}

/** The names listed in the marker; a marker that is not a small regular file is refused. */
function readMarker(directory: string, option: string): Set<string> {
  const markerPath = path.join(directory, REPORT_MARKER);
  let status: fs.Stats;
  try {
    status = fs.lstatSync(markerPath);
  } catch {
    return new Set();
  }
  if (!status.isFile() || status.size > MARKER_MAX_BYTES)
    throw refuse(
      option,
      `${markerPath} is not a marker tekton-sim wrote (${status.isFile() ? 'too large' : 'not a regular file'}); move it or choose another directory`,
    );
  const names = fs.readFileSync(markerPath, 'utf8').split('\n').filter(Boolean);
  const strange = names.find((name) => name !== path.basename(name) || name.startsWith('.'));
  if (strange !== undefined)
    throw refuse(
      option,
      `${markerPath} lists "${strange}", which tekton-sim never writes; move the directory aside or choose another`,
    );
  return new Set(names);
}

/** Every entry must be ours: on the marker and a regular file (never a symlink), or a leftover. */
function checkContents(directory: string, option: string): Set<string> {
  const ours = readMarker(directory, option);
  for (const name of fs.readdirSync(directory).sort()) {
    if (name === REPORT_MARKER) continue;
    const entry = path.join(directory, name);
    const status = fs.lstatSync(entry);
    if (name.startsWith(TEMPORARY_PREFIX) && status.isFile()) {
      removeIfAbandoned(entry, name);
      continue;
    }
    if (!ours.has(name))
      throw refuse(
        option,
        `${entry} was not written by tekton-sim (it is not listed in ${REPORT_MARKER}); tekton-sim writes only into an empty directory or one of its own reports: move it or choose another directory`,
      );
    if (!status.isFile())
      throw refuse(
        option,
        `${entry} is ${status.isSymbolicLink() ? 'a symlink' : 'not a regular file'}, which tekton-sim never creates; it will not write through it: remove it or choose another directory`,
      );
  }
  return ours;
}

/** A temporary file of a process that is gone (killed while writing) is removed. */
function removeIfAbandoned(entry: string, name: string): void {
  const pid = Number(name.slice(TEMPORARY_PREFIX.length).split('-')[0]);
  if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && isAlive(pid))) return;
  fs.rmSync(entry, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes and removes an empty file, so a read-only or full directory is found before the run. */
function probeWritable(directory: string, option: string): void {
  const probe = temporaryPath(directory, 'probe');
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o644));
    fs.rmSync(probe, { force: true });
  } catch (error) {
    throw new OutputError(directory, error, option);
  }
}

let temporaryCount = 0;

/** A fresh name in `directory` for a file being written, ours by its prefix. */
export function temporaryPath(directory: string, name: string): string {
  temporaryCount += 1;
  return path.join(directory, `${TEMPORARY_PREFIX}${process.pid}-${temporaryCount}-${name}`);
}

/**
 * Runs `work`, which prepares `directory` (creating it and any missing parents) and may write
 * into it; then removes, deepest first, those it created that are still empty. So a run that
 * wrote nothing (Ctrl-C, an error after the check) leaves the file system as it found it.
 */
export async function removingCreatedDirectoriesLeftEmpty<T>(
  directory: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const missing: string[] = [];
  if (directory !== undefined) {
    let current = path.resolve(directory);
    while (!fs.existsSync(current) && path.dirname(current) !== current) {
      missing.push(current);
      current = path.dirname(current);
    }
  }
  try {
    return await work();
  } finally {
    for (const created of missing) {
      try {
        fs.rmdirSync(created);
      } catch {
        break; // not empty (the report is there), or not ours to remove
      }
    }
  }
}
