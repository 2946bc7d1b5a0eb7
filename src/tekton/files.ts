// The file system side of loading: which files the user's paths name, and reading each one as
// text with the checks that keep a wrong file from reaching the YAML parser (too large,
// binary, not UTF-8). Every problem is a diagnostic naming the path, never an exception.
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';

/**
 * Files over this size are refused. Kubernetes cannot store an object over about 1.5 MiB
 * (etcd's request limit), so a real Tekton file is far smaller; 8 MiB leaves room for files
 * holding many objects while keeping a stray log or image from being parsed for seconds.
 */
export const MAX_FILE_SIZE_BYTES = 8 * 1024 * 1024;

const YAML_EXTENSIONS = ['.yaml', '.yml'];

/**
 * Entries (files, folders, links) looked at under one directory the user names. Links are
 * followed, so a path such as /proc/self (whose `root` leads to /) would otherwise walk the
 * whole file system for minutes; a repository's tree, even a large monorepo's, is far smaller.
 */
export const MAX_DIRECTORY_ENTRIES = 100_000;

export interface InputFile {
  path: string;
  /** Named by the user, as opposed to found in a directory they named. */
  explicit: boolean;
  /** The path the user gave that led to this file. */
  from: string;
}

export interface ExpandedPaths {
  files: InputFile[];
  problems: Diagnostic[];
}

/**
 * The files the given paths stand for: files as given, directories walked recursively for
 * `.yaml`/`.yml` files (hidden ones included: `.tekton/` is where CI pipelines live), sorted by
 * path so the result does not depend on the file system's order. Each file appears once.
 */
export function expandPaths(
  paths: readonly string[],
  maxEntries = MAX_DIRECTORY_ENTRIES,
): ExpandedPaths {
  const files: InputFile[] = [];
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (file: string, from: string) => {
    const key = realPath(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ path: file, explicit: file === from, from });
  };
  for (const given of paths) {
    const stat = statPath(given, problems);
    if (!stat) continue;
    if (stat.isFile()) {
      add(given, given);
    } else if (stat.isDirectory()) {
      const found = walkDirectory(given, maxEntries);
      if (found === undefined) {
        problems.push(
          fileProblem(
            given,
            `more than ${maxEntries.toLocaleString('en-US')} entries under this directory (symbolic links followed); name the folder that holds the Tekton files`,
          ),
        );
        continue;
      }
      found.files.sort(compareCodePoints);
      problems.push(...found.problems);
      if (found.files.length === 0)
        problems.push(fileProblem(given, 'no .yaml or .yml files in this directory'));
      for (const file of found.files) add(file, given);
    } else {
      problems.push(fileProblem(given, 'not a regular file or directory'));
    }
  }
  return { files, problems };
}

export type ReadResult = { text: string } | { problem: Diagnostic };

/** Reads a file as UTF-8 text, refusing files that are too large, binary or not UTF-8. */
export function readTextFile(file: string): ReadResult {
  let bytes: Buffer;
  try {
    const sizeBytes = fs.statSync(file).size;
    if (sizeBytes > MAX_FILE_SIZE_BYTES) return { problem: tooLargeProblem(file, sizeBytes) };
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { problem: fileProblem(file, describeFileSystemError(error)) };
  }
  return decodeText(bytes, file);
}

/**
 * Bytes as UTF-8 text, refusing too many bytes, binary data and other encodings; `name` is
 * the file (or standard input) they came from, for messages.
 */
export function decodeText(bytes: Uint8Array, name: string): ReadResult {
  if (bytes.length > MAX_FILE_SIZE_BYTES) return { problem: tooLargeProblem(name, bytes.length) };
  if (bytes.includes(0))
    return { problem: fileProblem(name, 'binary file (contains NUL bytes), not YAML text') };
  try {
    // A leading byte order mark is dropped, as YAML allows one.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      problem: fileProblem(name, 'not UTF-8 text (a binary file?); YAML files must be UTF-8'),
    };
  }
}

function tooLargeProblem(file: string, sizeBytes: number): Diagnostic {
  return fileProblem(
    file,
    `file is ${formatMebibytes(sizeBytes)}; files over ${formatMebibytes(MAX_FILE_SIZE_BYTES)} are refused ` +
      '(a Kubernetes object cannot exceed about 1.5 MiB, so this is not a Tekton file)',
  );
}

/** A problem with a whole file or directory: the path leads the message, as there is no line. */
export function fileProblem(file: string, message: string): Diagnostic {
  return { severity: 'error', message: `${file}: ${message}` };
}

/** The YAML files under `directory` and the folders that could not be read; undefined past `maxEntries`. */
function walkDirectory(
  directory: string,
  maxEntries: number,
): { files: string[]; problems: Diagnostic[] } | undefined {
  const found: string[] = [];
  const problems: Diagnostic[] = [];
  const visited = new Set<string>();
  let entriesLeft = maxEntries;
  const visit = (current: string): boolean => {
    // Symbolic links may loop back to an ancestor; each real directory is walked once.
    const real = realPath(current);
    if (visited.has(real)) return true;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (error) {
      problems.push(fileProblem(current, describeFileSystemError(error)));
      return true;
    }
    entriesLeft -= entries.length;
    if (entriesLeft < 0) return false;
    for (const entry of entries) {
      const entryPath = path.join(current, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statQuietly(entryPath);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        if (!visit(entryPath)) return false;
      } else if (isFile && YAML_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()))
        found.push(entryPath);
    }
    return true;
  };
  return visit(directory) ? { files: found, problems } : undefined;
}

function statPath(given: string, problems: Diagnostic[]): fs.Stats | undefined {
  try {
    return fs.statSync(given);
  } catch (error) {
    problems.push(fileProblem(given, describeFileSystemError(error)));
    return undefined;
  }
}

function statQuietly(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** A file system error as a short phrase for a message: `no such file or directory`, ... */
export function describeFileSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of this path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function formatMebibytes(sizeBytes: number): string {
  return `${(sizeBytes / (1024 * 1024)).toFixed(1)} MiB`;
}

// Plain code point order, the same on every machine and locale.
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
