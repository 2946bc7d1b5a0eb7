// awk as step scripts use it to pick fields and shape lines. Behaviour follows mawk 1.3.4
// (the awk of the machine the differential test runs on), which is POSIX awk's: `-F` (a
// single character taken literally, " " for blanks, "" for characters, else an extended
// expression; escapes such as `\t` decoded), `-v name=value` and `name=value` operands,
// BEGIN, END, `pattern`, `pattern, pattern` and `{ action }` rules; statements `print`,
// `printf` (both with `> file` or `>> file`), `if`/`else`, `while`, `do`, `for (;;)`,
// `break`, `continue`, `next`, `exit`, blocks and expressions; fields `$expr` (assignable,
// like NF), the variables NR NF FNR FS OFS ORS OFMT CONVFMT SUBSEP FILENAME RSTART RLENGTH;
// the operators of POSIX awk; the functions length substr index split tolower toupper sub
// gsub match sprintf int. mawk's own choices are kept: a number prints as an integer only
// within 32-bit range, `%d` saturates there, and substr(s, 0, n) counts from the first
// character. Expressions are extended regular expressions matched by RE2 (leftmost-longest);
// one with an interval `{` is not simulated, since mawk 1.3.4 before 2020-07 reads the brace
// literally where gawk repeats. Anything else (user functions, getline, arrays other than
// split's, RS, ENVIRON, ARGV, output to commands, srand/rand/system) is not simulated: the
// command then counts as one we do not run, with a warning, and its output is unknown.
// A program runs at most AWK_STATEMENT_LIMIT statements for BEGIN, for each input line and
// for END; one that runs more is stopped and reported the same way.
import { notSimulated as reportNotSimulated, problemOf } from './not-simulated.js';
import type { CommandIO, ShellContext } from './context.js';
import { AWK_STATEMENT_LIMIT, AwkError, NotSimulated } from './awk-values.js';
import { UNSIMULATED_VARIABLES, lex } from './awk-lex.js';
import type { Options, Program } from './awk-program.js';
import { Parser } from './awk-parse.js';
import { Bounded, Machine } from './awk-machine.js';

function parseOptions(argv: string[]): Options | string {
  const options: Options = { assignments: [], fs: undefined, source: '', operands: [] };
  let index = 1;
  for (; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--') {
      index++;
      break;
    }
    if (!argument.startsWith('-') || argument === '-') break;
    if (argument.startsWith('-F')) {
      const value = argument.length > 2 ? argument.slice(2) : argv[++index];
      if (value === undefined) return 'an option not simulated';
      options.fs = value;
    } else if (argument.startsWith('-v')) {
      const value = argument.length > 2 ? argument.slice(2) : argv[++index];
      const match = /^([A-Za-z_]\w*)=(.*)$/s.exec(value ?? '');
      if (!match) return 'an option not simulated';
      options.assignments.push([match[1], match[2]]);
    } else return `option ${argument}`;
  }
  if (index >= argv.length) return 'no program';
  options.source = argv[index];
  options.operands = argv.slice(index + 1);
  for (const [name] of options.assignments) if (UNSIMULATED_VARIABLES.has(name)) return name;
  for (const operand of options.operands) {
    const match = /^([A-Za-z_]\w*)=/.exec(operand);
    if (match && UNSIMULATED_VARIABLES.has(match[1])) return match[1];
  }
  return options;
}

function compile(argv: string[]): { options: Options; program: Program } {
  const options = parseOptions(argv);
  if (typeof options === 'string') throw new NotSimulated(options);
  const program = new Parser(lex(options.source)).program();
  return { options, program };
}

/** Why `argv` is an awk the interpreter does not run, or undefined when it runs it. */
export function awkProblem(argv: string[]): string | undefined {
  return problemOf(() => compile(argv));
}

export function awk(shell: ShellContext, argv: string[], io: CommandIO): number {
  const notSimulated = (why: string) => reportNotSimulated(shell, 'awk', argv, io, why);
  let compiled: { options: Options; program: Program };
  try {
    compiled = compile(argv);
  } catch (error) {
    if (error instanceof NotSimulated) return notSimulated(error.message);
    throw error;
  }
  const machine = new Machine(shell, io, compiled.program);
  let status: number;
  try {
    status = machine.run(compiled.options);
  } catch (error) {
    if (error instanceof NotSimulated) return notSimulated(error.message);
    if (error instanceof Bounded)
      return notSimulated(`more than ${AWK_STATEMENT_LIMIT} statements for one line`);
    if (error instanceof AwkError) status = 2;
    else throw error;
  }
  if (io.out !== null) io.out.text += machine.output;
  machine.flushFiles();
  return status;
}
