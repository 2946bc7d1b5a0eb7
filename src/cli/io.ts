// What a command may touch of the outside world, passed in rather than reached for: the two
// output streams, the environment and a wall clock. The executable wires the process's own;
// tests pass strings in memory, so a whole command runs in-process and its output is exact.
import type { ArgumentsCamelCase, CommandModule } from 'yargs';
import { type Diagnostic, formatDiagnostic } from '../tekton/diagnostics.js';

export interface CliOutput {
  write(text: string): unknown;
  /** True only for a terminal: colour and the progress bar appear only then. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  /** Wall-clock milliseconds, for the progress bar's delay only; never enters a simulation. */
  nowMs: () => number;
  /** All of standard input, for the path `-`; absent where there is none to read. */
  readStdin?: () => Uint8Array;
  /** Ctrl-C; absent where nothing can interrupt (most tests). */
  interrupts?: Interrupts;
}

/**
 * Ctrl-C, for a command that can stop cleanly: while it watches, the first Ctrl-C calls its
 * handler; when nothing watches (or at the second Ctrl-C) the process ends at once, exit 130.
 */
export interface Interrupts {
  /** Calls `onInterrupt` at the next Ctrl-C; returns the function that stops watching. */
  watch(onInterrupt: () => void): () => void;
}

/**
 * One command: its yargs declaration without a handler, and `run`, which does the work
 * with the given streams and returns the exit code. Failures are thrown and turned into
 * text and a code in one place (errors.ts).
 */
export interface CliCommand<Arguments = object>
  extends Omit<CommandModule<object, Arguments>, 'handler'> {
  run(args: ArgumentsCamelCase<Arguments>, io: CliIo): number | Promise<number>;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(io: CliIo): boolean {
  return io.stdout.isTTY === true && !io.env.NO_COLOR;
}

/**
 * A prepared run's warnings (its diagnostics' and its plan's) on stderr; returns how many.
 */
export function writePreparedWarnings(
  io: CliIo,
  prepared: { diagnostics: readonly Diagnostic[]; plan: { warnings: readonly string[] } },
): number {
  let warningCount = 0;
  for (const diagnostic of prepared.diagnostics) {
    if (diagnostic.severity !== 'warning') continue;
    io.stderr.write(formatDiagnostic(diagnostic) + '\n');
    warningCount += 1;
  }
  for (const warning of prepared.plan.warnings) {
    io.stderr.write(`warning: ${warning}\n`);
    warningCount += 1;
  }
  return warningCount;
}

/**
 * After a run's JSON or YAML, the count of the warnings printed above it: whoever reads the
 * output may never look above it, and its outcome rests on what those warnings assumed.
 */
export function repeatWarningCount(io: CliIo, warningCount: number): void {
  if (warningCount === 0) return;
  io.stderr.write(
    `tekton-sim: ${warningCount} warning${warningCount === 1 ? '' : 's'} above: parts of this run were assumed, not simulated\n`,
  );
}
