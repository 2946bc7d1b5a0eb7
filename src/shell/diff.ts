// `diff A B` as GNU diff runs it with no options or with -q: status 0 and no output when the
// files are the same, 1 and the "normal" format (`2c2`, `< old`, `---`, `> new`) when they
// differ, 2 when one cannot be read. Other formats are not simulated: -u and -c print the
// files' modification times, which a virtual file does not have; a binary file or a middle
// too long to compare in bounded time (diff-lines.ts) is not simulated either. What is not
// simulated counts as a command we do not run, with a warning, and its output is unknown.
import { notSimulated } from './not-simulated.js';
import type { CommandIO, ShellContext } from './context.js';
import { changedLines } from './diff-lines.js';

interface Options {
  brief: boolean;
  files: string[];
}

/** Why an option of diff is not simulated, or undefined when it is (or is an operand). */
export function diffOptionProblem(argument: string): string | undefined {
  if (argument === '-' || !argument.startsWith('-') || argument === '--') return undefined;
  return argument === '-q' || argument === '--brief' ? undefined : `option ${argument}`;
}

export function diff(shell: ShellContext, argv: string[], io: CommandIO): number {
  const options = parseOptions(argv);
  if (typeof options === 'string') return notSimulated(shell, 'diff', argv, io, options);
  if (options.files.length !== 2) return 2;
  const texts: string[] = [];
  for (const file of options.files) {
    const text = file === '-' ? io.stdin : shell.readFile(file);
    if (text === undefined) return 2; // "No such file or directory", on stderr
    texts.push(text);
  }
  const [a, b] = texts;
  if (a === b) return 0;
  if (a.includes('\0') || b.includes('\0'))
    return notSimulated(shell, 'diff', argv, io, 'binary files');
  if (options.brief) {
    write(io, `Files ${options.files[0]} and ${options.files[1]} differ\n`);
    return 1;
  }
  const lines = [splitLines(a), splitLines(b)];
  const classes = new Map<string, number>();
  const classOf = (line: string) => {
    let value = classes.get(line);
    if (value === undefined) {
      value = classes.size;
      classes.set(line, value);
    }
    return value;
  };
  const changes = changedLines(lines[0].map(classOf), lines[1].map(classOf));
  if (changes === undefined)
    return notSimulated(shell, 'diff', argv, io, 'too many differing lines');
  write(io, normalFormat(lines[0], lines[1], changes.deleted, changes.inserted));
  return 1;
}

/**
 * The options and the operands, or why they are not simulated. diff rejects anything but two
 * operands ("missing operand", status 2) before it reads a file.
 */
function parseOptions(argv: readonly string[]): Options | string {
  const options: Options = { brief: false, files: [] };
  let operandsOnly = false;
  for (const argument of argv.slice(1)) {
    const problem = operandsOnly ? undefined : diffOptionProblem(argument);
    if (problem !== undefined) return problem;
    if (operandsOnly || argument === '-' || !argument.startsWith('-')) options.files.push(argument);
    else if (argument === '--') operandsOnly = true;
    else options.brief = true;
  }
  return options;
}

/**
 * Each line with its newline, as diff compares them: a last line without one differs from
 * the same text with one.
 */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const last = lines.pop() as string;
  const complete = lines.map((line) => `${line}\n`);
  if (last !== '') complete.push(last);
  return complete;
}

/** GNU diff's normal format: one hunk per place where lines are deleted, inserted or both. */
function normalFormat(a: string[], b: string[], deleted: boolean[], inserted: boolean[]): string {
  let text = '';
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (!deleted[i] && !inserted[j]) {
      i++;
      j++;
      continue;
    }
    const startA = i;
    const startB = j;
    while (i < a.length && deleted[i]) i++;
    while (j < b.length && inserted[j]) j++;
    const letter = i === startA ? 'a' : j === startB ? 'd' : 'c';
    text += `${range(startA, i)}${letter}${range(startB, j)}\n`;
    for (let k = startA; k < i; k++) text += printed('< ', a[k]);
    if (letter === 'c') text += '---\n';
    for (let k = startB; k < j; k++) text += printed('> ', b[k]);
  }
  return text;
}

/** Lines start..end-1 numbered from 1; an empty range names the line before it. */
function range(start: number, end: number): string {
  if (end - start <= 1) return String(end);
  return `${start + 1},${end}`;
}

function printed(marker: string, line: string): string {
  if (line.endsWith('\n')) return marker + line;
  return `${marker}${line}\n\\ No newline at end of file\n`;
}

function write(io: CommandIO, text: string): void {
  if (io.out !== null) io.out.text += text;
}
