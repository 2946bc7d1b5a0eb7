// Redirections: `>`, `>>`, `<`, `>&`, `<&`, `<>`, `&>`, `&>>`, here-strings `<<<` and
// here-documents `<<` / `<<-`, whose bodies the lexer reads after the line ends, each with an
// optional file descriptor before it. Simple and compound commands both take them.
import type { Redirect, RedirectOp, Word } from './ast.js';
import { ScriptSyntaxError, type Token } from './lex.js';
import { type CommandParser, describe } from './parse-tokens.js';

const REDIRECT_OPS = new Set(['>', '>>', '<', '>&', '<&', '<>', '<<', '<<-', '<<<', '&>', '&>>']);

/** A file descriptor or a redirection operator: the start of a redirection. */
export function startsRedirect(token: Token): boolean {
  return token.type === 'io' || (token.type === 'op' && REDIRECT_OPS.has(token.op));
}

export function parseRedirects(parser: CommandParser): Redirect[] {
  const redirects: Redirect[] = [];
  for (;;) {
    const token = parser.peek();
    if (startsRedirect(token)) {
      redirects.push(parseRedirect(parser));
    } else {
      return redirects;
    }
  }
}

export function parseRedirect(parser: CommandParser): Redirect {
  let token = parser.next();
  let fd: number | undefined;
  if (token.type === 'io') {
    fd = token.fd;
    token = parser.next();
  }
  if (token.type !== 'op' || !REDIRECT_OPS.has(token.op)) {
    throw new ScriptSyntaxError(
      `expected a redirection after a file descriptor, found ${describe(token)}`,
      token.line,
    );
  }
  const op = token.op;
  const target = parser.next();
  if (target.type !== 'word') {
    throw new ScriptSyntaxError(
      `expected a file name after "${op}", found ${describe(target)}`,
      target.line,
    );
  }
  if (op === '<<' || op === '<<-') {
    const holder: { body: Word | undefined } = { body: undefined };
    const quoted = target.word.parts.some((part) => part.kind === 'text' && part.quoted);
    const delimiter = target.word.parts
      .map((part) => (part.kind === 'text' ? part.text : ''))
      .join('');
    parser.lexer.addHeredoc(delimiter, op === '<<-', !quoted, holder);
    return { fd: fd ?? 0, op: '<<', target: target.word, heredoc: holder };
  }
  const defaultFd = op.startsWith('<') ? 0 : 1;
  return { fd: fd ?? defaultFd, op: op as RedirectOp, target: target.word };
}
