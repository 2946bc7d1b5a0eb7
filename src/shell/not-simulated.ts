// What the command subsets (sed, awk, jq, diff) do with input beyond what they run: they throw
// NotSimulated while reading it, the static checker asks for the reason through problemOf,
// and at run time the call counts as a command we do not run: a warning naming why, its
// output unknown, status 0 (as for any command the interpreter does not know).
import type { CommandIO, ShellContext } from './context.js';

/** Input outside a command's subset, with what made it so. */
export class NotSimulated extends Error {}

/** The reason `read` throws NotSimulated, or undefined when it reads the input. */
export function problemOf(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof NotSimulated) return error.message;
    throw error;
  }
}

/** The call of command `name` with `argv` is not simulated because `why`: warned, output unknown, status 0. */
export function notSimulated(
  shell: ShellContext,
  name: string,
  argv: readonly string[],
  io: CommandIO,
  why: string,
): number {
  shell.files.view.warn(`${name} ${argv.slice(1).join(' ')}: not simulated (${why})`);
  shell.files.unsimulatedCommandRan(name);
  if (io.out !== null) io.out.unknown = true;
  return 0;
}
