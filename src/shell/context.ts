// What a builtin command or a condition may see and change of the running shell. Builtins
// and conditions depend on this interface rather than on the interpreter, which in turn
// calls them: the interpreter implements it, so the dependency points one way.
import type { IndexedArray } from './arrays.js';
import type { Word, WordPart } from './ast.js';
import type { StepFiles } from './step-files.js';

/** Where a command's standard output goes: a buffer, or nowhere (`null`) when nobody reads it. */
export interface Output {
  text: string;
  /** Part of it came from a command we do not simulate, so the text is not what it says. */
  unknown?: boolean;
}

export interface CommandIO {
  stdin: string;
  out: Output | null;
  /** The input came (in part) from a command we do not simulate. */
  stdinUnknown?: boolean;
  /** Input shared by the commands of a loop, which `read` consumes a line at a time. */
  reader?: { rest: string };
}

/** `break N`, `continue N` or `return STATUS`, unwinding to the loop or function. */
export type LoopControl =
  | { kind: 'break' | 'continue'; levels: number }
  | { kind: 'return'; status: number };

export interface ShellContext {
  readonly vars: Map<string, string>;
  /** Bash's indexed arrays by name (arrays.ts); a name is in vars or here, not both. */
  readonly arrays: Map<string, IndexedArray>;
  /** `$1`, `$2`... */
  positional: string[];
  /** `$?` */
  status: number;
  /** Virtual time the script has spent so far. */
  elapsedMs: number;
  errexit: boolean;
  pipefail: boolean;
  /** Set by `exit` (and by `set -e` on a failure): unwinds to the script or subshell. */
  exiting: boolean;
  control: LoopControl | undefined;
  /** The files the step sees. */
  readonly files: StepFiles;
  /** A file's content; '' (with a warning) when it is not known; undefined when absent. */
  readFile(path: string): string | undefined;
  /** Writes a file; false when it cannot be written (a read-only volume). */
  writeFile(path: string, text: string, append: boolean): boolean;
  /** Runs a command by name, as the shell would (for `exec`, `env`, `command`...). */
  invoke(argv: string[], io: CommandIO): number;
  /**
   * Runs `source` as shell text in this shell, as `eval` does; undefined when it cannot be
   * read (a syntax error, or a Tekton reference the step's own values do not cover).
   */
  evaluate(source: string, io: CommandIO): number | undefined;
  /** Expands a word to one string, without field splitting. */
  expandWord(word: Word): string;
  /** The value of one part of a word (quoted or not: the caller decides what that means). */
  partValue(part: WordPart): string;
}
