// Running an awk Program over its input: records and fields, rules, statements under the
// statement bound, expressions with awk's number and string rules, the builtin functions.
import type { RE2JS } from 're2js';
import { awkSprintf, toInt } from './awk-printf.js';
import { substituteMatches } from './substitution.js';
import type { CommandIO, ShellContext } from './context.js';
import {
  AWK_STATEMENT_LIMIT,
  AwkError,
  LOOKS_NUMERIC,
  MAX_INT,
  MAX_STRING,
  NotSimulated,
  UNINIT,
  type Value,
  isNumeric,
  num,
  str,
  stringToNumber,
  strnum,
} from './awk-values.js';
import { decodeEscapes } from './awk-lex.js';
import {
  type Destination,
  type Expr,
  type LValue,
  type Options,
  type Program,
  type Rule,
  type Statement,
  compileRegex,
} from './awk-program.js';

// Running it

/** `next`, `exit`, `break` and `continue` unwinding to where they stop. */
export class Jump {
  constructor(readonly kind: 'next' | 'exit' | 'break' | 'continue') {}
}
/** The statement bound was reached. */
export class Bounded extends Error {}

export class Machine {
  output = '';
  private readonly vars = new Map<string, Value>();
  private readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private nf = 0;
  private steps = 0;
  private exitStatus = 0;
  private readonly files = new Map<string, { text: string; append: boolean }>();
  private readonly regexCache = new Map<string, RE2JS>();
  /** How printf reads values: awk's number and string conversions of this program. */
  private readonly converter = {
    toNumber: (value: Value) => this.toNumber(value),
    string: (value: Value) => this.string(value),
  };

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
        this.write(awkSprintf(this.string(format), rest, this.converter), statement.dest);
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
    return awkSprintf(format, [num(n)], this.converter);
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
        const start = toInt(this.toNumber(this.evaluate(args[1])));
        let count =
          args.length === 3 ? toInt(this.toNumber(this.evaluate(args[2]))) : source.length;
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
        return str(awkSprintf(this.string(format), rest, this.converter));
      }
      default: {
        // int
        return num(Math.trunc(this.toNumber(this.evaluate(args[0]))));
      }
    }
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
    const { text, replaced } = substituteMatches(
      regex,
      line,
      { nth: 1, global, limitChars: MAX_STRING, onTooLong: tooLong },
      (_matcher, start, end) => this.expandReplacement(replacement, line.slice(start, end)),
    );
    if (replaced > 0) this.store(target, fieldIndex, str(text));
    return replaced;
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
}

function tooLong(): never {
  throw new NotSimulated('a string too long');
}
