// The commands the step-script simulator knows: the ones that decide a step's duration
// (`sleep`), exit status (`exit`, `true`, `false`, `test`), results (`echo`, `printf`, `cat`,
// `tee`) or the shell's own state (`set`, `export`, ...). Every other command is unknown:
// it takes no time and succeeds.
import { sed } from './sed.js';
import { awk } from './awk.js';
import { diff } from './diff.js';
import { expr } from './expr.js';
import { jq } from './jq.js';
import { DIGEST_COMMANDS } from './digest-commands.js';
import { decodeAnsiEscapes } from './lex.js';
import { testArguments } from './conditions.js';
import type { CommandIO, ShellContext } from './context.js';
import {
  basename,
  cat,
  cd,
  cp,
  dirname,
  ls,
  mkdir,
  mktemp,
  mv,
  pwd,
  rm,
  touch,
} from './file-commands.js';
import { formatPrintf } from './printf.js';
import { cut, date, grep, head, seq, sort, tail, tr, uniq, wc } from './text-commands.js';

type Builtin = (shell: ShellContext, argv: string[], io: CommandIO) => number;

const SLEEP_ARGUMENT = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/;
const SLEEP_UNIT_MS: Record<string, number> = {
  '': 1000,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const EXIT_CODE = /^\s*[+-]?\d+\s*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=(.*)$/s;

/**
 * Milliseconds `sleep` waits for one argument (`10`, `0.5`, `2m`, `infinity`), or undefined
 * when sleep would reject it. Each argument is rounded to whole milliseconds, as virtual
 * time is.
 */
export function sleepArgumentMs(argument: string): number | undefined {
  if (argument === 'inf' || argument === 'infinity') return Infinity;
  const match = SLEEP_ARGUMENT.exec(argument);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * SLEEP_UNIT_MS[match[2]]);
}

const sleep: Builtin = (shell, argv) => {
  if (argv.length < 2) return 1;
  let totalMs = 0;
  for (let index = 1; index < argv.length; index++) {
    const ms = sleepArgumentMs(argv[index]);
    if (ms === undefined) return 1; // "invalid time interval": sleep fails before sleeping
    totalMs += ms;
  }
  shell.elapsedMs += totalMs;
  return 0;
};

const exit: Builtin = (shell, argv) => {
  const argument = argv[1];
  let status = shell.status;
  if (argument !== undefined) status = EXIT_CODE.test(argument) ? Number(argument) & 255 : 2;
  shell.exiting = true;
  return status;
};

const echo: Builtin = (_shell, argv, io) => {
  let index = 1;
  let newline = true;
  let escapes = false;
  while (index < argv.length && /^-[neE]+$/.test(argv[index])) {
    for (const flag of argv[index].slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
    index++;
  }
  if (io.out === null) return 0;
  let text = argv.slice(index).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    text = decodeAnsiEscapes(text);
  }
  io.out.text += newline ? text + '\n' : text;
  return 0;
};

const printf: Builtin = (_shell, argv, io) => {
  const format = argv[1];
  if (format === undefined) return 2;
  const result = formatPrintf(format, argv.slice(2));
  if (io.out !== null) io.out.text += result.text;
  return result.status;
};

const tee: Builtin = (shell, argv, io) => {
  let append = false;
  let status = 0;
  for (const argument of argv.slice(1)) {
    if (argument.startsWith('-') && argument.length > 1) {
      if (argument.includes('a') || argument === '--append') append = true;
      continue;
    }
    if (!shell.writeFile(argument, io.stdin, append)) status = 1;
  }
  if (io.out !== null) io.out.text += io.stdin;
  return status;
};

const set: Builtin = (shell, argv) => {
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--') {
      shell.positional = argv.slice(index + 1);
      return 0;
    }
    if (!/^[-+][A-Za-z]+$/.test(argument)) {
      shell.positional = argv.slice(index);
      return 0;
    }
    const on = argument[0] === '-';
    for (const flag of argument.slice(1)) {
      if (flag === 'e') shell.errexit = on;
      if (flag === 'o') {
        const option = argv[++index];
        if (option === 'errexit') shell.errexit = on;
        if (option === 'pipefail') shell.pipefail = on;
      }
    }
  }
  return 0;
};

const declare: Builtin = (shell, argv) => {
  for (const argument of argv.slice(1)) {
    const match = ASSIGNMENT.exec(argument);
    if (!match) continue; // flags, and names declared without a value
    const previous = match[2] === '+' ? (shell.vars.get(match[1]) ?? '') : '';
    shell.vars.set(match[1], previous + match[3]);
  }
  return 0;
};

const unset: Builtin = (shell, argv) => {
  for (const argument of argv.slice(1)) {
    if (argument.startsWith('-')) continue;
    shell.vars.delete(argument);
    shell.arrays.delete(argument);
  }
  return 0;
};

const shift: Builtin = (shell, argv) => {
  const count = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(count) || count < 0 || count > shell.positional.length) return 1;
  shell.positional = shell.positional.slice(count);
  return 0;
};

/**
 * `eval ARG...`: the args joined by spaces, run as shell text in the same shell (so its
 * assignments stay); no args, or only empty ones, succeed. Text that cannot be read
 * succeeds at once, as a command not simulated does.
 */
const evalBuiltin: Builtin = (shell, argv, io) => {
  const source = argv.slice(1).join(' ');
  if (source.trim() === '') return 0;
  return shell.evaluate(source, io) ?? 0;
};

/** `exec cmd`: runs cmd, then the script ends with its status. */
const exec: Builtin = (shell, argv, io) => {
  if (argv.length < 2) return 0;
  const status = shell.invoke(argv.slice(1), io);
  shell.exiting = true;
  return status;
};

/** `env [-i] [NAME=value...] cmd`: runs cmd; the environment is not modelled. */
const env: Builtin = (shell, argv, io) => {
  let index = 1;
  while (index < argv.length && (argv[index].startsWith('-') || ASSIGNMENT.test(argv[index]))) {
    if (argv[index] === '-u') index++;
    index++;
  }
  return index < argv.length ? shell.invoke(argv.slice(index), io) : 0;
};

/** `command`, `builtin`, `nohup`, `time`: run the command that follows. */
const prefix: Builtin = (shell, argv, io) => {
  if (argv[1] === '-v' || argv[1] === '-V') return 0;
  const rest = argv.slice(1).filter((argument, index) => index > 0 || !argument.startsWith('-'));
  return rest.length > 0 ? shell.invoke(rest, io) : 0;
};

const succeed: Builtin = () => 0;

/** `break N` / `continue N`: outside a loop they do nothing, as in sh. */
const loopControl =
  (kind: 'break' | 'continue'): Builtin =>
  (shell, argv) => {
    const levels = argv[1] === undefined ? 1 : Number.parseInt(argv[1], 10);
    if (!(levels >= 1)) return 1;
    shell.control = { kind, levels };
    return 0;
  };

const returnBuiltin: Builtin = (shell, argv) => {
  const status = argv[1] === undefined ? shell.status : Number.parseInt(argv[1], 10) & 255;
  shell.control = { kind: 'return', status: Number.isNaN(status) ? 2 : status };
  return shell.control.status;
};

/**
 * `read [-r] [-p prompt] NAME...`: one line of input split on whitespace, the last name
 * taking the rest; status 1 at the end of the input. Inside a loop it reads the loop's input
 * a line at a time.
 */
const read: Builtin = (shell, argv, io) => {
  const names: string[] = [];
  let raw = false;
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '-r') raw = true;
    else if (argument === '-p' || argument === '-d' || argument === '-t' || argument === '-u')
      index++;
    else if (!argument.startsWith('-')) names.push(argument);
  }
  const reader = io.reader ?? { rest: io.stdin };
  if (reader.rest === '') {
    for (const name of names) shell.vars.set(name, '');
    return 1;
  }
  const newline = reader.rest.indexOf('\n');
  let line = newline < 0 ? reader.rest : reader.rest.slice(0, newline);
  reader.rest = newline < 0 ? '' : reader.rest.slice(newline + 1);
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const targets = names.length > 0 ? names : ['REPLY'];
  const fields = line.trim().split(/[ \t]+/);
  targets.forEach((name, index) => {
    const last = index === targets.length - 1;
    shell.vars.set(name, last ? fields.slice(index).join(' ') : (fields[index] ?? ''));
  });
  // A last line without its newline is read, but read reports the end of the input.
  return newline < 0 ? 1 : 0;
};

const BUILTINS: Record<string, Builtin> = {
  ...DIGEST_COMMANDS,
  sed,
  awk,
  diff,
  expr,
  jq,
  sleep,
  exit,
  echo,
  printf,
  cat,
  tee,
  ls,
  rm,
  mkdir,
  touch,
  cp,
  mv,
  mktemp,
  cd,
  pwd,
  basename,
  dirname,
  break: loopControl('break'),
  continue: loopControl('continue'),
  return: returnBuiltin,
  read,
  tr,
  head,
  tail,
  wc,
  cut,
  seq,
  grep,
  egrep: (shell, argv, io) => grep(shell, ['grep', '-E', ...argv.slice(1)], io),
  fgrep: (shell, argv, io) => grep(shell, ['grep', '-F', ...argv.slice(1)], io),
  sort,
  uniq,
  date,
  set,
  exec,
  eval: evalBuiltin,
  env,
  unset,
  shift,
  true: succeed,
  ':': succeed,
  false: () => 1,
  test: (shell, argv) => testArguments(shell, argv.slice(1)),
  '[': (shell, argv) =>
    argv[argv.length - 1] === ']' ? testArguments(shell, argv.slice(1, -1)) : 2,
  // Only reached under sh (parse.ts): busybox ash's `[[` is `test` closed by `]]`.
  '[[': (shell, argv) =>
    argv[argv.length - 1] === ']]' ? testArguments(shell, argv.slice(1, -1)) : 2,
  export: declare,
  readonly: declare,
  local: declare,
  declare,
  typeset: declare,
  command: prefix,
  builtin: prefix,
  nohup: prefix,
  time: prefix,
  // Shell state the simulation does not need: accepted quietly.
  wait: succeed,
  umask: succeed,
  ulimit: succeed,
  hash: succeed,
  alias: succeed,
  unalias: succeed,
  trap: succeed,
};

/** Names the simulator runs (or accepts quietly); anything else is "not simulated". */
export const KNOWN_COMMANDS: ReadonlySet<string> = new Set(Object.keys(BUILTINS));

/** Runs builtin `name`; undefined when the simulator does not know the command. */
export function runBuiltin(
  shell: ShellContext,
  name: string,
  argv: string[],
  io: CommandIO,
): number | undefined {
  const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  return builtin === undefined ? undefined : builtin(shell, argv, io);
}
