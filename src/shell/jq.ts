// jq as step scripts use it to read fields of JSON: a subset of jq 1.6 (jq-parse.ts lists
// the language, jq-builtins.ts the functions) over the JSON values of standard input or of
// the files named, printed as jq prints them: 2-space indent, `-c` compact, `-r` strings raw,
// `-j` raw without newlines, `-S` keys sorted, `-s` all inputs in one array, `-n` null as the
// only input, `--arg NAME TEXT` and `--argjson NAME JSON` as $NAME, `-e` for the status.
// The status is jq 1.6's: that of the last input (5 when its program stopped with an error,
// with -e 1 when its last output was false or null and 4 when it had none), 4 after input
// that is not JSON (the values before it are run first), 2 when a file cannot be read.
// jq's message for an error goes to its stderr, which the simulation does not keep: only the
// status is reproduced. Anything else (other options, functions, `$ENV`, assignments...) is
// not simulated: the command then counts as one we do not run, with a warning, and its output
// is unknown; so is a run past the bounds of jq-values.ts (steps, input and output size).
import { notSimulated as reportNotSimulated, problemOf } from './not-simulated.js';
import type { CommandIO, ShellContext } from './context.js';
import { Evaluator } from './jq-eval.js';
import { parseInput, parseOne } from './jq-input.js';
import { lexJq } from './jq-lex.js';
import type { Node } from './jq-ast.js';
import { parseJq } from './jq-parse.js';
import {
  Bounded,
  type Json,
  JqError,
  JQ_STEP_LIMIT,
  JQ_TEXT_LIMIT,
  NotSimulated,
  dump,
  truthy,
} from './jq-values.js';

/** Tokens of a program: more are not read (the text of a step's script is bounded anyway). */
const MAX_TOKENS = 4_000;

interface Options {
  raw: boolean;
  join: boolean;
  compact: boolean;
  exitStatus: boolean;
  nullInput: boolean;
  slurp: boolean;
  sortKeys: boolean;
  /** --arg and --argjson, in order; the text of --argjson still to be read. */
  args: { name: string; value: string; json: boolean }[];
  filter: string;
  files: string[];
}

const SHORT: Record<string, keyof Options> = {
  r: 'raw',
  j: 'join',
  c: 'compact',
  e: 'exitStatus',
  n: 'nullInput',
  s: 'slurp',
  S: 'sortKeys',
};
const LONG: Record<string, keyof Options> = {
  '--raw-output': 'raw',
  '--join-output': 'join',
  '--compact-output': 'compact',
  '--exit-status': 'exitStatus',
  '--null-input': 'nullInput',
  '--slurp': 'slurp',
  '--sort-keys': 'sortKeys',
};

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    raw: false,
    join: false,
    compact: false,
    exitStatus: false,
    nullInput: false,
    slurp: false,
    sortKeys: false,
    args: [],
    filter: '',
    files: [],
  };
  let filter: string | undefined;
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--arg' || argument === '--argjson') {
      const [name, value] = [argv[index + 1], argv[index + 2]];
      if (value === undefined) throw new NotSimulated(`${argument} without its two arguments`);
      options.args.push({ name, value, json: argument === '--argjson' });
      index += 2;
    } else if (argument in LONG) (options[LONG[argument]] as boolean) = true;
    else if (/^-[A-Za-z]+$/.test(argument)) {
      for (const letter of argument.slice(1)) {
        // -M asks for no colour, which a pipe gets anyway.
        if (letter === 'M') continue;
        if (!(letter in SHORT)) throw new NotSimulated(`option -${letter}`);
        (options[SHORT[letter]] as boolean) = true;
      }
    } else if (argument.startsWith('-')) throw new NotSimulated(`option ${argument}`);
    else if (filter === undefined) filter = argument;
    else options.files.push(argument);
  }
  if (filter === undefined) throw new NotSimulated('no program');
  options.filter = filter;
  return options;
}

function compile(argv: readonly string[]): { options: Options; program: Node } {
  const options = parseOptions(argv);
  const names = options.args.map((arg) => arg.name);
  const tokens = lexJq(options.filter);
  if (tokens.length > MAX_TOKENS) throw new NotSimulated(`a program over ${MAX_TOKENS} tokens`);
  return { options, program: parseJq(tokens, names) };
}

/** Why `argv` is a jq the interpreter does not run, or undefined when it runs it. */
export function jqProblem(argv: readonly string[]): string | undefined {
  return problemOf(() => compile(argv));
}

export function jq(shell: ShellContext, argv: string[], io: CommandIO): number {
  const notSimulated = (why: string) => reportNotSimulated(shell, 'jq', argv, io, why);
  try {
    const { options, program } = compile(argv);
    // Input from a command we do not simulate: the output is unknown (the interpreter marks
    // it so), the status assumed 0.
    if (options.files.length === 0 && !options.nullInput && io.stdinUnknown) return 0;
    const result = run(shell, io, options, program);
    if (io.out !== null) io.out.text += result.output;
    return result.status;
  } catch (error) {
    if (error instanceof NotSimulated) return notSimulated(error.message);
    if (error instanceof Bounded)
      return notSimulated(
        `more than ${JQ_STEP_LIMIT} steps or ${JQ_TEXT_LIMIT} characters of input or output`,
      );
    throw error;
  }
}

function run(
  shell: ShellContext,
  io: CommandIO,
  options: Options,
  program: Node,
): { output: string; status: number } {
  const env = new Map<string, Json>();
  for (const arg of options.args) {
    const value = arg.json ? parseOne(arg.value) : arg.value;
    if (value === undefined) return { output: '', status: 2 }; // "Invalid JSON text passed to --argjson"
    env.set(arg.name, value);
  }
  let status = 0;
  let text = '';
  if (options.files.length === 0) text = io.stdin;
  for (const file of options.files) {
    const content = shell.readFile(file);
    if (content === undefined)
      status = 2; // "Could not open FILE: No such file or directory"
    else text += content;
    if (text.length > JQ_TEXT_LIMIT) throw new Bounded();
  }
  if (text.length > JQ_TEXT_LIMIT) throw new Bounded();
  const inputs = options.nullInput ? { values: [null], error: false } : parseInput(text);
  if (options.slurp && !options.nullInput && !inputs.error) inputs.values = [inputs.values];
  const evaluator = new Evaluator();
  const writer = new Writer(options);
  // What jq 1.6 keeps of the last input: 0, 5 for an error, 11 (false or null last) or 14
  // (no output), which -e turns into 1 and 4 and which are 0 without it.
  let last = 0;
  for (const input of inputs.values) {
    last = 14;
    try {
      for (const value of evaluator.run(program, input, env)) last = writer.write(value);
    } catch (error) {
      if (!(error instanceof JqError)) throw error;
      last = 5;
    }
  }
  if (inputs.error) last = 4; // "parse error: ..."
  if (status === 0) status = last >= 10 ? (options.exitStatus ? last - 10 : 0) : last;
  return { output: writer.output, status };
}

class Writer {
  output = '';

  constructor(private readonly options: Options) {}

  /** Prints one output; jq's status for it (0, or 11 for false or null). */
  write(value: Json): number {
    const raw = (this.options.raw || this.options.join) && typeof value === 'string';
    const text = raw
      ? value
      : dump(value, { indent: this.options.compact ? 0 : 2, sortKeys: this.options.sortKeys });
    this.output += this.options.join ? text : `${text}\n`;
    if (this.output.length > JQ_TEXT_LIMIT) throw new Bounded();
    return truthy(value) ? 0 : 11;
  }
}
