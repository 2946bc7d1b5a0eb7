// The awk subset's lexer: a program's text to tokens (keywords, names, builtins, numbers,
// strings with their escapes decoded, regular expressions, operators, newlines).
import { NotSimulated } from './awk-values.js';

// Lexing

export type Token =
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

export const KEYWORDS = new Set([
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
export const SIMULATED_BUILTINS: ReadonlySet<string> = new Set([
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
export const BUILTINS: ReadonlySet<string> = new Set([
  ...SIMULATED_BUILTINS,
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
export const UNSIMULATED_VARIABLES = new Set(['RS', 'RT', 'ENVIRON', 'ARGV', 'ARGC', 'PROCINFO']);
export const OPERATORS = [
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
export function decodeEscapes(text: string): string {
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

export function lex(source: string): Token[] {
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
