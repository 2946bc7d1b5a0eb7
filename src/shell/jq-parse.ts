// A jq program of the subset parsed into a tree, by recursive descent in jq's order of
// precedence (loosest first): `|`, `,`, `//`, `or`, `and`, comparisons, `+ -`, `* / %`,
// unary minus, then postfix terms (`.a`, `[e]`, `[a:b]`, `[]`, `?`) with `TERM as $x | BODY`.
// Anything else of jq (assignments, `reduce`, `def`, `try`, `..`, formats, functions not in
// BUILTIN_ARITIES, unbound variables) is refused as not simulated, and so is a program that
// does not parse: a syntax error would be jq's exit 3, told apart here from the unknown.
import { type Node, treeDepth } from './jq-ast.js';
import { KEYWORDS, type Token } from './jq-lex.js';
import { BUILTIN_ARITIES } from './jq-builtins.js';
import { NotSimulated } from './jq-values.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ASSIGNMENTS = new Set(['=', '|=', '+=', '-=', '*=', '/=', '%=', '//=']);
const UNSIMULATED_KEYWORDS = new Set([
  'def',
  'reduce',
  'foreach',
  'try',
  'catch',
  'label',
  'import',
  'include',
]);
/** How deep parentheses, brackets and terms may nest before the program is refused. */
const MAX_NESTING = 100;
/** How deep the program's tree may be. */
const MAX_TREE_DEPTH = 200;

export function parseJq(tokens: Token[], variables: readonly string[]): Node {
  const parser = new Parser(tokens, new Set(variables));
  const node = parser.pipe();
  parser.expectEnd();
  // Each output passes every level above it: a deep tree (a long chain of `+` or `and`,
  // which the parser reads in a loop) would make each step slow.
  if (treeDepth(node) > MAX_TREE_DEPTH)
    throw new NotSimulated(`a program nested deeper than ${MAX_TREE_DEPTH}`);
  return node;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private scope: Set<string>,
  ) {}

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.value === value;
  }

  private isName(value: string): boolean {
    const token = this.peek();
    return token.kind === 'name' && token.value === value;
  }

  private accept(value: string): boolean {
    if (!this.isPunct(value) && !this.isName(value)) return false;
    this.index++;
    return true;
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw new NotSimulated(`a program that does not parse`);
  }

  expectEnd(): void {
    if (this.peek().kind !== 'end') this.refuseHere();
  }

  /** Names what stopped the parse when it is jq outside the subset, else a parse failure. */
  private refuseHere(): never {
    const token = this.peek();
    if (token.kind === 'punct' && ASSIGNMENTS.has(token.value))
      throw new NotSimulated(`the assignment ${token.value}`);
    if (token.kind === 'punct' && ['..', '@', '?//', '::'].includes(token.value))
      throw new NotSimulated(token.value);
    if (token.kind === 'name' && UNSIMULATED_KEYWORDS.has(token.value))
      throw new NotSimulated(token.value);
    throw new NotSimulated('a program that does not parse');
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING)
      throw new NotSimulated(`a program nested deeper than ${MAX_NESTING}`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  pipe(): Node {
    const left = this.comma();
    if (!this.accept('|')) return left;
    return { kind: 'pipe', left, right: this.nested(() => this.pipe()) };
  }

  private comma(): Node {
    const items = [this.alternative()];
    while (this.accept(',')) items.push(this.alternative());
    return items.length === 1 ? items[0] : { kind: 'comma', items };
  }

  private alternative(): Node {
    const left = this.or();
    if (!this.accept('//')) return left;
    return { kind: 'alternative', left, right: this.nested(() => this.alternative()) };
  }

  private or(): Node {
    let left = this.and();
    while (this.accept('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.comparison();
    while (this.accept('and')) left = { kind: 'and', left, right: this.comparison() };
    return left;
  }

  private comparison(): Node {
    const left = this.additive();
    const token = this.peek();
    if (token.kind !== 'punct' || !COMPARISONS.has(token.value)) return left;
    this.index++;
    return { kind: 'binary', op: token.value, left, right: this.additive() };
  }

  private additive(): Node {
    let left = this.multiplicative();
    for (;;) {
      const op = ['+', '-'].find((candidate) => this.isPunct(candidate));
      if (op === undefined) return left;
      this.index++;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
  }

  private multiplicative(): Node {
    let left = this.unary();
    for (;;) {
      const op = ['*', '/', '%'].find((candidate) => this.isPunct(candidate));
      if (op === undefined) return left;
      this.index++;
      const right = this.unary();
      // jq 1.6 folds two number literals as it compiles: a division by zero is exit 3 then.
      if (op !== '*' && left.kind === 'literal' && right.kind === 'literal' && right.value === 0)
        throw new NotSimulated('a division by zero in the program');
      left = { kind: 'binary', op, left, right };
    }
  }

  private unary(): Node {
    if (this.accept('-')) return this.nested(() => ({ kind: 'negate', operand: this.unary() }));
    return this.nested(() => this.postfix());
  }

  /** A term with its suffixes, and `TERM as $name | BODY`. */
  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'field') {
        this.index++;
        node = { kind: 'index', target: node, key: { kind: 'literal', value: token.value } };
      } else if (this.isPunct('.') && this.tokens[this.index + 1]?.kind === 'string') {
        this.index++;
        node = { kind: 'index', target: node, key: this.primary() };
      } else if (this.isPunct('[') || (this.isPunct('.') && this.nextIs('['))) {
        if (this.isPunct('.')) this.index++;
        node = this.bracket(node);
      } else if (this.accept('?')) node = { kind: 'try', body: node };
      else break;
    }
    if (!this.accept('as')) return node;
    const variable = this.peek();
    if (variable.kind !== 'variable') throw new NotSimulated('destructuring with as');
    this.index++;
    this.expect('|');
    const outer = this.scope;
    this.scope = new Set([...outer, variable.value]);
    try {
      return { kind: 'bind', source: node, name: variable.value, body: this.pipe() };
    } finally {
      this.scope = outer;
    }
  }

  private nextIs(value: string): boolean {
    const token = this.tokens[this.index + 1];
    return token?.kind === 'punct' && token.value === value;
  }

  /** `[]`, `[e]`, `[e:]`, `[:e]`, `[e:e]` after a term, the `[` next. */
  private bracket(target: Node): Node {
    this.index++;
    if (this.accept(']')) return { kind: 'iterate', target };
    const from = this.isPunct(':') ? undefined : this.pipe();
    if (this.accept(':')) {
      const to = this.isPunct(']') ? undefined : this.pipe();
      this.expect(']');
      if (from === undefined && to === undefined) this.refuseHere();
      return { kind: 'slice', target, from, to };
    }
    this.expect(']');
    return { kind: 'index', target, key: from as Node };
  }

  private primary(): Node {
    const token = this.peek();
    switch (token.kind) {
      case 'field':
        this.index++;
        return {
          kind: 'index',
          target: { kind: 'identity' },
          key: { kind: 'literal', value: token.value },
        };
      case 'number':
        this.index++;
        return { kind: 'literal', value: token.value };
      case 'string':
        this.index++;
        return this.string(token.parts);
      case 'variable':
        this.index++;
        if (!this.scope.has(token.value)) throw new NotSimulated(`$${token.value}`);
        return { kind: 'variable', name: token.value };
      case 'name':
        return this.named(token.value);
      case 'punct':
        return this.punctuation(token.value);
      case 'end':
        return this.refuseHere();
    }
  }

  private string(parts: (string | Token[])[]): Node {
    const nodes = parts.map((part) => {
      if (typeof part === 'string') return part;
      const parser = new Parser([...part, { kind: 'end' }], this.scope);
      parser.depth = this.depth;
      const node = parser.pipe();
      parser.expectEnd();
      return node;
    });
    if (nodes.length === 1) return { kind: 'literal', value: nodes[0] as string };
    return { kind: 'string', parts: nodes };
  }

  private punctuation(value: string): Node {
    if (value === '.') {
      this.index++;
      const next = this.peek();
      if (next.kind !== 'string') return { kind: 'identity' };
      this.index++;
      return { kind: 'index', target: { kind: 'identity' }, key: this.string(next.parts) };
    }
    if (value === '(') {
      this.index++;
      const body = this.pipe();
      this.expect(')');
      return body;
    }
    if (value === '[') {
      this.index++;
      if (this.accept(']')) return { kind: 'array', body: undefined };
      const body = this.pipe();
      this.expect(']');
      return { kind: 'array', body };
    }
    if (value === '{') {
      this.index++;
      return this.object();
    }
    return this.refuseHere();
  }

  private named(name: string): Node {
    this.index++;
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    if (name === 'if') return this.conditional();
    if (UNSIMULATED_KEYWORDS.has(name)) throw new NotSimulated(name);
    const args: Node[] = [];
    if (this.accept('(')) {
      do args.push(this.pipe());
      while (this.accept(';'));
      this.expect(')');
    }
    const arities = BUILTIN_ARITIES.get(name);
    if (arities === undefined || !arities.includes(args.length))
      throw new NotSimulated(`the function ${name}/${args.length}`);
    return { kind: 'call', name, args };
  }

  /** After `if`: `COND then A (elif COND then B)* else C end`; jq 1.6 requires the else. */
  private conditional(): Node {
    const condition = this.pipe();
    this.expect('then');
    const then = this.pipe();
    if (this.accept('elif')) return { kind: 'if', condition, then, otherwise: this.conditional() };
    this.expect('else');
    const otherwise = this.pipe();
    this.expect('end');
    return { kind: 'if', condition, then, otherwise };
  }

  /** After `{`: `key: value` entries, `{a}`, `{$a}`, `{"a"}` and `{(expr): value}`. */
  private object(): Node {
    const entries: { key: Node; value: Node }[] = [];
    if (this.accept('}')) return { kind: 'object', entries };
    do {
      const token = this.peek();
      let key: Node;
      if (token.kind === 'variable') {
        this.index++;
        if (!this.scope.has(token.value)) throw new NotSimulated(`$${token.value}`);
        entries.push({
          key: { kind: 'literal', value: token.value },
          value: { kind: 'variable', name: token.value },
        });
        continue;
      }
      if (token.kind === 'name' && !KEYWORDS.has(token.value)) {
        this.index++;
        key = { kind: 'literal', value: token.value };
      } else if (token.kind === 'string') {
        this.index++;
        key = this.string(token.parts);
      } else if (this.accept('(')) {
        key = this.pipe();
        this.expect(')');
        // A constant key that is no string is an error as jq 1.6 compiles (exit 3).
        if (key.kind === 'literal' && typeof key.value !== 'string')
          throw new NotSimulated('a key that is not a string');
      } else this.refuseHere();
      if (this.accept(':')) {
        entries.push({ key, value: this.objectValue() });
        continue;
      }
      if (token.kind !== 'name' && token.kind !== 'string') this.refuseHere();
      entries.push({ key, value: { kind: 'index', target: { kind: 'identity' }, key } });
    } while (this.accept(','));
    this.expect('}');
    return { kind: 'object', entries };
  }

  /** An object's value: terms joined by `|`, no `,` or other operators (jq 1.6's ExpD). */
  private objectValue(): Node {
    const left = this.accept('-')
      ? { kind: 'negate' as const, operand: this.nested(() => this.postfix()) }
      : this.nested(() => this.postfix());
    if (!this.accept('|')) return left;
    return { kind: 'pipe', left, right: this.objectValue() };
  }
}
