// Commands that act on the step's virtual files (files.ts): reading, listing, creating,
// copying, moving and removing. Paths nobody wrote where contents are not known are assumed
// to exist, with a warning; paths known not to exist fail as the real commands do.
import type { CommandIO, ShellContext } from './context.js';

type Builtin = (shell: ShellContext, argv: string[], io: CommandIO) => number;

/** Splits `-rf --force x y` into flag letters and operands (`--` ends the flags). */
function parseArguments(argv: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let flagsEnded = false;
  for (const argument of argv.slice(1)) {
    if (!flagsEnded && argument === '--') flagsEnded = true;
    else if (!flagsEnded && argument.startsWith('--')) flags.add(argument);
    else if (!flagsEnded && argument.startsWith('-') && argument.length > 1) {
      for (const letter of argument.slice(1)) flags.add(letter);
    } else operands.push(argument);
  }
  return { flags, operands };
}

export const cat: Builtin = (shell, argv, io) => {
  const { operands } = parseArguments(argv);
  const files = argv.slice(1).includes('-') ? [...operands, '-'] : operands;
  let status = 0;
  let text = '';
  if (files.length === 0) text = io.stdin;
  for (const file of files) {
    const content = file === '-' ? io.stdin : shell.readFile(file);
    if (content === undefined)
      status = 1; // "No such file or directory" on stderr
    else text += content;
  }
  if (io.out !== null) io.out.text += text;
  return status;
};

export const ls: Builtin = (shell, argv, io) => {
  const { flags, operands } = parseArguments(argv);
  const all = flags.has('a') || flags.has('A');
  let status = 0;
  const lines: string[] = [];
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const kind = shell.files.kind(operand, `ls ${operand}`);
    if (kind === 'absent') {
      status = 2;
      continue;
    }
    if (kind === 'file' || flags.has('d')) {
      lines.push(operand);
      continue;
    }
    const names = shell.files.list(operand).filter((name) => all || !name.startsWith('.'));
    lines.push(...names);
  }
  if (io.out !== null && lines.length > 0) io.out.text += `${lines.join('\n')}\n`;
  return status;
};

export const rm: Builtin = (shell, argv) => {
  const { flags, operands } = parseArguments(argv);
  const force = flags.has('f') || flags.has('--force');
  const recursive = flags.has('r') || flags.has('R') || flags.has('--recursive');
  let status = 0;
  for (const operand of operands) {
    const kind = shell.files.kind(operand, `rm ${operand}`);
    if (kind === 'absent') {
      if (!force) status = 1;
      continue;
    }
    if (kind === 'dir' && !recursive) {
      status = 1;
      continue;
    }
    if (!shell.files.remove(operand)) status = 1;
  }
  return status;
};

export const mkdir: Builtin = (shell, argv) => {
  const { flags, operands } = parseArguments(argv);
  const parents = flags.has('p') || flags.has('--parents');
  let status = 0;
  for (const operand of operands) {
    const kind = shell.files.kind(operand, `mkdir ${operand}`);
    if (kind === 'file' || (kind !== 'absent' && !parents)) {
      if (kind === 'file' || !parents) status = 1;
      continue;
    }
    if (!shell.files.makeDirectory(operand)) status = 1;
  }
  return status;
};

export const touch: Builtin = (shell, argv) => {
  const { operands } = parseArguments(argv);
  let status = 0;
  for (const operand of operands) {
    const existing = shell.files.kind(operand, `touch ${operand}`);
    if (existing !== 'absent') continue;
    if (!shell.writeFile(operand, '', true)) status = 1;
  }
  return status;
};

/** `cp` and `mv`: the last operand is the target; into it when it is a directory. */
function transfer(shell: ShellContext, argv: string[], removeSource: boolean): number {
  const { flags, operands } = parseArguments(argv);
  if (operands.length < 2) return 1;
  const recursive = removeSource || flags.has('r') || flags.has('R') || flags.has('a');
  const target = operands[operands.length - 1];
  const intoDirectory =
    operands.length > 2 || shell.files.kind(target, `${argv[0]} to ${target}`) === 'dir';
  let status = 0;
  for (const source of operands.slice(0, -1)) {
    const destination = intoDirectory ? `${target}/${baseName(source)}` : target;
    if (!copyPath(shell, source, destination, recursive)) status = 1;
    else if (removeSource) shell.files.remove(source);
  }
  return status;
}

function copyPath(
  shell: ShellContext,
  source: string,
  destination: string,
  recursive: boolean,
): boolean {
  const kind = shell.files.kind(source, `copy ${source}`);
  if (kind === 'absent') return false;
  if (kind === 'dir') {
    if (!recursive) return false;
    shell.files.makeDirectory(destination);
    for (const name of shell.files.list(source)) {
      copyPath(shell, `${source}/${name}`, `${destination}/${name}`, true);
    }
    return true;
  }
  return shell.writeFile(destination, shell.readFile(source) ?? '', false);
}

export const cp: Builtin = (shell, argv) => transfer(shell, argv, false);
export const mv: Builtin = (shell, argv) => transfer(shell, argv, true);

export const mktemp: Builtin = (shell, argv, io) => {
  // `-p DIR` / `--tmpdir DIR` take a value; everything else is flags and the template.
  let directory = '/tmp';
  const rest: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if ((argument === '-p' || argument === '--tmpdir') && index + 1 < argv.length) {
      directory = argv[++index];
    } else rest.push(argument);
  }
  const { flags, operands } = parseArguments(['mktemp', ...rest]);
  const template = operands[0] ?? 'tmp.XXXXXXXXXX';
  const path = shell.files.temporary(
    template.startsWith('/') ? '/' : directory,
    template.startsWith('/') ? template.slice(1) : template,
    flags.has('d') || flags.has('--directory'),
  );
  if (io.out !== null) io.out.text += `${path}\n`;
  return 0;
};

export const cd: Builtin = (shell, argv) => {
  const target = argv[1] ?? '/tekton/home';
  const kind = shell.files.kind(target, `cd ${target}`);
  if (kind === 'absent' || kind === 'file') return 1;
  shell.files.workingDirectory = shell.files.absolute(target);
  // sh and bash keep $PWD the directory cd moved to.
  shell.vars.set('PWD', shell.files.workingDirectory);
  return 0;
};

export const pwd: Builtin = (shell, _argv, io) => {
  if (io.out !== null) io.out.text += `${shell.files.workingDirectory}\n`;
  return 0;
};

export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function directoryName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
}

export const basename: Builtin = (_shell, argv, io) => {
  const { operands } = parseArguments(argv);
  if (operands.length === 0) return 1;
  let name = baseName(operands[0]);
  const suffix = operands[1];
  if (suffix && name !== suffix && name.endsWith(suffix)) name = name.slice(0, -suffix.length);
  if (io.out !== null) io.out.text += `${name}\n`;
  return 0;
};

export const dirname: Builtin = (_shell, argv, io) => {
  const { operands } = parseArguments(argv);
  if (operands.length === 0) return 1;
  if (io.out !== null)
    io.out.text += operands.map((operand) => `${directoryName(operand)}\n`).join('');
  return 0;
};
