// The one place where failures become exit codes and text on stderr. Three kinds of failure,
// three codes: bad input (exit 2, every problem with its file and line), a usage mistake
// (exit 2, with a hint), and our own bug (exit 3, one line; the stack only on request).
import { formatDiagnostic, InputError } from '../tekton/diagnostics.js';

export const EXIT_SUCCESS = 0;
/** Resources are invalid, or (for simulation commands) an invariant or expectation failed. */
export const EXIT_FAILURE = 1;
export const EXIT_INPUT_ERROR = 2;
export const EXIT_INTERNAL_ERROR = 3;
/** Ctrl-C: 128 + SIGINT, as a shell reports a process the signal ended. */
export const EXIT_INTERRUPTED = 130;

/** A mistake on the command line: unknown flag, missing argument, bad choice. */
export class UsageError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** Output that cannot be written: a full disk, a closed or read-only target. */
export class OutputError extends Error {
  /** `option` names the flag that chose the target, e.g. `--report`. */
  constructor(target: string, cause: unknown, option?: string) {
    super(`${option ? `${option}: ` : ''}cannot write ${target}: ${describeSystemError(cause)}`);
    this.name = 'OutputError';
  }
}

export interface ErrorOutput {
  write(text: string): unknown;
}

/** Prints `error` the way its kind deserves and returns the exit code. */
export function reportError(
  error: unknown,
  output: ErrorOutput,
  environment: Readonly<Record<string, string | undefined>>,
): number {
  if (error instanceof InputError) {
    for (const diagnostic of error.diagnostics) output.write(formatDiagnostic(diagnostic) + '\n');
    return EXIT_INPUT_ERROR;
  }
  if (error instanceof OutputError) {
    output.write(`tekton-sim: ${error.message}\n`);
    return EXIT_INPUT_ERROR;
  }
  // Writes to standard output are synchronous when it is a file, so a full disk throws here.
  if (isSystemError(error) && error.syscall === 'write') {
    output.write(`tekton-sim: ${new OutputError('standard output', error).message}\n`);
    return EXIT_INPUT_ERROR;
  }
  if (error instanceof UsageError) {
    output.write(`tekton-sim: ${error.message}\n${error.hint}\n`);
    return EXIT_INPUT_ERROR;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.write(`tekton-sim: internal error: ${firstLine(message)}\n`);
  if (environment.TEKTON_SIM_DEBUG === '1' && error instanceof Error && error.stack) {
    output.write(error.stack + '\n');
  } else {
    output.write(
      'This is a bug in tekton-sim; please report it with the command and the input files. ' +
        'Set TEKTON_SIM_DEBUG=1 to print the stack trace.\n',
    );
  }
  return EXIT_INTERNAL_ERROR;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line === '' ? '(no message)' : line;
}

export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

const SYSTEM_ERROR_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EBADF: 'not open for writing',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'it exists',
  ENOENT: 'no such directory',
};

function describeSystemError(error: unknown): string {
  if (!isSystemError(error)) return String(error);
  const code = error.code ?? '';
  return `${SYSTEM_ERROR_TEXT[code] ?? error.message} (${code})`;
}
