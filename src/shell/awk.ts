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
import type { RE2JS } from 're2js';
import { formatFloat, padField } from './awk-format.js';
import type { CommandIO, ShellContext } from './context.js';
import { re2Package } from './re2-package.js';

/** Statements (and loop tests) a program may run in BEGIN, for one input line, or in END. */
export const AWK_STATEMENT_LIMIT = 10_000;
/** Longest string a program may build, in characters. */
const MAX_STRING = 1 << 24;

/** A program outside the subset, with what made it so. */
class NotSimulated extends Error {}
/** An error awk itself reports (exit status 2). */
class AwkError extends Error {}

// Values: a number, a string, a string from input that may look numeric, or uninitialised.
type Value = { t: 'n'; n: number } | { t: 's'; s: string } | { t: 'sn'; s: string } | { t: 'u' };

const UNINIT: Value = { t: 'u' };
const num = (n: number): Value => ({ t: 'n', n });
const str = (s: string): Value => ({ t: 's', s });
const strnum = (s: string): Value => ({ t: 'sn', s });

const LOOKS_NUMERIC = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n]*$/;
const NUMBER_PREFIX =
  /^[ \t\n\f\r\v]*([-+]?)(?:0[xX]([0-9a-fA-F]+)|((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))/;
const MAX_INT = 2147483647;

/** strtod's reading of a string, as mawk converts one: hexadecimal accepted. */
function stringToNumber(text: string): number {
  const match = NUMBER_PREFIX.exec(text);
  if (!match) return 0;
  const magnitude = match[2] !== undefined ? parseInt(match[2], 16) : Number(match[3]);
  return match[1] === '-' ? -magnitude : magnitude;
}

function isNumeric(value: Value): boolean {
  return value.t === 'n' || value.t === 'u' || (value.t === 'sn' && LOOKS_NUMERIC.test(value.s));
}

// Lexing

type Token =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ere'; v: string }
  | { k: 'name'; v: string }
  | { k: 'funcname'; v: string }
  | { k: 'builtin'; v: string }
  | { k: 'kw'; v: string }
  | { k: 'op'; v: string }
  | { k: 'nl' }
  | { k: 'eof' };

const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'if',
  'else',
  'while',
  'for',
  'do',
  'break',
  'continue',
  'next',
  'nextfile',
  'exit',
  'print',
  'printf',
  'getline',
  'function',
  'func',
  'return',
  'delete',
  'in',
]);
const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'tolower',
  'toupper',
  'sub',
  'gsub',
  'match',
  'sprintf',
  'int',
  'sqrt',
  'exp',
  'log',
  'sin',
  'cos',
  'atan2',
  'rand',
  'srand',
  'system',
  'close',
  'fflush',
]);
const SIMULATED_BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'tolower',
  'toupper',
  'sub',
  'gsub',
  'match',
  'sprintf',
  'int',
]);
const UNSIMULATED_VARIABLES = new Set(['RS', 'RT', 'ENVIRON', 'ARGV', 'ARGC', 'PROCINFO']);
const OPERATORS = [
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '==',
  '<=',
  '>=',
  '!=',
  '++',
  '--',
  '&&',
  '||',
  '>>',
  '!~',
  '**',
];

/** awk's string escapes; an unknown `\c` stays as written (mawk). */
function decodeEscapes(text: string): string {
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    b: '\b',
    f: '\f',
    v: '\v',
    a: '\x07',
    '\\': '\\',
    '"': '"',
  };
  return text.replace(/\\([0-7]{1,3}|.)?/gs, (whole, next: string | undefined) => {
    if (next === undefined) return '\\';
    if (/^[0-7]/.test(next)) return String.fromCharCode(parseInt(next, 8) & 255);
    return simple[next] ?? whole;
  });
}

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const operandEnd = () => {
    const last = tokens[tokens.length - 1];
    if (last === undefined) return false;
    if (['num', 'str', 'ere', 'name', 'builtin'].includes(last.k)) return true;
    return last.k === 'op' && [')', ']', '$', '++', '--'].includes(last.v) && last.v !== '$';
  };
  while (index < source.length) {
    const char = source[index];
    if (char === ' ' || char === '\t' || char === '\r') {
      index++;
    } else if (char === '\\' && source[index + 1] === '\n') {
      index += 2;
    } else if (char === '#') {
      while (index < source.length && source[index] !== '\n') index++;
    } else if (char === '\n') {
      tokens.push({ k: 'nl' });
      index++;
    } else if (/[0-9.]/.test(char) && /^(?:\d+\.?\d*|\.\d+)/.test(source.slice(index))) {
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(
        source.slice(index),
      ) as RegExpExecArray;
      tokens.push({ k: 'num', v: Number(match[0]) });
      index += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = (/^[A-Za-z_]\w*/.exec(source.slice(index)) as RegExpExecArray)[0];
      index += word.length;
      if (KEYWORDS.has(word)) tokens.push({ k: 'kw', v: word });
      else if (BUILTINS.has(word)) tokens.push({ k: 'builtin', v: word });
      else if (source[index] === '(') tokens.push({ k: 'funcname', v: word });
      else tokens.push({ k: 'name', v: word });
    } else if (char === '"') {
      let text = '';
      index++;
      while (index < source.length && source[index] !== '"') {
        if (source[index] === '\n') throw new NotSimulated('a newline in a string');
        if (source[index] === '\\' && index + 1 < source.length) {
          text += source.slice(index, index + 2);
          index += 2;
        } else text += source[index++];
      }
      if (index >= source.length) throw new NotSimulated('an unterminated string');
      index++;
      tokens.push({ k: 'str', v: decodeEscapes(text) });
    } else if (char === '/' && !operandEnd()) {
      let text = '';
      let inBracket = false;
      index++;
      while (index < source.length && (source[index] !== '/' || inBracket)) {
        const current = source[index];
        if (current === '\n') throw new NotSimulated('a newline in a regular expression');
        if (current === '\\' && index + 1 < source.length) {
          text += source[index + 1] === '/' ? '/' : source.slice(index, index + 2);
          index += 2;
          continue;
        }
        if (current === '[' && !inBracket) {
          inBracket = true;
          text += current;
          index++;
          // `]` first in a bracket, or after `^`, is a member.
          if (source[index] === '^') text += source[index++];
          if (source[index] === ']') text += source[index++];
          continue;
        }
        if (current === '[' && inBracket && /^\[[:.=]/.test(source.slice(index))) {
          const close = source.indexOf(`${source[index + 1]}]`, index + 2);
          if (close > 0) {
            text += source.slice(index, close + 2);
            index = close + 2;
            continue;
          }
        }
        if (current === ']' && inBracket) inBracket = false;
        text += current;
        index++;
      }
      if (index >= source.length) throw new NotSimulated('an unterminated regular expression');
      index++;
      tokens.push({ k: 'ere', v: text });
    } else {
      const two = source.slice(index, index + 2);
      if (OPERATORS.includes(two)) {
        tokens.push({ k: 'op', v: two === '**' ? '^' : two });
        index += 2;
      } else if ('{}()[];,+-*/%^!><|?:~$='.includes(char)) {
        tokens.push({ k: 'op', v: char });
        index++;
      } else throw new NotSimulated(`the character ${JSON.stringify(char)}`);
    }
  }
  tokens.push({ k: 'eof' });
  return tokens;
}

// The program

type LValue =
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'elem'; name: string; index: Expr };

type Expr =
  | LValue
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; re: RE2JS }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'and' | 'or'; left: Expr; right: Expr }
  | { k: 'match'; negate: boolean; left: Expr; right: Expr }
  | { k: 'cmp'; op: string; left: Expr; right: Expr }
  | { k: 'concat'; left: Expr; right: Expr }
  | { k: 'bin'; op: string; left: Expr; right: Expr }
  | { k: 'unary'; op: string; operand: Expr }
  | { k: 'incr'; op: string; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; inner: Expr };

interface Destination {
  append: boolean;
  file: Expr;
}

type Statement =
  | { k: 'block'; body: Statement[] }
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; dest?: Destination }
  | { k: 'if'; test: Expr; yes: Statement; no?: Statement }
  | { k: 'while'; test: Expr; body: Statement }
  | { k: 'do'; body: Statement; test: Expr }
  | { k: 'for'; init?: Expr; test?: Expr; step?: Expr; body: Statement }
  | { k: 'next' | 'break' | 'continue' }
  | { k: 'exit'; e?: Expr };

interface Rule {
  pattern?: Expr;
  end?: Expr;
  inRange: boolean;
  action?: Statement;
}

interface Program {
  begin: Statement[];
  rules: Rule[];
  end: Statement[];
}

function compileRegex(source: string): RE2JS {
  // Outside brackets, an unescaped `{` is an interval for gawk and a brace for this mawk.
  let inBracket = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') index++;
    else if (char === '[' && !inBracket) {
      inBracket = true;
      if (source[index + 1] === '^') index++;
      if (source[index + 1] === ']') index++;
    } else if (char === '[' && inBracket && /^\[[:.=]/.test(source.slice(index))) {
      const close = source.indexOf(`${source[index + 1]}]`, index + 2);
      if (close > 0) index = close + 1;
    } else if (char === ']' && inBracket) inBracket = false;
    else if (char === '{' && !inBracket) throw new NotSimulated(`an interval in /${source}/`);
  }
  const { RE2JS: engine, RE2JSException } = re2Package();
  try {
    return engine.compile(source, engine.DOTALL | engine.LONGEST_MATCH);
  } catch (error) {
    if (error instanceof RE2JSException) throw new NotSimulated(`expression /${source}/`);
    throw error;
  }
}

class Parser {
  private index = 0;
  /** Inside print's arguments, outside parentheses: `>` is a redirection. */
  private inPrint = false;
  readonly arrays = new Set<string>();
  readonly scalars = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private isOp(value: string, token = this.peek()): boolean {
    return token.k === 'op' && token.v === value;
  }

  private isKw(value: string, token = this.peek()): boolean {
    return token.k === 'kw' && token.v === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) throw new NotSimulated(`a syntax error (expected ${value})`);
    this.index++;
  }

  private newlines(): void {
    while (this.peek().k === 'nl') this.index++;
  }

  private terminators(): void {
    while (this.peek().k === 'nl' || this.isOp(';')) this.index++;
  }

  program(): Program {
    const program: Program = { begin: [], rules: [], end: [] };
    this.terminators();
    while (this.peek().k !== 'eof') {
      if (this.isKw('BEGIN') || this.isKw('END')) {
        const which = (this.peek() as { v: string }).v;
        this.index++;
        this.newlines();
        if (!this.isOp('{')) throw new NotSimulated(`${which} without an action`);
        (which === 'BEGIN' ? program.begin : program.end).push(this.block());
      } else if (this.isKw('function') || this.isKw('func')) {
        throw new NotSimulated('user functions');
      } else {
        const rule: Rule = { inRange: false };
        if (!this.isOp('{')) {
          rule.pattern = this.expression();
          if (this.isOp(',')) {
            this.index++;
            this.newlines();
            rule.end = this.expression();
          }
        }
        if (this.isOp('{')) rule.action = this.block();
        program.rules.push(rule);
      }
      // An item after an action's `}` needs no separator; one after a bare pattern does.
      const closed = this.isOp('}', this.tokens[this.index - 1]);
      if (!closed && !(this.peek().k === 'nl' || this.isOp(';') || this.peek().k === 'eof'))
        throw new NotSimulated('a syntax error');
      this.terminators();
    }
    for (const name of this.arrays)
      if (this.scalars.has(name)) throw new NotSimulated(`${name} used as array and scalar`);
    return program;
  }

  private block(): Statement {
    this.expectOp('{');
    const body: Statement[] = [];
    this.terminators();
    while (!this.isOp('}')) {
      if (this.peek().k === 'eof') throw new NotSimulated('a syntax error (missing })');
      body.push(this.statement());
      this.terminators();
    }
    this.index++;
    return { k: 'block', body };
  }

  /** A statement and its terminator (`;`, a newline, or before `}`). */
  private statement(): Statement {
    const token = this.peek();
    if (this.isOp('{')) return this.block();
    if (this.isOp(';')) {
      this.index++;
      return { k: 'block', body: [] };
    }
    if (token.k === 'kw') {
      switch (token.v) {
        case 'if': {
          this.index++;
          const test = this.condition();
          const yes = this.statement();
          // `else` may follow a newline or `;` after the first statement.
          const saved = this.index;
          this.terminators();
          if (this.isKw('else')) {
            this.index++;
            this.newlines();
            return { k: 'if', test, yes, no: this.statement() };
          }
          this.index = saved;
          return { k: 'if', test, yes };
        }
        case 'while': {
          this.index++;
          const test = this.condition();
          if (this.isOp(';')) {
            this.index++;
            return { k: 'while', test, body: { k: 'block', body: [] } };
          }
          return { k: 'while', test, body: this.statement() };
        }
        case 'do': {
          this.index++;
          this.newlines();
          const body = this.statement();
          this.terminators();
          if (!this.isKw('while')) throw new NotSimulated('a syntax error (do without while)');
          this.index++;
          const test = this.condition(false);
          this.end();
          return { k: 'do', body, test };
        }
        case 'for': {
          this.index++;
          this.expectOp('(');
          if (this.peek().k === 'name' && this.isKw('in', this.peek(1)))
            throw new NotSimulated('for (key in array)');
          const init = this.isOp(';') ? undefined : this.expression();
          this.expectOp(';');
          this.newlines();
          const test = this.isOp(';') ? undefined : this.expression();
          this.expectOp(';');
          this.newlines();
          const step = this.isOp(')') ? undefined : this.expression();
          this.expectOp(')');
          if (this.isOp(';')) {
            this.index++;
            return { k: 'for', init, test, step, body: { k: 'block', body: [] } };
          }
          this.newlines();
          return { k: 'for', init, test, step, body: this.statement() };
        }
        case 'next':
        case 'break':
        case 'continue':
          this.index++;
          this.end();
          return { k: token.v };
        case 'exit': {
          this.index++;
          const e = this.atEnd() ? undefined : this.expression();
          this.end();
          return { k: 'exit', e };
        }
        case 'print':
        case 'printf': {
          this.index++;
          const args = this.printArguments();
          if (token.v === 'printf' && args.length === 0)
            throw new NotSimulated('printf without a format');
          let dest: Destination | undefined;
          if (this.isOp('>') || this.isOp('>>')) {
            const append = this.isOp('>>');
            this.index++;
            dest = { append, file: this.concatenation(true) };
          } else if (this.isOp('|')) throw new NotSimulated('output to a command');
          this.end();
          return { k: token.v, args, dest };
        }
        default:
          throw new NotSimulated(token.v);
      }
    }
    const e = this.expression();
    this.end();
    return { k: 'expr', e };
  }

  private atEnd(token = this.peek()): boolean {
    return this.atEndToken(token);
  }

  private end(): void {
    if (!this.atEnd()) throw new NotSimulated('a syntax error');
    if (this.isOp(';')) this.index++;
  }

  private condition(allowNewlines = true): Expr {
    this.expectOp('(');
    const test = this.withoutPrint(() => this.expression());
    this.expectOp(')');
    if (allowNewlines) this.newlines();
    return test;
  }

  private withoutPrint<T>(parse: () => T): T {
    const saved = this.inPrint;
    this.inPrint = false;
    try {
      return parse();
    } finally {
      this.inPrint = saved;
    }
  }

  /** print's list: `a, b`, or `(a, b)` when the parenthesis closes the list. */
  private printArguments(): Expr[] {
    if (this.atEnd() || this.isOp('>') || this.isOp('>>') || this.isOp('|')) return [];
    if (this.isOp('(')) {
      const saved = this.index;
      this.index++;
      const list = this.withoutPrint(() => this.expressionList(')'));
      if (
        this.isOp(')') &&
        (this.atEnd(this.peek(1)) ||
          this.isOp('>', this.peek(1)) ||
          this.isOp('>>', this.peek(1)) ||
          this.isOp('|', this.peek(1)))
      ) {
        this.index++;
        return list;
      }
      this.index = saved;
    }
    this.inPrint = true;
    try {
      return this.expressionList(undefined);
    } finally {
      this.inPrint = false;
    }
  }

  private expressionList(close: string | undefined): Expr[] {
    const list: Expr[] = [];
    if (close !== undefined && this.isOp(close)) return list;
    for (;;) {
      list.push(this.expression());
      if (!this.isOp(',')) return list;
      this.index++;
      this.newlines();
    }
  }

  private atEndToken(token: Token): boolean {
    return token.k === 'nl' || token.k === 'eof' || this.isOp(';', token) || this.isOp('}', token);
  }

  expression(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const test = this.or();
    if (this.isOp('?')) {
      this.index++;
      this.newlines();
      const yes = this.ternary();
      this.newlines();
      this.expectOp(':');
      this.newlines();
      return { k: 'cond', test, yes, no: this.ternary() };
    }
    if (
      this.peek().k === 'op' &&
      /^(?:=|\+=|-=|\*=|\/=|%=|\^=)$/.test((this.peek() as { v: string }).v)
    ) {
      const target = test.k === 'group' ? test.inner : test;
      if (target.k !== 'var' && target.k !== 'field' && target.k !== 'elem')
        throw new NotSimulated('an assignment to a value');
      if (target.k === 'elem') throw new NotSimulated('arrays');
      const op = (this.peek() as { v: string }).v;
      this.index++;
      this.newlines();
      return { k: 'assign', op, target, value: this.ternary() };
    }
    return test;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isOp('||')) {
      this.index++;
      this.newlines();
      left = { k: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.inExpression();
    while (this.isOp('&&')) {
      this.index++;
      this.newlines();
      left = { k: 'and', left, right: this.inExpression() };
    }
    return left;
  }

  private inExpression(): Expr {
    const left = this.matching();
    if (this.isKw('in')) throw new NotSimulated('arrays (in)');
    return left;
  }

  private matching(): Expr {
    let left = this.comparison();
    while (this.isOp('~') || this.isOp('!~')) {
      const negate = this.isOp('!~');
      this.index++;
      left = { k: 'match', negate, left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.concatenation(false);
    const token = this.peek();
    if (token.k === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(token.v)) {
      if (token.v === '>' && this.inPrint) return left;
      this.index++;
      return { k: 'cmp', op: token.v, left, right: this.concatenation(false) };
    }
    return left;
  }

  private concatenation(destination: boolean): Expr {
    let left = this.additive();
    for (;;) {
      const token = this.peek();
      const starts =
        token.k === 'num' ||
        token.k === 'str' ||
        token.k === 'ere' ||
        token.k === 'name' ||
        token.k === 'funcname' ||
        token.k === 'builtin' ||
        this.isOp('$') ||
        this.isOp('(') ||
        this.isOp('++') ||
        this.isOp('--') ||
        (this.isOp('!') && !destination);
      if (!starts) return left;
      if (this.isKw('getline', token)) throw new NotSimulated('getline');
      left = { k: 'concat', left, right: this.additive() };
    }
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.index++;
      left = { k: 'bin', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { v: string }).v;
      this.index++;
      left = { k: 'bin', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const op = (this.peek() as { v: string }).v;
      this.index++;
      return { k: 'unary', op, operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.isOp('^')) {
      this.index++;
      // Right-associative, and binds tighter than a unary minus on its right operand's left.
      const exponent =
        this.isOp('-') || this.isOp('+') || this.isOp('!') ? this.unary() : this.power();
      return { k: 'bin', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.index++;
      return { k: 'incr', op, prefix: true, target: this.lvalue(this.primary()) };
    }
    const operand = this.primary();
    if (
      (this.isOp('++') || this.isOp('--')) &&
      (operand.k === 'var' || operand.k === 'field' || operand.k === 'elem')
    ) {
      const op = (this.peek() as { v: string }).v;
      this.index++;
      return { k: 'incr', op, prefix: false, target: this.lvalue(operand) };
    }
    return operand;
  }

  private lvalue(expression: Expr): LValue {
    if (expression.k === 'var' || expression.k === 'field') return expression;
    if (expression.k === 'elem') throw new NotSimulated('arrays');
    throw new NotSimulated('an increment of a value');
  }

  private primary(): Expr {
    const token = this.peek();
    this.index++;
    switch (token.k) {
      case 'num':
        return { k: 'num', v: token.v };
      case 'str':
        return { k: 'str', v: token.v };
      case 'ere':
        return { k: 're', re: compileRegex(token.v) };
      case 'funcname':
        throw new NotSimulated('user functions');
      case 'name': {
        if (UNSIMULATED_VARIABLES.has(token.v)) throw new NotSimulated(token.v);
        if (this.isOp('[')) {
          this.index++;
          const index = this.withoutPrint(() => this.expressionList(']'));
          this.expectOp(']');
          if (index.length !== 1) throw new NotSimulated('arrays (a, b)');
          this.arrays.add(token.v);
          return { k: 'elem', name: token.v, index: index[0] };
        }
        this.scalars.add(token.v);
        return { k: 'var', name: token.v };
      }
      case 'builtin':
        return this.call(token.v);
      case 'op':
        if (token.v === '$') {
          // `$` binds tighter than anything but grouping: `$NF-1` is ($NF)-1; `$i++` is ($i)++.
          if (this.isOp('++') || this.isOp('--')) {
            const op = (this.peek() as { v: string }).v;
            this.index++;
            return {
              k: 'field',
              index: { k: 'incr', op, prefix: true, target: this.lvalue(this.primary()) },
            };
          }
          if (this.isOp('-') || this.isOp('+') || this.isOp('!')) {
            const op = (this.peek() as { v: string }).v;
            this.index++;
            return { k: 'field', index: { k: 'unary', op, operand: this.primary() } };
          }
          return { k: 'field', index: this.primary() };
        }
        if (token.v === '(') {
          const list = this.withoutPrint(() => this.expressionList(')'));
          this.expectOp(')');
          if (list.length !== 1) throw new NotSimulated('arrays (a, b) in');
          return { k: 'group', inner: list[0] };
        }
        if (token.v === '-' || token.v === '+' || token.v === '!') {
          return { k: 'unary', op: token.v, operand: this.unary() };
        }
        break;
      case 'kw':
        throw new NotSimulated(token.v);
    }
    throw new NotSimulated('a syntax error');
  }

  private call(name: string): Expr {
    if (!SIMULATED_BUILTINS.has(name)) throw new NotSimulated(`function ${name}`);
    if (!this.isOp('(')) {
      if (name === 'length') return { k: 'call', name, args: [] };
      throw new NotSimulated('a syntax error');
    }
    this.index++;
    const args = this.withoutPrint(() => this.expressionList(')'));
    this.expectOp(')');
    const arity: Record<string, [number, number]> = {
      length: [0, 1],
      substr: [2, 3],
      index: [2, 2],
      split: [2, 3],
      tolower: [1, 1],
      toupper: [1, 1],
      sub: [2, 3],
      gsub: [2, 3],
      match: [2, 2],
      sprintf: [1, Infinity],
      int: [1, 1],
    };
    const [least, most] = arity[name];
    if (args.length < least || args.length > most)
      throw new NotSimulated(`${name} with ${args.length} arguments`);
    if (name === 'split') {
      const target = args[1];
      if (target.k !== 'var') throw new NotSimulated('split into a non-name');
      this.scalars.delete(target.name);
      this.arrays.add(target.name);
    }
    if ((name === 'sub' || name === 'gsub') && args[2] !== undefined) {
      const target = args[2].k === 'group' ? args[2].inner : args[2];
      if (target.k !== 'var' && target.k !== 'field') throw new NotSimulated(`${name} on a value`);
      args[2] = target;
    }
    if (name === 'length' && args[0]?.k === 'var' && this.arrays.has(args[0].name))
      throw new NotSimulated('length of an array');
    return { k: 'call', name, args };
  }
}

// Running it

/** `next`, `exit`, `break` and `continue` unwinding to where they stop. */
class Jump {
  constructor(readonly kind: 'next' | 'exit' | 'break' | 'continue') {}
}
/** The statement bound was reached. */
class Bounded extends Error {}

interface Options {
  assignments: [string, string][];
  fs: string | undefined;
  source: string;
  operands: string[];
}

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
  try {
    compile(argv);
    return undefined;
  } catch (error) {
    if (error instanceof NotSimulated) return error.message;
    throw error;
  }
}

export function awk(shell: ShellContext, argv: string[], io: CommandIO): number {
  const notSimulated = (why: string) => {
    shell.files.view.warn(`awk ${argv.slice(1).join(' ')}: not simulated (${why})`);
    shell.files.unsimulatedCommandRan('awk');
    if (io.out !== null) io.out.unknown = true;
    return 0;
  };
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

class Machine {
  output = '';
  private readonly vars = new Map<string, Value>();
  private readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private nf = 0;
  private steps = 0;
  private exitStatus = 0;
  private readonly files = new Map<string, { text: string; append: boolean }>();
  private readonly regexCache = new Map<string, RE2JS>();

  constructor(
    private readonly shell: ShellContext,
    private readonly io: CommandIO,
    private readonly program: Program,
  ) {
    for (const [name, value] of [
      ['FS', ' '],
      ['OFS', ' '],
      ['ORS', '\n'],
      ['OFMT', '%.6g'],
      ['CONVFMT', '%.6g'],
      ['SUBSEP', '\x1c'],
      ['FILENAME', ''],
    ])
      this.vars.set(name, str(value));
    this.vars.set('NR', num(0));
    this.vars.set('FNR', num(0));
    this.vars.set('RSTART', num(0));
    this.vars.set('RLENGTH', num(-1));
  }

  run(options: Options): number {
    if (options.fs !== undefined) this.vars.set('FS', str(decodeEscapes(options.fs)));
    for (const [name, value] of options.assignments) this.assign(name, decodeEscapes(value));
    let exited = false;
    this.steps = 0;
    try {
      for (const statement of this.program.begin) this.execute(statement);
    } catch (error) {
      if (!(error instanceof Jump && error.kind === 'exit')) throw error;
      exited = true;
    }
    if (!exited && (this.program.rules.length > 0 || this.program.end.length > 0))
      exited = this.readInput(options.operands);
    this.steps = 0;
    try {
      for (const statement of this.program.end) this.execute(statement);
    } catch (error) {
      if (!(error instanceof Jump && error.kind === 'exit')) throw error;
    }
    return this.exitStatus;
  }

  /** Runs the rules over every record; true when `exit` stopped it. */
  private readInput(operands: string[]): boolean {
    const inputs: string[] = [];
    for (const operand of operands) {
      if (/^[A-Za-z_]\w*=/.test(operand)) inputs.push(operand);
      else inputs.push(`\0${operand}`);
    }
    if (!inputs.some((input) => input.startsWith('\0'))) inputs.push('\0-');
    for (const input of inputs) {
      if (!input.startsWith('\0')) {
        const equals = input.indexOf('=');
        this.assign(input.slice(0, equals), decodeEscapes(input.slice(equals + 1)));
        continue;
      }
      const name = input.slice(1);
      const text =
        name === '-' || name === '/dev/stdin' ? this.io.stdin : this.shell.readFile(name);
      if (text === undefined) throw new AwkError(`cannot open ${name}`);
      this.vars.set('FILENAME', str(name));
      this.vars.set('FNR', num(0));
      const records = text === '' ? [] : text.split('\n');
      if (text.endsWith('\n')) records.pop();
      for (const record of records) {
        this.vars.set('NR', num(this.toNumber(this.vars.get('NR') as Value) + 1));
        this.vars.set('FNR', num(this.toNumber(this.vars.get('FNR') as Value) + 1));
        this.setRecord(record);
        this.steps = 0;
        try {
          for (const rule of this.program.rules) {
            if (!this.selected(rule)) continue;
            if (rule.action) this.execute(rule.action);
            else this.write(this.fields[0] + this.string(this.vars.get('ORS') as Value), undefined);
          }
        } catch (error) {
          if (!(error instanceof Jump)) throw error;
          if (error.kind === 'exit') return true;
        }
      }
    }
    return false;
  }

  private selected(rule: Rule): boolean {
    if (rule.pattern === undefined) return true;
    if (rule.end === undefined) return this.truth(this.evaluate(rule.pattern));
    if (!rule.inRange) {
      if (!this.truth(this.evaluate(rule.pattern))) return false;
      rule.inRange = !this.truth(this.evaluate(rule.end));
      return true;
    }
    if (this.truth(this.evaluate(rule.end))) rule.inRange = false;
    return true;
  }

  private tick(): void {
    if (++this.steps > AWK_STATEMENT_LIMIT) throw new Bounded();
  }

  private execute(statement: Statement): void {
    this.tick();
    switch (statement.k) {
      case 'block':
        for (const inner of statement.body) this.execute(inner);
        return;
      case 'expr':
        this.evaluate(statement.e);
        return;
      case 'print': {
        const ofs = this.string(this.vars.get('OFS') as Value);
        const parts =
          statement.args.length === 0
            ? [this.fields[0]]
            : statement.args.map((arg) => this.outputString(this.evaluate(arg)));
        this.write(parts.join(ofs) + this.string(this.vars.get('ORS') as Value), statement.dest);
        return;
      }
      case 'printf': {
        const [format, ...rest] = statement.args.map((arg) => this.evaluate(arg));
        this.write(this.sprintf(this.string(format), rest), statement.dest);
        return;
      }
      case 'if':
        if (this.truth(this.evaluate(statement.test))) this.execute(statement.yes);
        else if (statement.no) this.execute(statement.no);
        return;
      case 'while':
        while (this.truth(this.evaluate(statement.test))) {
          if (this.loopBody(statement.body)) break;
          this.tick();
        }
        return;
      case 'do':
        do {
          if (this.loopBody(statement.body)) break;
          this.tick();
        } while (this.truth(this.evaluate(statement.test)));
        return;
      case 'for':
        if (statement.init) this.evaluate(statement.init);
        while (statement.test === undefined || this.truth(this.evaluate(statement.test))) {
          if (this.loopBody(statement.body)) break;
          if (statement.step) this.evaluate(statement.step);
          this.tick();
        }
        return;
      case 'next':
      case 'break':
      case 'continue':
        throw new Jump(statement.k);
      case 'exit':
        if (statement.e)
          this.exitStatus = Math.trunc(this.toNumber(this.evaluate(statement.e))) & 255;
        throw new Jump('exit');
    }
  }

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Statement): boolean {
    try {
      this.execute(body);
    } catch (error) {
      if (error instanceof Jump && error.kind === 'break') return true;
      if (error instanceof Jump && error.kind === 'continue') return false;
      throw error;
    }
    return false;
  }

  private write(text: string, dest: Destination | undefined): void {
    if (dest === undefined) {
      this.output += text;
      return;
    }
    const name = this.string(this.evaluate(dest.file));
    if (name === '/dev/stdout' || name === '-') this.output += text;
    else if (name === '/dev/stderr') return;
    else {
      const file = this.files.get(name);
      if (file) file.text += text;
      else this.files.set(name, { text, append: dest.append });
    }
    if (this.output.length > MAX_STRING) throw new NotSimulated('output too long');
  }

  flushFiles(): void {
    for (const [name, file] of this.files) this.shell.writeFile(name, file.text, file.append);
  }

  // Values

  private toNumber(value: Value): number {
    if (value.t === 'n') return value.n;
    if (value.t === 'u') return 0;
    return stringToNumber(value.s);
  }

  private numberText(n: number, format: string): string {
    if (Number.isInteger(n) && n >= -MAX_INT && n <= MAX_INT) return String(n);
    if (Number.isNaN(n)) return 'nan';
    if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
    return this.sprintf(format, [num(n)]);
  }

  private string(value: Value): string {
    if (value.t === 'n')
      return this.numberText(value.n, this.string(this.vars.get('CONVFMT') as Value));
    if (value.t === 'u') return '';
    return value.s;
  }

  private outputString(value: Value): string {
    if (value.t === 'n')
      return this.numberText(value.n, this.string(this.vars.get('OFMT') as Value));
    return this.string(value);
  }

  private truth(value: Value): boolean {
    if (value.t === 'n') return value.n !== 0;
    if (value.t === 'u') return false;
    if (value.t === 'sn' && LOOKS_NUMERIC.test(value.s)) return stringToNumber(value.s) !== 0;
    return value.s !== '';
  }

  private compare(left: Value, right: Value): number {
    if (isNumeric(left) && isNumeric(right)) {
      const a = this.toNumber(left);
      const b = this.toNumber(right);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    const a = this.string(left);
    const b = this.string(right);
    // Byte order, as strcmp in the C locale.
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return Buffer.compare(x, y);
  }

  // Records and fields

  private setRecord(text: string): void {
    this.fields = [text, ...this.split(text, this.vars.get('FS') as Value)];
    this.nf = this.fields.length - 1;
  }

  private rebuildRecord(): void {
    this.fields[0] = this.fields
      .slice(1, this.nf + 1)
      .join(this.string(this.vars.get('OFS') as Value));
  }

  private split(text: string, separator: Value | RE2JS): string[] {
    if (typeof separator === 'object' && 'matcher' in separator)
      return this.splitRegex(text, separator);
    const fs = this.string(separator);
    if (fs === ' ') {
      const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return trimmed === '' ? [] : trimmed.split(/[ \t\n]+/);
    }
    if (text === '') return [];
    if (fs === '') return [...text];
    if (fs.length === 1 && fs !== '\\') return text.split(fs);
    return this.splitRegex(text, this.regex(fs));
  }

  private splitRegex(text: string, regex: RE2JS): string[] {
    if (text === '') return [];
    const parts: string[] = [];
    const matcher = regex.matcher(text);
    let from = 0;
    let position = 0;
    while (position <= text.length && matcher.find(position)) {
      const start = matcher.start();
      const end = matcher.end();
      if (end === start) {
        position = start + 1;
        continue;
      }
      parts.push(text.slice(from, start));
      from = end;
      position = end;
    }
    parts.push(text.slice(from));
    return parts;
  }

  private fieldIndex(expression: Expr): number {
    const index = Math.trunc(this.toNumber(this.evaluate(expression)));
    if (index < 0) throw new AwkError(`negative field index $${index}`);
    if (index > 100_000) throw new NotSimulated('a field index beyond 100000');
    return index;
  }

  private getField(index: number): Value {
    if (index === 0) return strnum(this.fields[0]);
    // A field past NF is an empty string, not uninitialised: `$9 == 0` is false (mawk).
    return strnum(index <= this.nf ? this.fields[index] : '');
  }

  private setField(index: number, text: string): void {
    if (index === 0) {
      this.setRecord(text);
      return;
    }
    while (this.nf < index) this.fields[++this.nf] = '';
    this.fields[index] = text;
    this.rebuildRecord();
  }

  // Variables

  private assign(name: string, text: string): void {
    this.setVariable(name, strnum(text));
  }

  private getVariable(name: string): Value {
    if (name === 'NF') return num(this.nf);
    return this.vars.get(name) ?? UNINIT;
  }

  private setVariable(name: string, value: Value): void {
    if (this.string(value).length > MAX_STRING) throw new NotSimulated('a string too long');
    if (name === 'NF') {
      const count = Math.trunc(this.toNumber(value));
      if (count < 0) throw new AwkError('NF set to a negative value');
      if (count > 100_000) throw new NotSimulated('NF beyond 100000');
      while (this.nf < count) this.fields[++this.nf] = '';
      this.nf = count;
      this.fields.length = count + 1;
      this.rebuildRecord();
      return;
    }
    this.vars.set(name, value);
  }

  private load(target: LValue): Value {
    if (target.k === 'var') return this.getVariable(target.name);
    if (target.k === 'field') return this.getField(this.fieldIndex(target.index));
    return this.arrays.get(target.name)?.get(this.string(this.evaluate(target.index))) ?? UNINIT;
  }

  /** Stores into a variable or field; a field's index is evaluated once, by the caller. */
  private store(target: LValue, fieldIndex: number | undefined, value: Value): void {
    if (target.k === 'var') this.setVariable(target.name, value);
    else if (target.k === 'field') {
      const text = this.string(value);
      if (text.length > MAX_STRING) throw new NotSimulated('a string too long');
      this.setField(fieldIndex as number, text);
    } else throw new NotSimulated('arrays');
  }

  // Expressions

  private regex(source: string): RE2JS {
    let compiled = this.regexCache.get(source);
    if (compiled === undefined) {
      compiled = compileRegex(source);
      this.regexCache.set(source, compiled);
    }
    return compiled;
  }

  private regexOf(expression: Expr): RE2JS {
    if (expression.k === 're') return expression.re;
    return this.regex(this.string(this.evaluate(expression)));
  }

  private matches(regex: RE2JS, text: string): boolean {
    return regex.matcher(text).find();
  }

  private arithmetic(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new AwkError('division by zero');
        return a / b;
      case '%':
        if (b === 0) throw new AwkError('division by zero in %');
        return a % b;
      default:
        return a ** b;
    }
  }

  private evaluate(expression: Expr): Value {
    switch (expression.k) {
      case 'num':
        return num(expression.v);
      case 'str':
        return str(expression.v);
      case 're':
        return num(this.matches(expression.re, this.fields[0]) ? 1 : 0);
      case 'group':
        return this.evaluate(expression.inner);
      case 'var':
      case 'field':
      case 'elem':
        return this.load(expression);
      case 'assign': {
        const fieldIndex =
          expression.target.k === 'field' ? this.fieldIndex(expression.target.index) : undefined;
        let value = this.evaluate(expression.value);
        if (expression.op !== '=') {
          const current =
            fieldIndex !== undefined ? this.getField(fieldIndex) : this.load(expression.target);
          value = num(
            this.arithmetic(expression.op[0], this.toNumber(current), this.toNumber(value)),
          );
        } else if (value.t === 'u') value = UNINIT;
        this.store(expression.target, fieldIndex, value);
        return value;
      }
      case 'cond':
        return this.truth(this.evaluate(expression.test))
          ? this.evaluate(expression.yes)
          : this.evaluate(expression.no);
      case 'and':
        return num(
          this.truth(this.evaluate(expression.left)) && this.truth(this.evaluate(expression.right))
            ? 1
            : 0,
        );
      case 'or':
        return num(
          this.truth(this.evaluate(expression.left)) || this.truth(this.evaluate(expression.right))
            ? 1
            : 0,
        );
      case 'match': {
        const text = this.string(this.evaluate(expression.left));
        const hit = this.matches(this.regexOf(expression.right), text);
        return num(hit !== expression.negate ? 1 : 0);
      }
      case 'cmp': {
        const order = this.compare(this.evaluate(expression.left), this.evaluate(expression.right));
        const result =
          expression.op === '<'
            ? order < 0
            : expression.op === '<='
              ? order <= 0
              : expression.op === '>'
                ? order > 0
                : expression.op === '>='
                  ? order >= 0
                  : expression.op === '=='
                    ? order === 0
                    : order !== 0;
        return num(result ? 1 : 0);
      }
      case 'concat': {
        const text =
          this.string(this.evaluate(expression.left)) +
          this.string(this.evaluate(expression.right));
        if (text.length > MAX_STRING) throw new NotSimulated('a string too long');
        return str(text);
      }
      case 'bin':
        return num(
          this.arithmetic(
            expression.op,
            this.toNumber(this.evaluate(expression.left)),
            this.toNumber(this.evaluate(expression.right)),
          ),
        );
      case 'unary': {
        const operand = this.evaluate(expression.operand);
        if (expression.op === '!') return num(this.truth(operand) ? 0 : 1);
        const n = this.toNumber(operand);
        return num(expression.op === '-' ? -n : n);
      }
      case 'incr': {
        const fieldIndex =
          expression.target.k === 'field' ? this.fieldIndex(expression.target.index) : undefined;
        const current = this.toNumber(
          fieldIndex !== undefined ? this.getField(fieldIndex) : this.load(expression.target),
        );
        const next = expression.op === '++' ? current + 1 : current - 1;
        this.store(expression.target, fieldIndex, num(next));
        return num(expression.prefix ? next : current);
      }
      case 'call':
        return this.call(expression.name, expression.args);
    }
  }

  private call(name: string, args: Expr[]): Value {
    const text = (index: number) => this.string(this.evaluate(args[index]));
    switch (name) {
      case 'length':
        return num(args.length === 0 ? this.fields[0].length : text(0).length);
      case 'substr': {
        // mawk 1.3.4: truncated positions; a start before 1 keeps the length from 1.
        const source = text(0);
        const start = this.toInt(this.toNumber(this.evaluate(args[1])));
        let count =
          args.length === 3 ? this.toInt(this.toNumber(this.evaluate(args[2]))) : source.length;
        if (source === '') return str('');
        let from = start - 1;
        if (from > source.length) count = 0;
        if (from < 0) {
          count -= from + 1;
          from = 0;
        }
        if (count > source.length - from) count = source.length - from;
        return str(count <= 0 ? '' : source.slice(from, from + count));
      }
      case 'index': {
        const haystack = text(0);
        return num(haystack.indexOf(text(1)) + 1);
      }
      case 'split': {
        const source = text(0);
        const separator =
          args.length === 3
            ? args[2].k === 're'
              ? args[2].re
              : this.evaluate(args[2])
            : (this.vars.get('FS') as Value);
        const parts = this.split(source, separator);
        const target = new Map<string, Value>();
        parts.forEach((part, index) => target.set(String(index + 1), strnum(part)));
        this.arrays.set((args[1] as { name: string }).name, target);
        return num(parts.length);
      }
      case 'tolower':
        return str(text(0).replace(/[A-Z]+/g, (upper) => upper.toLowerCase()));
      case 'toupper':
        return str(text(0).replace(/[a-z]+/g, (lower) => lower.toUpperCase()));
      case 'sub':
      case 'gsub':
        return num(this.substitute(args, name === 'gsub'));
      case 'match': {
        const source = text(0);
        const matcher = this.regexOf(args[1]).matcher(source);
        const found = matcher.find();
        const start = found ? matcher.start() + 1 : 0;
        this.vars.set('RSTART', num(start));
        this.vars.set('RLENGTH', num(found ? matcher.end() - matcher.start() : -1));
        return num(start);
      }
      case 'sprintf': {
        const [format, ...rest] = args.map((arg) => this.evaluate(arg));
        return str(this.sprintf(this.string(format), rest));
      }
      default: {
        // int
        return num(Math.trunc(this.toNumber(this.evaluate(args[0]))));
      }
    }
  }

  /** mawk's conversion of a double to an int: truncated, saturating at 32 bits. */
  private toInt(n: number): number {
    if (Number.isNaN(n)) return 0;
    if (n >= MAX_INT) return MAX_INT;
    if (n <= -MAX_INT) return -MAX_INT;
    return Math.trunc(n);
  }

  private substitute(args: Expr[], global: boolean): number {
    const regex = this.regexOf(args[0]);
    const replacement = this.string(this.evaluate(args[1]));
    const target: LValue = (args[2] as LValue | undefined) ?? {
      k: 'field',
      index: { k: 'num', v: 0 },
    };
    const fieldIndex = target.k === 'field' ? this.fieldIndex(target.index) : undefined;
    const line = this.string(
      fieldIndex !== undefined ? this.getField(fieldIndex) : this.load(target),
    );
    const matcher = regex.matcher(line);
    let result = '';
    let from = 0;
    let count = 0;
    let position = 0;
    let lastEnd = -1;
    while (position <= line.length && matcher.find(position)) {
      const start = matcher.start();
      const end = matcher.end();
      position = end === start ? end + 1 : end;
      if (end === start && start === lastEnd) continue;
      if (end > start) lastEnd = end;
      count++;
      result +=
        line.slice(from, start) + this.expandReplacement(replacement, line.slice(start, end));
      if (result.length > MAX_STRING) throw new NotSimulated('a string too long');
      from = end;
      if (!global) break;
    }
    if (count > 0) this.store(target, fieldIndex, str(result + line.slice(from)));
    return count;
  }

  /** `&` the match, `\&` a literal `&`, `\\` a backslash; any other `\c` stays. */
  private expandReplacement(replacement: string, match: string): string {
    let out = '';
    for (let index = 0; index < replacement.length; index++) {
      const char = replacement[index];
      if (char === '&') out += match;
      else if (
        char === '\\' &&
        (replacement[index + 1] === '&' || replacement[index + 1] === '\\')
      ) {
        out += replacement[++index];
      } else out += char;
    }
    return out;
  }

  /** awk's printf: each conversion takes the next value; too few values is an error. */
  private sprintf(format: string, args: Value[]): string {
    let argIndex = 0;
    const next = (): Value => {
      if (argIndex >= args.length) throw new AwkError('not enough arguments passed to printf');
      return args[argIndex++];
    };
    let out = '';
    let index = 0;
    while (index < format.length) {
      const percent = format.indexOf('%', index);
      if (percent < 0) {
        out += format.slice(index);
        break;
      }
      out += format.slice(index, percent);
      const match = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([cdieEfFgGosuxX%])/.exec(
        format.slice(percent),
      );
      if (!match) throw new NotSimulated(`printf format ${format.slice(percent, percent + 4)}`);
      index = percent + match[0].length;
      let [, flags] = match;
      const [, , widthText, precisionText, conversion] = match;
      if (conversion === '%') {
        out += '%';
        continue;
      }
      let width = widthText === '*' ? this.toInt(this.toNumber(next())) : Number(widthText ?? 0);
      if (width < 0) {
        flags += '-';
        width = -width;
      }
      let precision: number | undefined =
        precisionText === undefined
          ? undefined
          : precisionText === '*'
            ? this.toInt(this.toNumber(next()))
            : Number(precisionText || 0);
      if (precision !== undefined && precision < 0) precision = undefined;
      if (width > 100_000 || (precision ?? 0) > 100_000) throw new NotSimulated('a printf width');
      const value = next();
      let text: string;
      let numeric = true;
      switch (conversion) {
        case 's': {
          numeric = false;
          const whole = this.outputStringForFormat(value);
          text = precision === undefined ? whole : whole.slice(0, precision);
          break;
        }
        case 'c': {
          numeric = false;
          text =
            value.t === 'n'
              ? String.fromCharCode(this.toInt(value.n) & 255)
              : this.string(value).slice(0, 1);
          break;
        }
        case 'd':
        case 'i': {
          const n = this.toInt(this.toNumber(value));
          let digits = String(Math.abs(n));
          if (precision !== undefined)
            digits = precision === 0 && n === 0 ? '' : digits.padStart(precision, '0');
          text =
            (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + digits;
          if (precision !== undefined) flags = flags.replace(/0/g, '');
          break;
        }
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
          const raw = this.toNumber(value);
          const n =
            Number.isNaN(raw) || raw <= 0 ? 0 : raw >= 4294967295 ? 4294967295 : Math.trunc(raw);
          let digits = conversion === 'u' ? String(n) : n.toString(conversion === 'o' ? 8 : 16);
          if (conversion === 'X') digits = digits.toUpperCase();
          if (precision !== undefined)
            digits = precision === 0 && n === 0 ? '' : digits.padStart(precision, '0');
          if (flags.includes('#') && n !== 0) {
            if (conversion === 'o' && !digits.startsWith('0')) digits = '0' + digits;
            if (conversion === 'x') digits = '0x' + digits;
            if (conversion === 'X') digits = '0X' + digits;
          }
          text = digits;
          if (precision !== undefined) flags = flags.replace(/0/g, '');
          break;
        }
        default:
          text = formatFloat(this.toNumber(value), conversion, precision ?? 6, flags);
      }
      out += padField(text, width, flags, numeric);
      if (out.length > MAX_STRING) throw new NotSimulated('a string too long');
    }
    return out;
  }

  /** %s of a number: an integer as such, otherwise CONVFMT (mawk). */
  private outputStringForFormat(value: Value): string {
    return this.string(value);
  }
}
