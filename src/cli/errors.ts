// The one place where failures become exit codes and text on stderr. Three kinds of failure,
// three codes: bad input (exit 2, every problem with its file and line), a usage mistake
// (exit 2, with a hint), and our own bug (exit 3, one line; the stack only on request).
import { formatDiagnostic, InputError } from '../tekton/diagnostics.js';

export const EXIT_SUCCESS = 0;
/** Resources are invalid, or (for simulation commands) an invariant or expectation failed. */
export const EXIT_FAILURE = 1;
export const EXIT_INPUT_ERROR = 2;
export const EXIT_INTERNAL_ERROR = 3;

/** A mistake on the command line: unknown flag, missing argument, bad choice. */
export class UsageError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
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
