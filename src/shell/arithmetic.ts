// Shell arithmetic, `$((...))` and `((...))`: integers, the C operators sh and bash read
// (+ - * / % **, comparisons, && || !, bit operators, ?:), variables by name, and the
// assignments `=`, `+=` ... `++`, `--`. Division by zero or a syntax error is an error the
// caller reports as a failed command. Numbers are JavaScript's (exact to 2^53), not 64-bit.

export class ArithmeticError extends Error {}

export interface ArithmeticVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const TOKEN =
  /\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*=?|<<=?|>>=?|[-+*/%&|^]=|\+\+|--|&&|\|\||==|!=|<=|>=|[-+*/%()<>!~&|^?:=,]))/y;

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'op'; op: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(source);
    if (!match) throw new ArithmeticError(`syntax error in "${source}"`);
    position = TOKEN.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', name: match[2] });
    else tokens.push({ kind: 'op', op: match[3] });
  }
  return tokens;
}

const BINARY: Record<string, number> = {
  ',': 1,
  '||': 4,
  '&&': 5,
  '|': 6,
  '^': 7,
  '&': 8,
  '==': 9,
  '!=': 9,
  '<': 10,
  '>': 10,
  '<=': 10,
  '>=': 10,
  '<<': 11,
  '>>': 11,
  '+': 12,
  '-': 12,
  '*': 13,
  '/': 13,
  '%': 13,
  '**': 14,
};
const ASSIGNMENT = new Set([
  '=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '**=',
  '<<=',
  '>>=',
  '&=',
  '|=',
  '^=',
]);

/** Evaluates an expression whose `$` expansions are already done. */
export function evaluateArithmetic(source: string, variables: ArithmeticVariables): number {
  const tokens = tokenize(source);
  if (tokens.length === 0) return 0;
  let index = 0;
  const peek = () => tokens[index];
  const isOp = (op: string) => {
    const token = tokens[index];
    return token?.kind === 'op' && token.op === op;
  };
  const expectOp = (op: string) => {
    if (!isOp(op)) throw new ArithmeticError(`expected "${op}" in "${source}"`);
    index++;
  };
  const variableValue = (name: string, depth = 0): number => {
    const text = (variables.get(name) ?? '').trim();
    if (text === '') return 0;
    if (/^[+-]?\d+$/.test(text)) return Number(text);
    if (depth > 8) throw new ArithmeticError(`expression recursion in "${name}"`);
    return evaluateArithmetic(text, variables);
  };
  const assign = (name: string, value: number) => {
    variables.set(name, String(value));
    return value;
  };

  const primary = (): number => {
    const token = peek();
    if (!token) throw new ArithmeticError(`unexpected end of "${source}"`);
    index++;
    if (token.kind === 'number') return token.value;
    if (token.kind === 'name') {
      const next = peek();
      if (next?.kind === 'op' && (next.op === '++' || next.op === '--')) {
        index++;
        const before = variableValue(token.name);
        assign(token.name, before + (next.op === '++' ? 1 : -1));
        return before;
      }
      if (next?.kind === 'op' && ASSIGNMENT.has(next.op)) {
        index++;
        const right = expression(2);
        const op = next.op.slice(0, -1);
        return assign(token.name, op === '' ? right : apply(op, variableValue(token.name), right));
      }
      return variableValue(token.name);
    }
    switch (token.op) {
      case '(': {
        const value = expression(0);
        expectOp(')');
        return value;
      }
      case '-':
        return -primary();
      case '+':
        return primary();
      case '!':
        return primary() === 0 ? 1 : 0;
      case '~':
        return ~primary();
      case '++':
      case '--': {
        const name = peek();
        if (name?.kind !== 'name') throw new ArithmeticError(`"${token.op}" needs a variable`);
        index++;
        return assign(name.name, variableValue(name.name) + (token.op === '++' ? 1 : -1));
      }
      default:
        throw new ArithmeticError(`unexpected "${token.op}" in "${source}"`);
    }
  };

  const expression = (minimum: number): number => {
    let left = primary();
    for (;;) {
      const token = peek();
      if (token?.kind !== 'op') break;
      if (token.op === '?' && minimum <= 3) {
        index++;
        const whenTrue = expression(0);
        expectOp(':');
        const whenFalse = expression(3);
        left = left !== 0 ? whenTrue : whenFalse;
        continue;
      }
      const precedence = BINARY[token.op];
      if (precedence === undefined || precedence < minimum) break;
      index++;
      // ** binds to the right; the others to the left.
      const right = expression(token.op === '**' ? precedence : precedence + 1);
      left = token.op === ',' ? right : apply(token.op, left, right);
    }
    return left;
  };

  const value = expression(0);
  if (index < tokens.length) throw new ArithmeticError(`syntax error in "${source}"`);
  return value;
}

function apply(op: string, left: number, right: number): number {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
    case '%':
      if (right === 0) throw new ArithmeticError('division by 0');
      return op === '/' ? Math.trunc(left / right) : left % right;
    case '**':
      return right < 0 ? 0 : left ** right;
    case '<<':
      return left << right;
    case '>>':
      return left >> right;
    case '&':
      return left & right;
    case '|':
      return left | right;
    case '^':
      return left ^ right;
    case '&&':
      return left !== 0 && right !== 0 ? 1 : 0;
    case '||':
      return left !== 0 || right !== 0 ? 1 : 0;
    case '==':
      return left === right ? 1 : 0;
    case '!=':
      return left !== right ? 1 : 0;
    case '<':
      return left < right ? 1 : 0;
    case '>':
      return left > right ? 1 : 0;
    case '<=':
      return left <= right ? 1 : 0;
    case '>=':
      return left >= right ? 1 : 0;
    default:
      throw new ArithmeticError(`unknown operator "${op}"`);
  }
}
