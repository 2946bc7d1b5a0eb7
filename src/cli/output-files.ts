// Writes a command's output files so that no reader ever sees a half-written or mixed report:
// every file goes to a temporary name in the target directory and is renamed into place only
// once all of them are on disk. The directory is checked first (output-directory.ts): a file
// the user put there, or a symlink, stops the command (exit 2) before anything is written.
import fs from 'node:fs';
import path from 'node:path';
import { isSystemError, OutputError } from './errors.js';
import { InputError } from '../tekton/diagnostics.js';
import { prepareOutputDirectory, REPORT_MARKER, temporaryPath } from './output-directory.js';
import { inChunks } from './text-chunks.js';

export { prepareOutputDirectory, REPORT_MARKER } from './output-directory.js';

export interface OutputFile {
  name: string;
  /**
   * The whole text, or its pieces in order (a CSV of a million rows is never one string), a
   * piece as text or as its UTF-8 bytes.
   */
  text: string | Iterable<string | Uint8Array>;
}

/** Writes `text` to a new temporary file beside its target and returns the temporary path. */
function writeTemporary(
  directory: string,
  name: string,
  text: string | Iterable<string | Uint8Array>,
): string {
  const temporary = temporaryPath(directory, name);
  // 'wx' creates the file or fails: it never follows a symlink or reuses a file.
  const descriptor = fs.openSync(temporary, 'wx', 0o644);
  try {
    if (typeof text === 'string') fs.writeFileSync(descriptor, text);
    else for (const chunk of inChunks(text)) writeWhole(descriptor, chunk);
    fs.fsyncSync(descriptor);
  } catch (error) {
    fs.closeSync(descriptor);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(descriptor);
  return temporary;
}

/** Writes all of `chunk`: a write of bytes may write fewer than asked. */
function writeWhole(descriptor: number, chunk: string | Uint8Array): void {
  if (typeof chunk === 'string') {
    fs.writeSync(descriptor, chunk);
    return;
  }
  for (let written = 0; written < chunk.length; )
    written += fs.writeSync(descriptor, chunk, written, chunk.length - written);
}

/**
 * Writes `files` into `directory` atomically as a set: all are written to temporary files
 * first (a full disk then leaves the previous report as it was), the marker listing them is
 * renamed into place, then each file. Returns the paths written.
 */
export function writeOutputFiles(
  directory: string,
  files: readonly OutputFile[],
  option: string,
): string[] {
  const ours = prepareOutputDirectory(directory, option);
  const temporaries: string[] = [];
  const target = (name: string) => path.join(directory, name);
  try {
    for (const file of files) temporaries.push(writeTemporary(directory, file.name, file.text));
    const listed = [...new Set([...ours, ...files.map((file) => file.name)])].sort();
    const marker = writeTemporary(directory, REPORT_MARKER, `${listed.join('\n')}\n`);
    temporaries.push(marker);
    // The marker first: a file on disk that the marker does not list would lock us out.
    fs.renameSync(marker, target(REPORT_MARKER));
    files.forEach((file, index) => fs.renameSync(temporaries[index], target(file.name)));
  } catch (error) {
    for (const temporary of temporaries) fs.rmSync(temporary, { force: true });
    // A full disk or a lost directory is the environment's; anything else is a bug of ours.
    throw isSystemError(error) ? new OutputError(directory, error, option) : error;
  }
  return files.map((file) => target(file.name));
}

/**
 * The first and last bytes of an existing file, as text: enough to tell a file of ours (a
 * signature opens a Gantt chart, the generator closes a trace) without reading a trace of
 * hundreds of megabytes whole, which could not even be one string. A small file is whole in
 * both.
 */
export interface FileEnds {
  head: string;
  tail: string;
}

/** Bytes read at each end of an existing file to recognise it. */
export const FILE_END_BYTES = 64 * 1024;

/** Tells from a file's ends whether tekton-sim wrote it. */
export type OwnedFileTest = (ends: FileEnds) => boolean;

/**
 * One output file the user named: written (atomically, by rename) when it does not exist or
 * holds an earlier output of ours (recognised by `ours`), refused otherwise, so a typo never
 * replaces a user's file and a symlink is never written through. `text` may come in pieces
 * (a trace of millions of events), written a chunk at a time.
 */
export function writeOwnedFile(
  target: string,
  text: string | Iterable<string>,
  ours: OwnedFileTest,
  option: string,
): void {
  refuseForeignFile(target, ours, option);
  let temporary: string | undefined;
  try {
    temporary = writeTemporary(path.dirname(target), path.basename(target), text);
    fs.renameSync(temporary, target);
  } catch (error) {
    if (temporary !== undefined) fs.rmSync(temporary, { force: true });
    throw isSystemError(error) ? new OutputError(target, error, option) : error;
  }
}

/**
 * An InputError when `target` exists and is not a file tekton-sim wrote (`ours` tells from its
 * ends); commands call it before they work too, so a refusal comes before any output.
 */
export function refuseForeignFile(target: string, ours: OwnedFileTest, option: string): void {
  let status: fs.Stats | undefined;
  try {
    status = fs.lstatSync(target);
  } catch {
    return;
  }
  const ends = status.isFile() ? readEnds(target, status.size) : undefined;
  if (ends === undefined || !ours(ends))
    throw new InputError({
      severity: 'error',
      message: `${option}: ${target} exists and was not written by tekton-sim; move it or choose another file`,
    });
}

function readEnds(target: string, size: number): FileEnds {
  const descriptor = fs.openSync(target, 'r');
  try {
    const read = (position: number, bytes: number) => {
      const buffer = Buffer.alloc(bytes);
      return buffer.toString('utf8', 0, fs.readSync(descriptor, buffer, 0, bytes, position));
    };
    if (size <= 2 * FILE_END_BYTES) {
      const whole = read(0, size);
      return { head: whole, tail: whole };
    }
    // A character cut at either edge decodes as U+FFFD, far from what the tests look for.
    return { head: read(0, FILE_END_BYTES), tail: read(size - FILE_END_BYTES, FILE_END_BYTES) };
  } finally {
    fs.closeSync(descriptor);
  }
}
