// Recursive-descent parser for CEL's grammar (cel-spec langdef "Syntax"). Macros are recognised
// here, as cel-go expands them while parsing, and rejected: they are outside the subset.
import { CelError, unsupported } from './error.js';
import { tokenize, type Token } from './lexer.js';

export type BinaryOperator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | '&&'
  | '||'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type CelNode =
  | { kind: 'literal'; value: bigint | number | string | boolean | null; offset: number }
  | { kind: 'list'; elements: CelNode[]; offset: number }
  | { kind: 'map'; entries: { key: CelNode; value: CelNode }[]; offset: number }
  | { kind: 'ident'; name: string; offset: number }
  | { kind: 'select'; operand: CelNode; field: string; offset: number }
  | { kind: 'index'; operand: CelNode; index: CelNode; offset: number }
  | { kind: 'call'; name: string; target?: CelNode; args: CelNode[]; offset: number }
  | { kind: 'unary'; operator: '!' | '-'; operand: CelNode; offset: number }
  | { kind: 'binary'; operator: BinaryOperator; left: CelNode; right: CelNode; offset: number }
  | {
      kind: 'conditional';
      condition: CelNode;
      whenTrue: CelNode;
      whenFalse: CelNode;
      offset: number;
    };

const INT64_MAX = 2n ** 63n - 1n;

/** cel-go's default parser recursion limit; also keeps deep nesting off the JS stack. */
const MAX_NESTING_DEPTH = 250;

const RESERVED_WORDS = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/** Receiver-style macros by name and argument count; `has` is the one global macro. */
const RECEIVER_MACROS: Record<string, number[]> = {
  all: [2],
  exists: [2],
  exists_one: [2],
  existsOne: [2],
  map: [2, 3],
  filter: [2],
};

const RELATIONS: readonly string[] = ['==', '!=', '<', '<=', '>', '>=', 'in'];

export function parseCel(source: string): CelNode {
  return new Parser(source, tokenize(source)).parseAll();
}

class Parser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): CelNode {
    const node = this.expression();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.syntax(`extraneous input '${next.text}'`, next);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private advance(): Token {
    return this.tokens[this.position++];
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private expect(text: string): Token {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) {
      throw this.syntax(`mismatched input '${token.text}' expecting '${text}'`, token);
    }
    return this.advance();
  }

  private syntax(message: string, token: Token): CelError {
    return new CelError('syntax', `Syntax error: ${message}`, {
      source: this.source,
      offset: token.offset,
    });
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw new CelError('syntax', 'expression recursion limit exceeded: 250', {
        source: this.source,
        offset: this.peek().offset,
      });
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expression(): CelNode {
    return this.nested(() => {
      const condition = this.or();
      if (!this.isPunct('?')) return condition;
      const question = this.advance();
      const whenTrue = this.or();
      this.expect(':');
      const whenFalse = this.expression();
      return { kind: 'conditional', condition, whenTrue, whenFalse, offset: question.offset };
    });
  }

  private or(): CelNode {
    let left = this.and();
    while (this.isPunct('||')) {
      const operator = this.advance();
      left = { kind: 'binary', operator: '||', left, right: this.and(), offset: operator.offset };
    }
    return left;
  }

  private and(): CelNode {
    let left = this.relation();
    while (this.isPunct('&&')) {
      const operator = this.advance();
      left = {
        kind: 'binary',
        operator: '&&',
        left,
        right: this.relation(),
        offset: operator.offset,
      };
    }
    return left;
  }

  private relation(): CelNode {
    let left = this.addition();
    for (;;) {
      const token = this.peek();
      const isIn = token.kind === 'ident' && token.text === 'in';
      if (!isIn && !(token.kind === 'punct' && RELATIONS.includes(token.text))) return left;
      this.advance();
      const operator = token.text as BinaryOperator;
      left = { kind: 'binary', operator, left, right: this.addition(), offset: token.offset };
    }
  }

  private addition(): CelNode {
    let left = this.multiplication();
    while (this.isPunct('+') || this.isPunct('-')) {
      const token = this.advance();
      const operator = token.text as BinaryOperator;
      left = { kind: 'binary', operator, left, right: this.multiplication(), offset: token.offset };
    }
    return left;
  }

  private multiplication(): CelNode {
    let left = this.unary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const token = this.advance();
      const operator = token.text as BinaryOperator;
      left = { kind: 'binary', operator, left, right: this.unary(), offset: token.offset };
    }
    return left;
  }

  private unary(): CelNode {
    return this.nested(() => {
      if (this.isPunct('!')) {
        const token = this.advance();
        return { kind: 'unary', operator: '!', operand: this.unary(), offset: token.offset };
      }
      if (this.isPunct('-')) {
        const token = this.advance();
        const next = this.peek();
        // A minus directly before a number literal is part of the literal, as in cel-go, so that
        // the smallest int64 can be written and `-1.size()`-style member calls bind correctly.
        if ((next.kind === 'int' || next.kind === 'double') && !this.isMemberAfterLiteral()) {
          this.advance();
          return this.member(this.negativeLiteral(next, token));
        }
        return { kind: 'unary', operator: '-', operand: this.unary(), offset: token.offset };
      }
      return this.member(this.primary());
    });
  }

  private isMemberAfterLiteral(): boolean {
    const after = this.tokens[this.position + 1];
    return after.kind === 'punct' && (after.text === '.' || after.text === '[');
  }

  private negativeLiteral(literal: Token, minus: Token): CelNode {
    const value = literal.value as bigint | number;
    if (typeof value === 'bigint') return { kind: 'literal', value: -value, offset: minus.offset };
    return { kind: 'literal', value: -value, offset: minus.offset };
  }

  private member(operand: CelNode): CelNode {
    for (;;) {
      if (this.isPunct('.')) {
        const dot = this.advance();
        const name = this.peek();
        if (name.kind === 'punct' && name.text === '?')
          throw unsupported('optional field selection .?field', this.source, name.offset);
        if (name.kind !== 'ident')
          throw this.syntax(`no viable alternative at input '.${name.text}'`, name);
        this.advance();
        if (this.isPunct('(')) {
          const open = this.advance();
          const args = this.arguments(')');
          operand = this.receiverCall(name.text, operand, args, open);
        } else {
          operand = { kind: 'select', operand, field: name.text, offset: dot.offset };
        }
        continue;
      }
      if (this.isPunct('[')) {
        const open = this.advance();
        if (this.isPunct('?'))
          throw unsupported('optional index [?index]', this.source, this.peek().offset);
        const index = this.expression();
        this.expect(']');
        operand = { kind: 'index', operand, index, offset: open.offset };
        continue;
      }
      const typeName = qualifiedName(operand);
      if (this.isPunct('{') && typeName !== undefined) {
        throw unsupported(`message construction ${typeName}{...}`, this.source, this.peek().offset);
      }
      return operand;
    }
  }

  private receiverCall(name: string, target: CelNode, args: CelNode[], open: Token): CelNode {
    if (RECEIVER_MACROS[name]?.includes(args.length)) {
      throw unsupported(`macro ${name}()`, this.source, open.offset);
    }
    return { kind: 'call', name, target, args, offset: open.offset };
  }

  private arguments(close: string): CelNode[] {
    const args: CelNode[] = [];
    if (this.isPunct(close)) {
      this.advance();
      return args;
    }
    for (;;) {
      if (close === ']' && this.isPunct('?'))
        throw unsupported('optional list element ?element', this.source, this.peek().offset);
      args.push(this.expression());
      if (this.isPunct(',')) {
        this.advance();
        // Lists and maps allow a trailing comma; calls do not.
        if (close !== ')' && this.isPunct(close)) break;
        continue;
      }
      break;
    }
    this.expect(close);
    return args;
  }

  private primary(): CelNode {
    const token = this.peek();
    switch (token.kind) {
      case 'int':
        if ((token.value as bigint) > INT64_MAX) throw this.syntax('invalid int literal', token);
        this.advance();
        return { kind: 'literal', value: token.value!, offset: token.offset };
      case 'double':
      case 'string':
        this.advance();
        return { kind: 'literal', value: token.value!, offset: token.offset };
      case 'ident':
        return this.identifier();
      case 'eof':
        throw this.syntax(`mismatched input '<EOF>' expecting an expression`, token);
      case 'punct':
        break;
    }
    if (token.text === '(') {
      this.advance();
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (token.text === '[') {
      this.advance();
      return { kind: 'list', elements: this.arguments(']'), offset: token.offset };
    }
    if (token.text === '{') return this.mapLiteral();
    if (token.text === '.') {
      throw unsupported('leading-dot identifier', this.source, token.offset);
    }
    throw this.syntax(`extraneous input '${token.text}'`, token);
  }

  private identifier(): CelNode {
    const token = this.advance();
    const name = token.text;
    if (name === 'true' || name === 'false') {
      return { kind: 'literal', value: name === 'true', offset: token.offset };
    }
    if (name === 'null') return { kind: 'literal', value: null, offset: token.offset };
    if (name === 'in' || RESERVED_WORDS.has(name)) {
      throw this.syntax(`reserved identifier: ${name}`, token);
    }
    if (!this.isPunct('(')) return { kind: 'ident', name, offset: token.offset };
    const open = this.advance();
    const args = this.arguments(')');
    if (name === 'has' && args.length === 1) {
      throw unsupported('macro has()', this.source, open.offset);
    }
    return { kind: 'call', name, args, offset: open.offset };
  }

  private mapLiteral(): CelNode {
    const open = this.advance();
    const entries: { key: CelNode; value: CelNode }[] = [];
    while (!this.isPunct('}')) {
      if (this.isPunct('?'))
        throw unsupported('optional map entry ?key', this.source, this.peek().offset);
      const key = this.expression();
      this.expect(':');
      entries.push({ key, value: this.expression() });
      if (!this.isPunct(',')) break;
      this.advance();
    }
    this.expect('}');
    return { kind: 'map', entries, offset: open.offset };
  }
}

/** `a.b.C` as written, when a node is a (possibly qualified) name: a message type's name. */
function qualifiedName(node: CelNode): string | undefined {
  if (node.kind === 'ident') return node.name;
  if (node.kind !== 'select') return undefined;
  const prefix = qualifiedName(node.operand);
  return prefix === undefined ? undefined : `${prefix}.${node.field}`;
}
