// Here-documents: the bodies of the `<<` redirections opened on a line, read after that line
// ends, and the two ways a body is read as a word: with `$` and back-quote expansions when its
// delimiter is unquoted (`readHeredocWord`, also used for `$((...))` and subscripts), or with
// only Tekton references replaced when it is quoted (`readLiteralWord`, also command arguments).
import type { Word } from './ast.js';
import { readDollar } from './lex-dollar.js';
import { PartsBuilder, type Scan, ScriptSyntaxError } from './lex-scan.js';
import { addTextWithReferences, readBackquoted } from './lex-words.js';

export interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
  holder: { body: Word | undefined };
  line: number;
}

/**
 * Reads a here-document body as a double-quoted-like word: `"` is not special, or, for bash's
 * arithmetic expressions (`dropDoubleQuotes`), an unescaped `"` is removed as quote removal
 * removes it (an escaped `\"` stays, and bash then reports the expression).
 */
export function readHeredocWord(scan: Scan, dropDoubleQuotes = false): Word {
  const builder = new PartsBuilder();
  const source = scan.source;
  while (scan.pos < source.length) {
    const char = source[scan.pos];
    if (char === '\\' && /[$`\\\n]/.test(source[scan.pos + 1] ?? '')) {
      if (source[scan.pos + 1] !== '\n') builder.addText(source[scan.pos + 1], true);
      scan.pos += 2;
    } else if (char === '$') {
      readDollar(scan, builder, true);
    } else if (char === '`') {
      readBackquoted(scan, builder, true);
    } else if (char === '"' && dropDoubleQuotes) {
      scan.pos++;
    } else {
      builder.addText(char, true);
      scan.pos++;
    }
  }
  const word = builder.finish();
  return word.parts.length > 0
    ? word
    : { parts: [{ kind: 'text', text: '', quoted: true }], literal: '' };
}

/** A word of the rest of the text in which only Tekton references are replaced. */
export function readLiteralWord(scan: Scan): Word {
  const builder = new PartsBuilder();
  addTextWithReferences(scan, builder, scan.source.slice(scan.pos), true);
  scan.pos = scan.source.length;
  const word = builder.finish();
  return word.parts.length > 0
    ? word
    : { parts: [{ kind: 'text', text: '', quoted: true }], literal: '' };
}

/** Reads the bodies of `pending`, in order, from the start of the line after their `<<`. */
export function readHeredocBodies(scan: Scan, pending: PendingHeredoc[]): void {
  for (const heredoc of pending) {
    const bodyLine = scan.line;
    let body = '';
    let closed = false;
    while (scan.pos < scan.source.length) {
      let end = scan.source.indexOf('\n', scan.pos);
      if (end < 0) end = scan.source.length;
      let text = scan.source.slice(scan.pos, end);
      scan.pos = Math.min(end + 1, scan.source.length);
      scan.line++;
      if (heredoc.stripTabs) text = text.replace(/^\t+/, '');
      if (text.replace(/\r$/, '') === heredoc.delimiter) {
        closed = true;
        break;
      }
      body += text + '\n';
    }
    if (!closed) {
      throw new ScriptSyntaxError(
        `here-document from line ${heredoc.line} is not closed by "${heredoc.delimiter}"`,
        heredoc.line,
      );
    }
    heredoc.holder.body = scan.host.parseNestedWord(
      body,
      bodyLine,
      heredoc.expand ? 'heredoc' : 'literal',
    );
  }
}
