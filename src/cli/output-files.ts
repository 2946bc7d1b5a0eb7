// Writes a command's output files into a directory without ever overwriting a file the user
// put there: a marker file lists every file tekton-sim wrote, and a target that exists but is
// not on that list stops the command (exit 2) before anything is written. Kept to this one
// function so a safer writer (temporary file and rename) can replace it in one place.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../tekton/diagnostics.js';

export const REPORT_MARKER = '.tekton-sim-report';

export interface OutputFile {
  name: string;
  /** The whole text, or its pieces in order (a CSV of a million rows is never one string). */
  text: string | Iterable<string>;
}

/** Writes `text` to `target`, piece by piece when it comes in pieces. */
export function writeChunks(target: string, text: string | Iterable<string>): void {
  if (typeof text === 'string') {
    fs.writeFileSync(target, text);
    return;
  }
  const descriptor = fs.openSync(target, 'w');
  try {
    for (const piece of text) fs.writeSync(descriptor, piece);
  } finally {
    fs.closeSync(descriptor);
  }
}

export function writeOutputFiles(
  directory: string,
  files: readonly OutputFile[],
  option: string,
): string[] {
  if (fs.existsSync(directory) && !fs.statSync(directory).isDirectory())
    throw new InputError({
      severity: 'error',
      message: `${option}: ${directory} exists and is not a directory; name a directory`,
    });
  fs.mkdirSync(directory, { recursive: true });
  const markerPath = path.join(directory, REPORT_MARKER);
  const ours = new Set(
    fs.existsSync(markerPath)
      ? fs.readFileSync(markerPath, 'utf8').split('\n').filter(Boolean)
      : [],
  );
  for (const file of files) {
    const target = path.join(directory, file.name);
    if (fs.existsSync(target) && !ours.has(file.name))
      throw new InputError({
        severity: 'error',
        message: `${option}: ${target} exists and was not written by tekton-sim; move it or choose another directory`,
      });
  }
  for (const file of files) ours.add(file.name);
  fs.writeFileSync(markerPath, [...ours].sort().join('\n') + '\n');
  for (const file of files) writeChunks(path.join(directory, file.name), file.text);
  return files.map((file) => path.join(directory, file.name));
}

/**
 * One output file the user named: written when it does not exist or holds an earlier output
 * of ours (recognised by `ours`), refused otherwise, so a typo never replaces a user's file.
 */
export function writeOwnedFile(
  target: string,
  text: string,
  ours: (existing: string) => boolean,
  option: string,
): void {
  if (fs.existsSync(target)) {
    const existing = fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
    if (existing === undefined || !ours(existing))
      throw new InputError({
        severity: 'error',
        message: `${option}: ${target} exists and was not written by tekton-sim; move it or choose another file`,
      });
  }
  fs.writeFileSync(target, text);
}
