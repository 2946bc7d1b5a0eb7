// Commands that turn bytes into digests or base64, as step scripts use them to make a result
// from a param (Tekton's matrix context example writes `echo -n ... | sha256sum`): sha256sum,
// sha1sum, sha512sum and md5sum print GNU coreutils' lines, base64 encodes (wrapped at 76
// columns; -w0: one line without a newline) or decodes (-d), as GNU's does. Input is the step's standard input or its files.
import crypto from 'node:crypto';
import type { CommandIO, ShellContext } from './context.js';

type Builtin = (shell: ShellContext, argv: string[], io: CommandIO) => number;

function write(io: CommandIO, text: string): void {
  if (io.out !== null) io.out.text += text;
}

/** `sha256sum [FILE...]`: `<hex>  <name>` a line, `-` for standard input. */
function digestCommand(algorithm: string): Builtin {
  return (shell, argv, io) => {
    const files = argv.slice(1).filter((argument) => !argument.startsWith('-') || argument === '-');
    let status = 0;
    for (const file of files.length === 0 ? ['-'] : files) {
      const content = file === '-' ? io.stdin : shell.readFile(file);
      if (content === undefined) {
        status = 1; // "No such file or directory"
        continue;
      }
      const hex = crypto.createHash(algorithm).update(content, 'utf8').digest('hex');
      write(io, `${hex}  ${file}\n`);
    }
    return status;
  };
}

/** GNU base64's line length; busybox wraps at the same column. */
const BASE64_COLUMNS = 76;

const base64: Builtin = (shell, argv, io) => {
  let decode = false;
  let columns = BASE64_COLUMNS;
  const files: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '-d' || argument === '--decode' || argument === '-D') decode = true;
    else if (argument === '-w' || argument === '--wrap') columns = Number(argv[++index]);
    else if (/^-w\d+$/.test(argument)) columns = Number(argument.slice(2));
    else if (argument.startsWith('--wrap=')) columns = Number(argument.slice(7));
    else if (argument === '-i' || argument === '--ignore-garbage') continue;
    else files.push(argument);
  }
  if (!Number.isInteger(columns) || columns < 0) return 1;
  const file = files[0] ?? '-';
  const content = file === '-' ? io.stdin : shell.readFile(file);
  if (content === undefined) return 1;
  if (decode) {
    const compact = content.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return 1; // "invalid input"
    write(io, Buffer.from(compact, 'base64').toString('utf8'));
    return 0;
  }
  const encoded = Buffer.from(content, 'utf8').toString('base64');
  if (encoded === '') return 0;
  // GNU base64 ends wrapped output with a newline, and -w0's single line without one.
  if (columns === 0) {
    write(io, encoded);
    return 0;
  }
  const lines: string[] = [];
  for (let start = 0; start < encoded.length; start += columns)
    lines.push(encoded.slice(start, start + columns));
  write(io, `${lines.join('\n')}\n`);
  return 0;
};

export const DIGEST_COMMANDS: Record<string, Builtin> = {
  sha256sum: digestCommand('sha256'),
  sha1sum: digestCommand('sha1'),
  sha512sum: digestCommand('sha512'),
  md5sum: digestCommand('md5'),
  base64,
};
