// sed as step scripts use it to shape a result: `s/re/replacement/flags` (g, p, a count, I),
// `d`, `p`, `q`, `y/abc/xyz/` and `=`, each under an optional address (a line number, `$`,
// `/re/`, a range of two, `!`), with -n, -E/-r, -e, -i[SUFFIX] and files. Expressions are
// POSIX basic (or extended with -E) matched by RE2, in linear time. A script with anything
// else (hold space, branches, `a`/`i`/`c`, blocks) is not simulated: the command then counts
// as one we do not run, with a warning, and its output is unknown.
import type { RE2JS } from 're2js';
import type { CommandIO, ShellContext } from './context.js';
import { NotSimulated, notSimulated, problemOf } from './not-simulated.js';
import { re2Package } from './re2-package.js';
import { substituteMatches } from './substitution.js';
import { basicToExtended } from './text-commands.js';

type Point = { kind: 'line'; line: number } | { kind: 'last' } | { kind: 'regex'; regex: RE2JS };

interface Address {
  from: Point;
  to?: Point;
  negate: boolean;
}

type SedCommand = { address?: Address; inRange: boolean } & (
  | { kind: 's'; regex: RE2JS; replacement: string; global: boolean; nth: number; print: boolean }
  | { kind: 'y'; from: string; to: string }
  | { kind: 'd' | 'p' | '=' }
  | { kind: 'q'; status: number }
);

interface Options {
  quiet: boolean;
  extended: boolean;
  inPlace: string | undefined;
  scripts: string[];
  files: string[];
}

/** Why `argv` is a sed the interpreter does not run, or undefined when it runs it. */
export function sedProblem(argv: string[]): string | undefined {
  const options = parseOptions(argv);
  if (options === undefined) return 'an option not simulated';
  return problemOf(() => parseScript(options.scripts.join('\n'), options.extended));
}

export function sed(shell: ShellContext, argv: string[], io: CommandIO): number {
  const options = parseOptions(argv);
  let commands: SedCommand[];
  try {
    if (options === undefined) throw new NotSimulated('an option not simulated');
    commands = parseScript(options.scripts.join('\n'), options.extended);
  } catch (error) {
    if (!(error instanceof NotSimulated)) throw error;
    return notSimulated(shell, 'sed', argv, io, error.message);
  }
  if (options.inPlace !== undefined) {
    for (const file of options.files) {
      const text = shell.readFile(file);
      if (text === undefined) return 2;
      const { output } = run(commands, text, options.quiet);
      if (options.inPlace !== '') shell.writeFile(file + options.inPlace, text, false);
      shell.writeFile(file, output, false);
    }
    return 0;
  }
  let text = '';
  for (const file of options.files.length === 0 ? ['-'] : options.files) {
    const content = file === '-' ? io.stdin : shell.readFile(file);
    if (content === undefined) return 2;
    text += content;
  }
  const { output, status } = run(commands, text, options.quiet);
  if (io.out !== null) io.out.text += output;
  return status;
}

function parseOptions(argv: string[]): Options | undefined {
  const options: Options = {
    quiet: false,
    extended: false,
    inPlace: undefined,
    scripts: [],
    files: [],
  };
  let scriptGiven = false;
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '-e' || argument === '--expression') {
      options.scripts.push(argv[++index] ?? '');
      scriptGiven = true;
    } else if (argument.startsWith('--expression=')) {
      options.scripts.push(argument.slice('--expression='.length));
      scriptGiven = true;
    } else if (argument.startsWith('-i')) options.inPlace = argument.slice(2);
    else if (argument === '--in-place') options.inPlace = '';
    else if (argument === '-n' || argument === '--quiet' || argument === '--silent')
      options.quiet = true;
    else if (argument === '-E' || argument === '-r' || argument === '--regexp-extended')
      options.extended = true;
    else if (/^-[nEr]+$/.test(argument)) {
      if (argument.includes('n')) options.quiet = true;
      if (/[Er]/.test(argument)) options.extended = true;
    } else if (argument.startsWith('-') && argument !== '-') return undefined;
    else if (!scriptGiven) {
      options.scripts.push(argument);
      scriptGiven = true;
    } else options.files.push(argument);
  }
  return scriptGiven ? options : undefined;
}

// The script

function parseScript(script: string, extended: boolean): SedCommand[] {
  const commands: SedCommand[] = [];
  let index = 0;
  const skipBlanks = () => {
    while (index < script.length && /[\s;]/.test(script[index])) index++;
  };
  const compile = (source: string, flags: number) => {
    const { RE2JS: engine, RE2JSException } = re2Package();
    try {
      return engine.compile(extended ? source : basicToExtended(source), flags);
    } catch (error) {
      if (error instanceof RE2JSException) throw new NotSimulated(`expression ${source}`);
      throw error;
    }
  };
  /** Text up to the unescaped `delimiter`; `\delimiter` stands for the delimiter itself. */
  const delimited = (delimiter: string): string => {
    let text = '';
    while (index < script.length && script[index] !== delimiter) {
      if (script[index] === '\\' && script[index + 1] === delimiter) {
        text += delimiter;
        index += 2;
      } else if (script[index] === '\\' && index + 1 < script.length) {
        text += script.slice(index, index + 2);
        index += 2;
      } else text += script[index++];
    }
    if (index >= script.length) throw new NotSimulated(`unterminated ${delimiter}`);
    index++;
    return text;
  };
  const point = (): Point | undefined => {
    const digits = /^\d+/.exec(script.slice(index));
    if (digits) {
      index += digits[0].length;
      return { kind: 'line', line: Number(digits[0]) };
    }
    if (script[index] === '$') {
      index++;
      return { kind: 'last' };
    }
    if (script[index] === '/' || script[index] === '\\') {
      const delimiter = script[index] === '\\' ? script[index + 1] : '/';
      index += script[index] === '\\' ? 2 : 1;
      const source = delimited(delimiter);
      if (source === '') throw new NotSimulated('an empty address');
      return { kind: 'regex', regex: compile(source, 0) };
    }
    return undefined;
  };
  for (skipBlanks(); index < script.length; skipBlanks()) {
    let address: Address | undefined;
    const from = point();
    if (from) {
      address = { from, negate: false };
      if (script[index] === ',') {
        index++;
        address.to = point();
        if (!address.to) throw new NotSimulated('a range form');
      }
      while (script[index] === ' ') index++;
      if (script[index] === '!') {
        address.negate = true;
        index++;
      }
    }
    const kind = script[index++];
    const base = { address, inRange: false };
    if (kind === 's') {
      const delimiter = script[index++];
      if (delimiter === undefined || /[\s\\]/.test(delimiter))
        throw new NotSimulated('an s command');
      const source = delimited(delimiter);
      const replacement = delimited(delimiter);
      const flags = /^[gpIi0-9]*/.exec(script.slice(index))?.[0] ?? '';
      index += flags.length;
      if (source === '') throw new NotSimulated('an empty expression');
      const ignoreCase = /[Ii]/.test(flags) ? re2Package().RE2JS.CASE_INSENSITIVE : 0;
      commands.push({
        ...base,
        kind: 's',
        regex: compile(source, ignoreCase),
        replacement,
        global: flags.includes('g'),
        nth: Number(/\d+/.exec(flags)?.[0] ?? 1),
        print: flags.includes('p'),
      });
    } else if (kind === 'y') {
      const delimiter = script[index++];
      const fromText = delimited(delimiter);
      const toText = delimited(delimiter);
      if ([...fromText].length !== [...toText].length) throw new NotSimulated('a y command');
      commands.push({ ...base, kind: 'y', from: fromText, to: toText });
    } else if (kind === 'd' || kind === 'p' || kind === '=') {
      commands.push({ ...base, kind });
    } else if (kind === 'q') {
      const status = /^\s*(\d+)/.exec(script.slice(index));
      if (status) index += status[0].length;
      commands.push({ ...base, kind: 'q', status: Number(status?.[1] ?? 0) });
    } else throw new NotSimulated(`command ${kind}`);
    // A command ends at `;`, a newline, or the end; `}` and others are not ours.
    while (index < script.length && script[index] === ' ') index++;
    if (index < script.length && !/[;\n]/.test(script[index]))
      throw new NotSimulated(`text after ${kind}`);
  }
  return commands;
}

// Running it

function run(
  commands: SedCommand[],
  text: string,
  quiet: boolean,
): { output: string; status: number } {
  const input = text === '' ? [] : text.split('\n');
  // The last line keeps its missing newline.
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) input.pop();
  for (const command of commands) command.inRange = false;
  let output = '';
  const emit = (line: string, last: boolean) => {
    output += last && !endsWithNewline ? line : `${line}\n`;
  };
  for (let number = 1; number <= input.length; number++) {
    const last = number === input.length;
    let space = input[number - 1];
    let deleted = false;
    let quitStatus: number | undefined;
    for (const command of commands) {
      if (!selected(command, space, number, last)) continue;
      if (command.kind === 's') {
        const replaced = substitute(command, space);
        if (replaced !== undefined) {
          space = replaced;
          if (command.print) emit(space, last);
        }
      } else if (command.kind === 'y') {
        space = [...space]
          .map((char) => {
            const at = [...command.from].indexOf(char);
            return at < 0 ? char : [...command.to][at];
          })
          .join('');
      } else if (command.kind === 'p') emit(space, last);
      else if (command.kind === '=') output += `${number}\n`;
      else if (command.kind === 'd') {
        deleted = true;
        break;
      } else if (command.kind === 'q') {
        quitStatus = command.status;
        break;
      }
    }
    if (!deleted && !quiet) emit(space, last);
    if (quitStatus !== undefined) return { output, status: quitStatus };
  }
  return { output, status: 0 };
}

function matchesPoint(point: Point, line: string, number: number, last: boolean): boolean {
  if (point.kind === 'line') return number === point.line;
  if (point.kind === 'last') return last;
  return point.regex.matcher(line).find();
}

function selected(command: SedCommand, line: string, number: number, last: boolean): boolean {
  const { address } = command;
  if (address === undefined) return true;
  let hit: boolean;
  if (address.to === undefined) hit = matchesPoint(address.from, line, number, last);
  else if (command.inRange) {
    hit = true;
    const to = address.to;
    // A line-number end already passed closes the range on this line.
    if (to.kind === 'line' ? number >= to.line : matchesPoint(to, line, number, last))
      command.inRange = false;
  } else {
    hit = matchesPoint(address.from, line, number, last);
    if (hit) {
      const to = address.to;
      // The end is looked for from the next line; a line number not past this one ends here.
      command.inRange = !(to.kind === 'line' ? to.line <= number : to.kind === 'last' && last);
    }
  }
  return hit !== address.negate;
}

/** The line with the s command applied; undefined when nothing matched. */
function substitute(command: Extract<SedCommand, { kind: 's' }>, line: string): string | undefined {
  const { text, replaced } = substituteMatches(command.regex, line, command, (matcher) =>
    expandReplacement(command.replacement, matcher),
  );
  return replaced > 0 ? text : undefined;
}

/** `&` the match, `\1`..`\9` its groups, `\n` a newline; any other `\c` is c. */
function expandReplacement(replacement: string, matcher: ReturnType<RE2JS['matcher']>): string {
  let out = '';
  for (let index = 0; index < replacement.length; index++) {
    const char = replacement[index];
    if (char === '&') out += matcher.group() ?? '';
    else if (char === '\\' && index + 1 < replacement.length) {
      const next = replacement[++index];
      if (/[1-9]/.test(next)) out += matcher.group(Number(next)) ?? '';
      else if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else out += next;
    } else out += char;
  }
  return out;
}
