// The awk subset's syntax tree (expressions, statements, rules) and the command's options,
// with the compiling of its regular expressions (RE2, leftmost-longest).
import type { RE2JS } from 're2js';
import { re2Package } from './re2-package.js';
import { NotSimulated } from './awk-values.js';

// The program

export type LValue =
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'elem'; name: string; index: Expr };

export type Expr =
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

export interface Destination {
  append: boolean;
  file: Expr;
}

export type Statement =
  | { k: 'block'; body: Statement[] }
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; dest?: Destination }
  | { k: 'if'; test: Expr; yes: Statement; no?: Statement }
  | { k: 'while'; test: Expr; body: Statement }
  | { k: 'do'; body: Statement; test: Expr }
  | { k: 'for'; init?: Expr; test?: Expr; step?: Expr; body: Statement }
  | { k: 'next' | 'break' | 'continue' }
  | { k: 'exit'; e?: Expr };

export interface Rule {
  pattern?: Expr;
  end?: Expr;
  inRange: boolean;
  action?: Statement;
}

export interface Program {
  begin: Statement[];
  rules: Rule[];
  end: Statement[];
}

export function compileRegex(source: string): RE2JS {
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

export interface Options {
  assignments: [string, string][];
  fs: string | undefined;
  source: string;
  operands: string[];
}
