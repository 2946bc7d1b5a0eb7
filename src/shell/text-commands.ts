// Commands that transform text, as step scripts use them on their inputs and results: tr,
// head, tail, wc, cut, seq, grep, sort, uniq, date (virtual time). Each reads its standard
// input or the files named, through the step's virtual files.
import { re2Package } from './re2-package.js';
import type { CommandIO, ShellContext } from './context.js';

type Builtin = (shell: ShellContext, argv: string[], io: CommandIO) => number;

/** Standard input, or the files named (undefined when one is known not to exist). */
function input(shell: ShellContext, files: string[], io: CommandIO): string | undefined {
  if (files.length === 0) return io.stdin;
  let text = '';
  for (const file of files) {
    const content = file === '-' ? io.stdin : shell.readFile(file);
    if (content === undefined) return undefined;
    text += content;
  }
  return text;
}

function write(io: CommandIO, text: string): void {
  if (io.out !== null) io.out.text += text;
}

/** Lines of a text, without the empty one after a final newline. */
function lines(text: string): string[] {
  if (text === '') return [];
  const split = text.split('\n');
  if (split[split.length - 1] === '') split.pop();
  return split;
}

// tr

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v' };

/** tr's SET: ranges `a-z`, classes `[:upper:]`, escapes `\n`. */
export function expandSet(set: string): string {
  let out = '';
  for (let index = 0; index < set.length; index++) {
    const rest = set.slice(index);
    const klass = /^\[:([a-z]+):\]/.exec(rest);
    if (klass && CLASSES[klass[1]] !== undefined) {
      out += CLASSES[klass[1]];
      index += klass[0].length - 1;
      continue;
    }
    let char = set[index];
    if (char === '\\' && index + 1 < set.length) {
      const escaped = set[++index];
      const octal = /^[0-7]{1,3}/.exec(set.slice(index));
      if (octal) {
        char = String.fromCharCode(Number.parseInt(octal[0], 8));
        index += octal[0].length - 1;
      } else char = ESCAPES[escaped] ?? escaped;
    }
    if (set[index + 1] === '-' && index + 2 < set.length) {
      const end = set.charCodeAt(index + 2);
      for (let code = char.charCodeAt(0); code <= end; code++) out += String.fromCharCode(code);
      index += 2;
      continue;
    }
    out += char;
  }
  return out;
}

export const tr: Builtin = (_shell, argv, io) => {
  let index = 1;
  let remove = false;
  let squeeze = false;
  let complement = false;
  for (; index < argv.length && /^-[dsc]+$/.test(argv[index]); index++) {
    remove ||= argv[index].includes('d');
    squeeze ||= argv[index].includes('s');
    complement ||= argv[index].includes('c');
  }
  const first = argv[index];
  if (first === undefined) return 1;
  const from = expandSet(first);
  const to = expandSet(argv[index + 1] ?? '');
  const inFirst = (char: string) => from.includes(char) !== complement;
  let out = '';
  for (const char of io.stdin) {
    if (remove && inFirst(char)) continue;
    let mapped = char;
    if (!remove && to !== '' && inFirst(char)) {
      const position = complement ? to.length - 1 : from.indexOf(char);
      mapped = to[Math.min(position, to.length - 1)];
    }
    const squeezeSet = remove ? to : to || from;
    if (squeeze && out.endsWith(mapped) && squeezeSet.includes(mapped)) continue;
    out += mapped;
  }
  write(io, out);
  return 0;
};

// head, tail

/**
 * `-n 5`, `-n5`, `-5`, `-n +3` (tail: from line 3), or `-c 5`, `-c5`, `-c +3` counting bytes
 * instead of lines (`head -c 2500`); the rest are files.
 */
function countAndFiles(argv: string[]): {
  count: number;
  fromStart: boolean;
  bytes: boolean;
  files: string[];
} {
  let count = 10;
  let fromStart = false;
  let bytes = false;
  const files: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    let value: string | undefined;
    if (argument === '-n' || argument === '-c') value = argv[++index];
    else if (/^-[nc].+/.test(argument)) value = argument.slice(2);
    else if (/^-\d+$/.test(argument)) value = argument.slice(1);
    else if (argument !== '-' && argument.startsWith('-')) continue;
    else files.push(argument);
    if (value !== undefined) {
      bytes = argument.startsWith('-c');
      fromStart = value.startsWith('+');
      count = Math.abs(Number.parseInt(value, 10)) || 0;
    }
  }
  return { count, fromStart, bytes, files };
}

function joinLines(selected: string[]): string {
  return selected.length === 0 ? '' : `${selected.join('\n')}\n`;
}

/** The bytes from `start` to `end` of a text's UTF-8 encoding, as text. */
function byteSlice(text: string, start: number, end?: number): string {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

export const head: Builtin = (shell, argv, io) => {
  const { count, bytes, files } = countAndFiles(argv);
  const text = input(shell, files, io);
  if (text === undefined) return 1;
  write(io, bytes ? byteSlice(text, 0, count) : joinLines(lines(text).slice(0, count)));
  return 0;
};

export const tail: Builtin = (shell, argv, io) => {
  const { count, fromStart, bytes, files } = countAndFiles(argv);
  const text = input(shell, files, io);
  if (text === undefined) return 1;
  if (bytes) {
    const size = Buffer.byteLength(text, 'utf8');
    write(io, byteSlice(text, fromStart ? Math.max(count - 1, 0) : Math.max(size - count, 0)));
    return 0;
  }
  const all = lines(text);
  write(
    io,
    joinLines(fromStart ? all.slice(Math.max(count - 1, 0)) : all.slice(-count || all.length)),
  );
  return 0;
};

// wc

export const wc: Builtin = (shell, argv, io) => {
  const flags = argv
    .slice(1)
    .filter((argument) => /^-[lwcm]+$/.test(argument))
    .join('');
  const files = argv.slice(1).filter((argument) => !/^-[lwcm]+$/.test(argument));
  const text = input(shell, files, io);
  if (text === undefined) return 1;
  const counts = {
    l: (text.match(/\n/g) ?? []).length,
    w: text.split(/\s+/).filter((word) => word !== '').length,
    c: Buffer.byteLength(text, 'utf8'),
    m: [...text].length,
  };
  const wanted =
    flags === '' ? ['l', 'w', 'c'] : ['l', 'w', 'm', 'c'].filter((f) => flags.includes(f));
  const numbers = wanted.map((flag) => String(counts[flag as keyof typeof counts]));
  // One count alone is printed bare; several are padded as GNU wc pads them for stdin.
  const padded = numbers.length === 1 ? numbers : numbers.map((n) => n.padStart(7));
  write(
    io,
    `${padded.join(numbers.length === 1 ? '' : ' ')}${files.length === 1 ? ` ${files[0]}` : ''}\n`,
  );
  return 0;
};

// cut

/** `1,3-5,7-`: a test of 1-based positions. */
function fieldList(spec: string): (position: number) => boolean {
  const ranges = spec.split(',').map((part) => {
    const [start, end] = part.split('-');
    const from = start === '' ? 1 : Number(start);
    const to = part.includes('-') ? (end === '' ? Infinity : Number(end)) : from;
    return [from, to] as const;
  });
  return (position) => ranges.some(([from, to]) => position >= from && position <= to);
}

export const cut: Builtin = (shell, argv, io) => {
  let delimiter = '\t';
  let fields: string | undefined;
  let characters: string | undefined;
  const files: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    const option = /^-([dfcb])(.*)$/.exec(argument);
    if (!option) {
      files.push(argument);
      continue;
    }
    const value = option[2] !== '' ? option[2] : argv[++index];
    if (option[1] === 'd') delimiter = value ?? '\t';
    else if (option[1] === 'f') fields = value;
    else characters = value;
  }
  const text = input(shell, files, io);
  if (text === undefined) return 1;
  const selector = fields ?? characters;
  if (selector === undefined) return 1;
  const wanted = fieldList(selector);
  const out = lines(text).map((line) => {
    if (characters !== undefined) return [...line].filter((_, i) => wanted(i + 1)).join('');
    if (!line.includes(delimiter)) return line;
    return line
      .split(delimiter)
      .filter((_, i) => wanted(i + 1))
      .join(delimiter);
  });
  write(io, joinLines(out));
  return 0;
};

// seq

export const seq: Builtin = (_shell, argv, io) => {
  const numbers = argv
    .slice(1)
    .filter((argument) => /^-?\d+(\.\d+)?$/.test(argument))
    .map(Number);
  const [first, step, last] =
    numbers.length === 1
      ? [1, 1, numbers[0]]
      : numbers.length === 2
        ? [numbers[0], 1, numbers[1]]
        : [numbers[0], numbers[1], numbers[2]];
  if (last === undefined || step === 0) return 1;
  const out: string[] = [];
  // Bounded, as every loop of the simulator is: a script cannot make it run forever.
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
    out.push(String(n));
    if (out.length >= 100_000) break;
  }
  write(io, joinLines(out));
  return 0;
};

// grep

export const grep: Builtin = (shell, argv, io) => {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const files: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '-e') patterns.push(argv[++index] ?? '');
    else if (/^-[a-zA-Z]+$/.test(argument)) for (const flag of argument.slice(1)) flags.add(flag);
    else if (argument.startsWith('--')) flags.add(argument);
    else if (patterns.length === 0 && !flags.has('e')) patterns.push(argument);
    else files.push(argument);
  }
  if (patterns.length === 0) return 2;
  if (files.length === 0 && io.stdinUnknown) {
    // The input came from a command we do not simulate: whether it matches is not known.
    shell.files.view.warn(
      `grep ${patterns.join(' ')}: its input comes from a command not simulated; assumed to match`,
    );
    return 0;
  }
  const text = input(shell, files, io);
  if (text === undefined) return 2;
  let matcher: (line: string) => boolean;
  try {
    matcher = lineMatcher(patterns, flags);
  } catch (error) {
    if (error instanceof re2Package().RE2JSException) return 2;
    throw error;
  }
  const invert = flags.has('v');
  const selected = lines(text).filter((line) => matcher(line) !== invert);
  if (flags.has('c')) write(io, `${selected.length}\n`);
  else if (!flags.has('q')) {
    write(
      io,
      joinLines(
        flags.has('o') ? selected.flatMap((line) => onlyMatching(line, patterns, flags)) : selected,
      ),
    );
  }
  return selected.length > 0 ? 0 : 1;
};

function lineMatcher(patterns: string[], flags: Set<string>): (line: string) => boolean {
  const ignoreCase = flags.has('i');
  if (flags.has('F')) {
    const wanted = patterns.map((p) => (ignoreCase ? p.toLowerCase() : p));
    return (line) => {
      const subject = ignoreCase ? line.toLowerCase() : line;
      return wanted.some((p) => (flags.has('x') ? subject === p : subject.includes(p)));
    };
  }
  const extended = flags.has('E');
  const regexes = patterns.map((pattern) => {
    const source = extended ? pattern : basicToExtended(pattern);
    const anchored = flags.has('x')
      ? `^(?:${source})$`
      : flags.has('w')
        ? `\\b(?:${source})\\b`
        : source;
    return re2Package().RE2JS.compile(
      anchored,
      ignoreCase ? re2Package().RE2JS.CASE_INSENSITIVE : 0,
    );
  });
  return (line) => regexes.some((regex) => regex.matcher(line).find());
}

function onlyMatching(line: string, patterns: string[], flags: Set<string>): string[] {
  if (flags.has('F')) return patterns.filter((pattern) => line.includes(pattern));
  const found: string[] = [];
  for (const pattern of patterns) {
    const regex = re2Package().RE2JS.compile(flags.has('E') ? pattern : basicToExtended(pattern));
    const matcher = regex.matcher(line);
    while (matcher.find()) found.push(matcher.group() ?? '');
  }
  return found;
}

/** POSIX basic regular expressions: `\(`, `\|`, `\{`, `\+` are the operators; bare ones literal. */
export function basicToExtended(pattern: string): string {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\' && index + 1 < pattern.length) {
      const next = pattern[++index];
      out += '(){}|+?'.includes(next) ? next : `\\${next}`;
    } else if ('(){}|+?'.includes(char)) out += `\\${char}`;
    else out += char;
  }
  return out;
}

// sort, uniq

export const sort: Builtin = (shell, argv, io) => {
  const flags = argv
    .slice(1)
    .filter((argument) => /^-[a-z]+$/.test(argument))
    .join('');
  const files = argv.slice(1).filter((argument) => !/^-[a-z]+$/.test(argument));
  const text = input(shell, files, io);
  if (text === undefined) return 2;
  let sorted = lines(text).sort((a, b) =>
    flags.includes('n') ? Number.parseFloat(a) - Number.parseFloat(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  if (flags.includes('r')) sorted.reverse();
  if (flags.includes('u')) sorted = sorted.filter((line, i) => i === 0 || line !== sorted[i - 1]);
  write(io, joinLines(sorted));
  return 0;
};

export const uniq: Builtin = (shell, argv, io) => {
  const files = argv.slice(1).filter((argument) => !argument.startsWith('-'));
  const text = input(shell, files, io);
  if (text === undefined) return 1;
  const all = lines(text);
  write(io, joinLines(all.filter((line, i) => i === 0 || line !== all[i - 1])));
  return 0;
};

// date

/**
 * `date` reads the virtual clock: the step's elapsed time after the simulation's epoch
 * (2000-01-01T00:00:00Z, as `run --start-time` defaults). `+%s` and a few strftime fields.
 */
export const date: Builtin = (shell, argv, io) => {
  const at = new Date(Date.UTC(2000, 0, 1) + shell.elapsedMs);
  const format = argv.slice(1).find((argument) => argument.startsWith('+'));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fields: Record<string, () => string> = {
    s: () => String(Math.floor(at.getTime() / 1000)),
    Y: () => String(at.getUTCFullYear()),
    m: () => pad(at.getUTCMonth() + 1),
    d: () => pad(at.getUTCDate()),
    H: () => pad(at.getUTCHours()),
    M: () => pad(at.getUTCMinutes()),
    S: () => pad(at.getUTCSeconds()),
    N: () => pad((at.getTime() % 1000) * 1_000_000, 9),
    Z: () => 'UTC',
    z: () => '+0000',
    F: () => `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`,
    T: () => `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`,
    '%': () => '%',
  };
  const text =
    format === undefined
      ? at.toUTCString().replace('GMT', 'UTC')
      : format
          .slice(1)
          .replace(/%([a-zA-Z%])/g, (whole, field: string) => fields[field]?.() ?? whole);
  write(io, `${text}\n`);
  return 0;
};
