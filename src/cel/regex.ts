// `matches()` takes RE2 syntax; we run it on JavaScript's RegExp (with the `u` flag), which
// agrees on the common subset: literals, classes, anchors, groups, alternation, repetition,
// \d \w \b, \p{..}. What differs is translated (a leading (?i)/(?m)/(?s), (?P<name>, \A, \z,
// \s, POSIX [[:alpha:]] classes, escaped punctuation) and what RE2 rejects or JS cannot do
// (lookaround, backreferences, scoped flags, \Q..\E, (?U)) is an error, never a silent mismatch.
import { CelError } from './error.js';

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters that may (and, in `u` mode, must be the only ones to) follow `\` as themselves. */
const JS_SYNTAX_CHARACTERS = new Set([...'^$\\.*+?()[]{}|/']);
const RE2_SPACE = '\\t\\n\\f\\r ';

function invalid(pattern: string, message: string): CelError {
  return new CelError('runtime', `error parsing regexp: ${message}: \`${pattern}\``);
}

export function compileRe2(pattern: string): RegExp {
  let flags = 'u';
  let body = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (leading) {
    for (const flag of leading[1]) {
      if (flag === 'i' || flag === 'm' || flag === 's') flags += flag;
      else if (flag === 'U')
        throw invalid(pattern, 'ungreedy flag (?U) is not supported by tekton-sim');
      else throw invalid(pattern, 'invalid or unsupported Perl syntax');
    }
    body = body.slice(leading[0].length);
  }
  const translated = translate(body, pattern, flags.includes('m'));
  try {
    return new RegExp(translated, flags);
  } catch (error) {
    throw invalid(pattern, (error as Error).message);
  }
}

function translate(body: string, pattern: string, multiline: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const [text, length] = translateEscape(body, i, pattern, inClass, multiline);
      out += text;
      i += length - 1;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(body.slice(i));
      if (posix) {
        const range = POSIX_CLASSES[posix[2]];
        if (!range || posix[1]) throw invalid(pattern, `invalid character class range ${posix[0]}`);
        out += range;
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal in RE2.
      if (body[i + 1] === '^') out += body[++i];
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && body[i + 1] === '?') {
      const group = translateGroup(body, i, pattern);
      out += group.text;
      i += group.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

function translateGroup(
  body: string,
  at: number,
  pattern: string,
): { text: string; length: number } {
  const rest = body.slice(at);
  if (rest.startsWith('(?:')) return { text: '(?:', length: 3 };
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return { text: `(?<${named[1]}>`, length: named[0].length };
  if (/^\(\?<?[=!]/.test(rest))
    throw invalid(pattern, 'invalid or unsupported Perl syntax (lookaround)');
  throw invalid(pattern, 'invalid or unsupported Perl syntax (flags inside the pattern)');
}

function translateEscape(
  body: string,
  at: number,
  pattern: string,
  inClass: boolean,
  multiline: boolean,
): [string, number] {
  const next = body[at + 1];
  if (next === undefined) throw invalid(pattern, 'trailing backslash at end of expression');
  if (/[1-9]/.test(next)) throw invalid(pattern, `invalid escape sequence: \`\\${next}\``);
  if (next === 'Q') throw invalid(pattern, '\\Q...\\E quoting is not supported by tekton-sim');
  if (next === 's') return [inClass ? RE2_SPACE : `[${RE2_SPACE}]`, 2];
  if (next === 'S') {
    if (inClass)
      throw invalid(pattern, '\\S inside a character class is not supported by tekton-sim');
    return [`[^${RE2_SPACE}]`, 2];
  }
  if (!inClass && next === 'A') return [multiline ? '(?<![\\s\\S])' : '^', 2];
  if (!inClass && next === 'z') return [multiline ? '(?![\\s\\S])' : '$', 2];
  if (next === 'p' || next === 'P') {
    // RE2 allows a one-letter class without braces (\pL); JS needs \p{L}.
    if (body[at + 2] !== '{' && body[at + 2] !== undefined)
      return [`\\${next}{${body[at + 2]}}`, 3];
    return [`\\${next}`, 2];
  }
  if (/[A-Za-z0-9]/.test(next)) return [`\\${next}`, 2];
  // RE2 lets any punctuation be escaped; JS in `u` mode only its own syntax characters (and `-`
  // inside a class), so other escaped punctuation becomes the plain character.
  if (JS_SYNTAX_CHARACTERS.has(next) || (inClass && next === '-')) return [`\\${next}`, 2];
  return [next, 2];
}
