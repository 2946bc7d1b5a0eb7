// A file with nothing in it to read: only comments, blank lines or `---` lines (each `---`
// starts a document, but an empty one). Every reader of a YAML file says so with this one
// error, at the file's first line, whether the file is a resource file, a Scenario, a cluster
// file or empty standard input.
import type { Diagnostic } from './diagnostics.js';

export const EMPTY_FILE_MESSAGE = 'empty file: no YAML content (only comments, blank lines or ---)';

export function emptyFileError(file: string): Diagnostic {
  return {
    severity: 'error',
    message: EMPTY_FILE_MESSAGE,
    location: { file, line: 1, column: 1 },
  };
}
