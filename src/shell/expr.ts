// `expr` as GNU coreutils evaluates it, one argument per token: `|` and `&`, the comparisons
// (numeric when both sides are integers, else by bytes as in the C locale), `+ - * / %` on
// integers of any size, `STR : RE` and `match STR RE` (a basic regular expression anchored
// at the start: the first \(...\) group, else the length matched), `length`, `substr`,
// `index` and `+ TOKEN`. It prints the value and exits 1 when that is null or 0, 2 on a
// syntax error, a non-integer argument or a division by zero, 0 otherwise.
import type { CommandIO, ShellContext } from './context.js';
import { re2Package } from './re2-package.js';
import { basicToExtended } from './text-commands.js';

type Value = string | bigint;

/** A syntax or evaluation error: expr prints it and exits 2. */
class ExprError extends Error {}

const INTEGER = /^-?[0-9]+$/;

export function expr(_shell: ShellContext, argv: string[], io: CommandIO): number {
  const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
  if (args.length === 0) return 2; // "missing operand"
  let value: Value;
  try {
    const parser = new Parser(args);
    value = parser.or(true);
    if (parser.index < args.length)
      throw new ExprError(`syntax error: unexpected argument ${args[parser.index]}`);
  } catch (error) {
    if (error instanceof ExprError) return 2;
    throw error;
  }
  if (io.out !== null) io.out.text += `${value}\n`;
  return isNull(value) ? 1 : 0;
}

/** Null as expr means it: the empty string, or zero written any way (`0`, `-0`, `00`). */
function isNull(value: Value): boolean {
  if (typeof value === 'bigint') return value === 0n;
  return value === '' || /^-?0+$/.test(value);
}

function toInteger(value: Value): bigint | undefined {
  if (typeof value === 'bigint') return value;
  return INTEGER.test(value) ? BigInt(value) : undefined;
}

/** Recursive descent over the arguments, in expr's order of precedence (eval .. eval7). */
class Parser {
  index = 0;

  constructor(private readonly args: readonly string[]) {}

  /** Takes the next argument when it is `token`. */
  private accept(token: string): boolean {
    if (this.args[this.index] !== token) return false;
    this.index++;
    return true;
  }

  /** `|`: the left side unless it is null, else the right side unless null, else 0. */
  or(evaluate: boolean): Value {
    let left = this.and(evaluate);
    while (this.accept('|')) {
      const right = this.and(evaluate && isNull(left));
      if (isNull(left)) left = isNull(right) ? 0n : right;
    }
    return left;
  }

  /** `&`: the left side unless either side is null, else 0. */
  private and(evaluate: boolean): Value {
    let left = this.comparison(evaluate);
    while (this.accept('&')) {
      const right = this.comparison(evaluate && !isNull(left));
      if (isNull(left) || isNull(right)) left = 0n;
    }
    return left;
  }

  private comparison(evaluate: boolean): Value {
    let left = this.sum(evaluate);
    for (;;) {
      const op = ['<', '<=', '=', '==', '!=', '>=', '>'].find((token) => this.accept(token));
      if (op === undefined) return left;
      const right = this.sum(evaluate);
      if (!evaluate) {
        left = 0n;
        continue;
      }
      const l = String(left);
      const r = String(right);
      const order =
        INTEGER.test(l) && INTEGER.test(r) ? compare(BigInt(l), BigInt(r)) : compareBytes(l, r);
      const holds =
        op === '<'
          ? order < 0
          : op === '<='
            ? order <= 0
            : op === '=' || op === '=='
              ? order === 0
              : op === '!='
                ? order !== 0
                : op === '>='
                  ? order >= 0
                  : order > 0;
      left = holds ? 1n : 0n;
    }
  }

  private sum(evaluate: boolean): Value {
    let left = this.product(evaluate);
    for (;;) {
      const op = this.accept('+') ? '+' : this.accept('-') ? '-' : undefined;
      if (op === undefined) return left;
      const right = this.product(evaluate);
      if (!evaluate) continue;
      const [l, r] = integers(left, right);
      left = op === '+' ? l + r : l - r;
    }
  }

  private product(evaluate: boolean): Value {
    let left = this.match(evaluate);
    for (;;) {
      const op = this.accept('*') ? '*' : this.accept('/') ? '/' : this.accept('%') ? '%' : '';
      if (op === '') return left;
      const right = this.match(evaluate);
      if (!evaluate) continue;
      const [l, r] = integers(left, right);
      if (op !== '*' && r === 0n) throw new ExprError('division by zero');
      // BigInt division truncates toward zero, as C's does.
      left = op === '*' ? l * r : op === '/' ? l / r : l % r;
    }
  }

  private match(evaluate: boolean): Value {
    let left = this.unary(evaluate);
    while (this.accept(':')) {
      const right = this.unary(evaluate);
      if (evaluate) left = colon(String(left), String(right));
    }
    return left;
  }

  /** `+ TOKEN`, `length`, `match`, `index`, `substr`, or a primary. */
  private unary(evaluate: boolean): Value {
    if (this.accept('+')) {
      if (this.index >= this.args.length)
        throw new ExprError('syntax error: missing argument after +');
      return this.args[this.index++];
    }
    if (this.accept('length')) return BigInt(String(this.unary(evaluate)).length);
    if (this.accept('match')) {
      const subject = this.unary(evaluate);
      const pattern = this.unary(evaluate);
      return evaluate ? colon(String(subject), String(pattern)) : subject;
    }
    if (this.accept('index')) {
      const subject = String(this.unary(evaluate));
      const chars = String(this.unary(evaluate));
      for (let i = 0; i < subject.length; i++) if (chars.includes(subject[i])) return BigInt(i + 1);
      return 0n;
    }
    if (this.accept('substr')) {
      const subject = String(this.unary(evaluate));
      const position = toInteger(this.unary(evaluate));
      const length = toInteger(this.unary(evaluate));
      if (position === undefined || length === undefined) return '';
      if (position <= 0n || length <= 0n || position > BigInt(subject.length)) return '';
      const start = Number(position) - 1;
      return subject.slice(start, start + Number(length));
    }
    return this.primary(evaluate);
  }

  private primary(evaluate: boolean): Value {
    if (this.index >= this.args.length) throw new ExprError('syntax error: missing argument');
    if (this.accept('(')) {
      const value = this.or(evaluate);
      if (!this.accept(')')) throw new ExprError("syntax error: expecting ')'");
      return value;
    }
    if (this.accept(')')) throw new ExprError("syntax error: unexpected ')'");
    return this.args[this.index++];
  }
}

function integers(left: Value, right: Value): [bigint, bigint] {
  const l = toInteger(left);
  const r = toInteger(right);
  if (l === undefined || r === undefined) throw new ExprError('non-integer argument');
  return [l, r];
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcmp in the C locale: by UTF-8 bytes, which code point order gives. */
function compareBytes(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return Buffer.compare(left, right);
}

/**
 * `STR : RE`: the basic expression matched at the start of STR, the longest match as POSIX
 * asks. With a \(...\) group, what the first one matched ('' when none); else the length.
 */
function colon(subject: string, pattern: string): Value {
  const { RE2JS } = re2Package();
  let regex: ReturnType<typeof RE2JS.compile>;
  try {
    regex = RE2JS.compile(basicToExtended(pattern), RE2JS.LONGEST_MATCH);
  } catch {
    throw new ExprError(`invalid regular expression ${pattern}`);
  }
  const groups = regex.groupCount();
  const matcher = regex.matcher(subject);
  if (!matcher.lookingAt()) return groups > 0 ? '' : 0n;
  if (groups > 0) return matcher.group(1) ?? '';
  return BigInt(matcher.end());
}
