// The awk subset's parser: tokens to a Program, refusing what the subset does not run.
import { NotSimulated } from './awk-values.js';
import { SIMULATED_BUILTINS, type Token, UNSIMULATED_VARIABLES } from './awk-lex.js';
import {
  type Destination,
  type Expr,
  type LValue,
  type Program,
  type Rule,
  type Statement,
  compileRegex,
} from './awk-program.js';

export class Parser {
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
