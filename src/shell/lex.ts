// Tokens of the step-script shell subset: words (with their quoting and expansions already
// split into parts), operators, newlines, and here-document bodies read after the line that
// opens them. Shell lexing depends on context (`$(` opens a nested command list), so the
// lexer calls back into its parser for command substitutions.
import type { CommandList, ParameterOp, PatternOp, Word, WordPart } from './ast.js';

export class ScriptSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ScriptSyntaxError';
  }
}

export type Token =
  | {
      type: 'word';
      word: Word /** No quotes or expansions: may be a reserved word. */;
      plain: boolean;
      line: number;
    }
  | { type: 'op'; op: string; line: number }
  | { type: 'io'; fd: number; line: number }
  | { type: 'newline'; line: number }
  | { type: 'eof'; line: number };

/** What the lexer needs from the parser that owns it. */
export interface LexerHost {
  /** Parses the commands of `$( ... )` from the lexer's position, through the closing `)`. */
  parseCommandSubstitution(): CommandList;
  /** Parses separate source text (backquotes, here-document bodies) starting at `line`. */
  parseNestedWord(source: string, line: number, mode: 'heredoc' | 'literal'): Word;
  /** sh, ash or dash, which have no arrays. */
  readonly posixShell: boolean;
  /** The words between the parentheses of `NAME=( ... )`, starting at `line`. */
  parseArrayElements(source: string, line: number): Word[];
  parseNestedCommands(source: string, line: number): CommandList;
  /** Index of a Tekton variable reference such as `$(params.x)` in the program's list. */
  referenceIndex(text: string): number;
  unsupported(construct: string): void;
}

// Longest first, so `;;` wins over `;` and `<<-` over `<<`.
const OPERATORS = [
  ';;&',
  '<<-',
  '<<<',
  '&>>',
  '&&',
  '||',
  ';;',
  ';&',
  '|&',
  '&>',
  '>>',
  '>&',
  '>|',
  '<<',
  '<&',
  '<>',
  '&',
  '|',
  ';',
  '(',
  ')',
  '<',
  '>',
];
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
// The roots of Tekton's variables; `$(` followed by one of these is Tekton's, not a command.
const TEKTON_REFERENCE =
  /^\$\((?:params|context|tasks|results|workspaces|steps|step|inputs|outputs|resources|credentials|taskRun|pipelineRun)(?:[.[][^()\s]*)?\)/;
const TEKTON_REFERENCE_ANYWHERE =
  /\$\((?:params|context|tasks|results|workspaces|steps|step|inputs|outputs|resources|credentials|taskRun|pipelineRun)(?:[.[][^()\s]*)?\)/g;
const RESULT_PATH_REFERENCE = /^\$\((?:step\.)?results[.[].*\.path\)$/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?=$/;
/** The pattern and substring forms after `${NAME`, longest first. */
const PATTERN_OP = /^(##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|:)/;

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
  holder: { body: Word | undefined };
  line: number;
}

/** Collects word parts, merging adjacent text of the same quoting. */
/** `*`, `?` or a bracket expression: what makes an unquoted word a pathname pattern. */
const GLOB_PATTERN = /[*?]|\[[^\]]+\]/;

class PartsBuilder {
  readonly parts: WordPart[] = [];
  private text = '';
  private quoted = false;

  addText(text: string, quoted: boolean): void {
    if (text === '') return;
    if (this.text !== '' && this.quoted !== quoted) this.flush();
    this.text += text;
    this.quoted = quoted;
  }

  /** `""` or `''`: the word has a (possibly empty) field even if nothing else is added. */
  addEmptyQuoted(): void {
    this.flush();
    this.parts.push({ kind: 'text', text: '', quoted: true });
  }

  add(part: WordPart): void {
    this.flush();
    this.parts.push(part);
  }

  /** The unquoted text collected so far when the word is nothing else (for `NAME=(`). */
  plainPrefix(): string | undefined {
    return this.parts.length === 0 && !this.quoted ? this.text : undefined;
  }

  finish(): Word {
    this.flush();
    const parts = this.parts.filter(
      (part) => !(part.kind === 'text' && part.text === ''),
    ) as WordPart[];
    // Keep one empty quoted part when that is all the word has: `""` is an empty field.
    const kept = parts.length > 0 ? parts : this.parts.slice(0, 1);
    let literal: string | undefined = '';
    for (const part of kept) {
      // Unquoted wildcards make a pattern, expanded against the files when the word runs.
      if (part.kind !== 'text' || (!part.quoted && GLOB_PATTERN.test(part.text))) {
        literal = undefined;
        break;
      }
      literal += part.text;
    }
    return { parts: kept, literal };
  }

  private flush(): void {
    if (this.text === '') return;
    this.parts.push({ kind: 'text', text: this.text, quoted: this.quoted });
    this.text = '';
  }
}

export class Lexer {
  private pos = 0;
  private pending: PendingHeredoc[] = [];

  constructor(
    private readonly source: string,
    private readonly host: LexerHost,
    private line = 1,
  ) {}

  get currentLine(): number {
    return this.line;
  }

  /** Registers a here-document whose body starts after the current line. */
  addHeredoc(
    delimiter: string,
    stripTabs: boolean,
    expand: boolean,
    holder: { body: Word | undefined },
  ): void {
    this.pending.push({ delimiter, stripTabs, expand, holder, line: this.line });
  }

  next(): Token {
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= this.source.length) {
      if (this.pending.length > 0) this.readHeredocBodies();
      return { type: 'eof', line };
    }
    const char = this.source[this.pos];
    if (char === '\n') {
      this.pos++;
      this.line++;
      if (this.pending.length > 0) this.readHeredocBodies();
      return { type: 'newline', line };
    }
    if (char === '(' && this.source[this.pos + 1] === '(') return this.arithmeticCommand(line);
    if ((char === '<' || char === '>') && this.source[this.pos + 1] === '(')
      return this.wordToken(line);
    for (const op of OPERATORS) {
      if (this.source.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { type: 'op', op: op === '>|' ? '>' : op === '|&' ? '|' : op, line };
      }
    }
    const io = /^\d+(?=[<>])/.exec(this.source.slice(this.pos, this.pos + 12));
    if (io) {
      this.pos += io[0].length;
      return { type: 'io', fd: Number(io[0]), line };
    }
    return this.wordToken(line);
  }

  private wordToken(line: number): Token {
    const word = this.readWord();
    const first = word.parts[0];
    const plain = word.parts.length === 1 && first.kind === 'text' && !first.quoted;
    return { type: 'word', word, plain, line };
  }

  /**
   * The right side of `=~` in `[[ ]]`: a regular expression in which `(`, `)`, `|`, `<` and
   * `>` are ordinary characters; it ends at unquoted whitespace outside parentheses.
   */
  readConditionRegex(): Word {
    while (this.source[this.pos] === ' ' || this.source[this.pos] === '\t') this.pos++;
    const builder = new PartsBuilder();
    const source = this.source;
    let depth = 0;
    while (this.pos < source.length) {
      const char = source[this.pos];
      if ((char === ' ' || char === '\t' || char === '\n') && depth === 0) break;
      if (char === '(') depth++;
      if (char === ')') depth--;
      if (char === '\\' && this.pos + 1 < source.length) {
        builder.addText(source.slice(this.pos, this.pos + 2), false);
        this.pos += 2;
      } else if (char === "'") {
        this.readSingleQuoted(builder);
      } else if (char === '"') {
        this.readDoubleQuoted(builder);
      } else if (char === '$' && /[A-Za-z_{(0-9?#@*!-]/.test(source[this.pos + 1] ?? '')) {
        this.readDollar(builder, false);
      } else {
        builder.addText(char, false);
        this.pos++;
      }
    }
    const word = builder.finish();
    if (word.parts.length === 0)
      throw new ScriptSyntaxError('expected a regular expression after "=~"', this.line);
    return word;
  }

  private skipBlanks(): void {
    const source = this.source;
    for (;;) {
      const char = source[this.pos];
      if (char === ' ' || char === '\t' || char === '\r') {
        this.pos++;
      } else if (char === '\\' && source[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (char === '#') {
        while (this.pos < source.length && source[this.pos] !== '\n') this.pos++;
      } else {
        return;
      }
    }
  }

  /** `(( ... ))` as a command: its expression is kept for the parser (`arithmeticSource`). */
  private arithmeticCommand(line: number): Token {
    const start = this.pos + 2;
    const end = this.matchingClose(start, 2);
    this.pos = end;
    this.arithmeticSource = this.source.slice(start, end - 2);
    return { type: 'op', op: '((', line };
  }

  /** The expression of the last `(( ... ))` read. */
  arithmeticSource = '';

  /** Index after the `)` that closes `depth` open parentheses, scanning from `from`. */
  private matchingClose(from: number, depth: number): number {
    let index = from;
    while (index < this.source.length) {
      const char = this.source[index];
      if (char === '\n') this.line++;
      if (char === '(') depth++;
      if (char === ')' && --depth === 0) return index + 1;
      index++;
    }
    throw new ScriptSyntaxError('unterminated "("', this.line);
  }

  private readWord(): Word {
    const builder = new PartsBuilder();
    const source = this.source;
    let arrayElements: Word[] | undefined;
    while (this.pos < source.length) {
      const char = source[this.pos];
      if (char === '(') {
        const prefix = builder.plainPrefix();
        if (prefix !== undefined && ASSIGNMENT_PREFIX.test(prefix)) {
          // `NAME=(a b)`: a bash indexed array, its words read as a command's arguments are.
          const line = this.line;
          const end = this.matchingClose(this.pos + 1, 1);
          // sh has none: what a script meant for bash then does is not known; skipped.
          if (this.host.posixShell) this.host.unsupported('array assignment in sh');
          else
            arrayElements = this.host.parseArrayElements(source.slice(this.pos + 1, end - 1), line);
          this.pos = end;
          continue;
        }
      }
      if ((char === '<' || char === '>') && source[this.pos + 1] === '(') {
        this.readProcessSubstitution(builder, char as '<' | '>');
        continue;
      }
      if (WORD_END.has(char)) break;
      if (char === '\\') {
        const escaped = source[this.pos + 1];
        if (escaped === '\n') {
          this.line++;
        } else if (escaped !== undefined) {
          builder.addText(escaped, true);
        } else {
          builder.addText('\\', false);
        }
        this.pos += 2;
      } else if (char === "'") {
        this.readSingleQuoted(builder);
      } else if (char === '"') {
        this.readDoubleQuoted(builder);
      } else if (char === '$') {
        this.readDollar(builder, false);
      } else if (char === '`') {
        this.readBackquoted(builder, false);
      } else {
        builder.addText(char, false);
        this.pos++;
      }
    }
    const word = builder.finish();
    if (arrayElements) word.arrayElements = arrayElements;
    return word;
  }

  /**
   * `<(commands)` in bash: read as a command substitution is, run when the word expands.
   * `>(commands)` (its commands read what the outer command writes, at the same time) and
   * `<(...)` in sh, ash or dash (which have none) are skipped with a warning.
   */
  private readProcessSubstitution(builder: PartsBuilder, char: '<' | '>'): void {
    if (char === '<' && !this.host.posixShell) {
      this.pos += 2;
      builder.add({ kind: 'process', body: this.host.parseCommandSubstitution(), quoted: false });
      return;
    }
    this.pos = this.matchingClose(this.pos + 2, 1);
    this.host.unsupported(`process substitution ${char}(...)`);
    builder.add({ kind: 'unsupported', quoted: false });
  }

  private readSingleQuoted(builder: PartsBuilder): void {
    const end = this.source.indexOf("'", this.pos + 1);
    if (end < 0) throw new ScriptSyntaxError('unterminated single quote', this.line);
    const text = this.source.slice(this.pos + 1, end);
    this.pos = end + 1;
    if (text === '') builder.addEmptyQuoted();
    // Tekton substitutes its variables in the script text before any shell sees it, so they
    // are replaced inside single quotes too.
    this.addTextWithReferences(builder, text, true);
    this.line += countNewlines(text);
  }

  /** Adds text in which only Tekton references are special (single quotes, quoted heredocs). */
  addTextWithReferences(builder: PartsBuilder, text: string, quoted: boolean): void {
    let last = 0;
    for (const match of text.matchAll(TEKTON_REFERENCE_ANYWHERE)) {
      const start = match.index ?? 0;
      builder.addText(text.slice(last, start), quoted);
      this.addReference(builder, match[0], quoted);
      last = start + match[0].length;
    }
    builder.addText(text.slice(last), quoted);
  }

  private addReference(builder: PartsBuilder, text: string, quoted: boolean): void {
    if (RESULT_PATH_REFERENCE.test(text)) {
      // Result paths are recognised as written (interpreter.ts), whatever the substitution.
      builder.addText(text, true);
      return;
    }
    builder.add({ kind: 'reference', index: this.host.referenceIndex(text), text, quoted });
  }

  private readDoubleQuoted(builder: PartsBuilder): void {
    const source = this.source;
    const startLine = this.line;
    this.pos++;
    let empty = true;
    while (this.pos < source.length) {
      const char = source[this.pos];
      if (char === '"') {
        this.pos++;
        if (empty) builder.addEmptyQuoted();
        return;
      }
      empty = false;
      if (char === '\\') {
        const escaped = source[this.pos + 1];
        if (escaped === '\n') {
          this.line++;
        } else if (escaped === '$' || escaped === '`' || escaped === '"' || escaped === '\\') {
          builder.addText(escaped, true);
        } else {
          builder.addText('\\' + (escaped ?? ''), true);
        }
        this.pos += 2;
      } else if (char === '$') {
        this.readDollar(builder, true);
      } else if (char === '`') {
        this.readBackquoted(builder, true);
      } else {
        if (char === '\n') this.line++;
        builder.addText(char, true);
        this.pos++;
      }
    }
    throw new ScriptSyntaxError('unterminated double quote', startLine);
  }

  /** Reads from `$`: a Tekton reference, command substitution, parameter, or a plain `$`. */
  private readDollar(builder: PartsBuilder, quoted: boolean): void {
    const source = this.source;
    const next = source[this.pos + 1];
    if (next === '(') {
      if (source[this.pos + 2] === '(') {
        const start = this.pos + 3;
        const line = this.line;
        const end = this.matchingClose(start, 2);
        this.pos = end;
        const expression = this.host.parseNestedWord(source.slice(start, end - 2), line, 'heredoc');
        builder.add({ kind: 'arithmetic', expression, quoted });
        return;
      }
      const reference = TEKTON_REFERENCE.exec(source.slice(this.pos, this.pos + 512));
      if (reference) {
        this.pos += reference[0].length;
        this.addReference(builder, reference[0], quoted);
        return;
      }
      this.pos += 2;
      builder.add({ kind: 'command', body: this.host.parseCommandSubstitution(), quoted });
      return;
    }
    if (next === '{') {
      this.readBracedParameter(builder, quoted);
      return;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = this.pos + 2;
      while (end < source.length && NAME_CHAR.test(source[end])) end++;
      builder.add({
        kind: 'parameter',
        name: source.slice(this.pos + 1, end),
        op: '',
        argument: undefined,
        quoted,
      });
      this.pos = end;
      return;
    }
    if (next !== undefined && /[0-9?#@*$!-]/.test(next)) {
      builder.add({ kind: 'parameter', name: next, op: '', argument: undefined, quoted });
      this.pos += 2;
      return;
    }
    if (next === "'" && !quoted) {
      this.readAnsiQuoted(builder);
      return;
    }
    if (next === '"' && !quoted) {
      // `$"..."` is bash's translatable string: without translations, a double-quoted one.
      this.pos++;
      return;
    }
    builder.addText('$', quoted);
    this.pos++;
  }

  /** `$'...'`: bash's quoting with backslash escapes. */
  private readAnsiQuoted(builder: PartsBuilder): void {
    let index = this.pos + 2;
    let text = '';
    while (index < this.source.length && this.source[index] !== "'") {
      if (this.source[index] === '\\' && index + 1 < this.source.length) {
        text += this.source.slice(index, index + 2);
        index += 2;
      } else {
        text += this.source[index++];
      }
    }
    if (index >= this.source.length)
      throw new ScriptSyntaxError("unterminated $' quote", this.line);
    this.pos = index + 1;
    builder.addText(decodeAnsiEscapes(text), true);
    if (text === '') builder.addEmptyQuoted();
  }

  private readBracedParameter(builder: PartsBuilder, quoted: boolean): void {
    const source = this.source;
    let index = this.pos + 2;
    let length = false;
    let indirect = false;
    if (source[index] === '#' && source[index + 1] !== '}') {
      length = true;
      index++;
    } else if (source[index] === '!' && NAME_START.test(source[index + 1] ?? '')) {
      // `${!NAME}` (the variable NAME names) or `${!NAME[@]}` (an array's indices).
      indirect = true;
      index++;
    }
    let end = index;
    if (NAME_START.test(source[end] ?? '')) {
      while (end < source.length && NAME_CHAR.test(source[end])) end++;
    } else if (/[0-9]/.test(source[end] ?? '')) {
      while (end < source.length && /[0-9]/.test(source[end])) end++;
    } else if (/[?#@*$!-]/.test(source[end] ?? '')) {
      end++;
    }
    const name = source.slice(index, end);
    if (name === '') throw new ScriptSyntaxError('bad substitution "${"', this.line);
    let subscript: Word | '@' | '*' | undefined;
    if (source[end] === '[' && NAME_START.test(name)) {
      const close = source.indexOf(']', end + 1);
      if (close < 0) throw new ScriptSyntaxError(`bad substitution "\${${name}["`, this.line);
      const text = source.slice(end + 1, close);
      subscript =
        text === '@' || text === '*' ? text : this.host.parseNestedWord(text, this.line, 'heredoc');
      end = close + 1;
    }
    const withSubscript = subscript === undefined ? {} : { subscript };
    const operator = /^(:-|:=|:\+|:\?|-|=|\+|\?)/.exec(source.slice(end, end + 2));
    if (source[end] === '}') {
      this.pos = end + 1;
      const op: ParameterOp = length
        ? 'length'
        : indirect
          ? subscript === '@' || subscript === '*'
            ? 'indices'
            : 'indirect'
          : '';
      builder.add({ kind: 'parameter', name, op, argument: undefined, quoted, ...withSubscript });
      return;
    }
    if (operator && !length && !indirect) {
      this.pos = end + operator[0].length;
      const argument = this.readBraceArgument('').word;
      builder.add({
        kind: 'parameter',
        name,
        op: operator[0] as ParameterOp,
        argument,
        quoted,
        ...withSubscript,
      });
      return;
    }
    const pattern = length || indirect ? null : PATTERN_OP.exec(source.slice(end, end + 2));
    if (pattern) {
      this.pos = end + pattern[0].length;
      const op: PatternOp = pattern[0] === ':' ? 'substring' : (pattern[0] as PatternOp);
      // `${NAME/pattern/replacement}` and `${NAME:offset:length}` have a second argument.
      const separator: '' | '/' | ':' = op === 'substring' ? ':' : op.startsWith('/') ? '/' : '';
      const first = this.readBraceArgument(separator);
      const second =
        first.stoppedAt === separator && separator !== '' ? this.readBraceArgument('') : undefined;
      builder.add({
        kind: 'parameter',
        name,
        op,
        argument: first.word,
        quoted,
        ...withSubscript,
        ...(second ? { second: second.word } : {}),
      });
      return;
    }
    this.host.unsupported(`parameter expansion \${${name}${source[end] ?? ''}...}`);
    this.pos = end;
    this.readBraceArgument('');
    builder.add({
      kind: 'parameter',
      name,
      op: 'other',
      argument: undefined,
      quoted,
      ...withSubscript,
    });
  }

  /** The word after `${NAME:-`, through the closing `}`. */
  private readBraceArgument(separator: '' | '/' | ':'): { word: Word; stoppedAt: string } {
    const builder = new PartsBuilder();
    const source = this.source;
    while (this.pos < source.length) {
      const char = source[this.pos];
      if (char === '}' || (char === separator && separator !== '')) {
        this.pos++;
        return { word: builder.finish(), stoppedAt: char };
      }
      if (char === '\\' && this.pos + 1 < source.length) {
        builder.addText(source[this.pos + 1], true);
        this.pos += 2;
      } else if (char === "'") {
        this.readSingleQuoted(builder);
      } else if (char === '"') {
        this.readDoubleQuoted(builder);
      } else if (char === '$') {
        this.readDollar(builder, false);
      } else if (char === '`') {
        this.readBackquoted(builder, false);
      } else {
        if (char === '\n') this.line++;
        builder.addText(char, false);
        this.pos++;
      }
    }
    throw new ScriptSyntaxError('unterminated "${"', this.line);
  }

  private readBackquoted(builder: PartsBuilder, quoted: boolean): void {
    const source = this.source;
    const startLine = this.line;
    let index = this.pos + 1;
    let body = '';
    while (index < source.length && source[index] !== '`') {
      if (source[index] === '\\' && /[`$\\]/.test(source[index + 1] ?? '')) {
        body += source[index + 1];
        index += 2;
      } else {
        body += source[index++];
      }
    }
    if (index >= source.length) throw new ScriptSyntaxError('unterminated backquote', startLine);
    this.pos = index + 1;
    this.line += countNewlines(body);
    builder.add({ kind: 'command', body: this.host.parseNestedCommands(body, startLine), quoted });
  }

  /** Reads a here-document body as a double-quoted-like word (`"` is not special). */
  readHeredocWord(): Word {
    const builder = new PartsBuilder();
    const source = this.source;
    while (this.pos < source.length) {
      const char = source[this.pos];
      if (char === '\\' && /[$`\\\n]/.test(source[this.pos + 1] ?? '')) {
        if (source[this.pos + 1] !== '\n') builder.addText(source[this.pos + 1], true);
        this.pos += 2;
      } else if (char === '$') {
        this.readDollar(builder, true);
      } else if (char === '`') {
        this.readBackquoted(builder, true);
      } else {
        builder.addText(char, true);
        this.pos++;
      }
    }
    const word = builder.finish();
    return word.parts.length > 0
      ? word
      : { parts: [{ kind: 'text', text: '', quoted: true }], literal: '' };
  }

  /** A word of text in which only Tekton references are replaced. */
  readLiteralWord(): Word {
    const builder = new PartsBuilder();
    this.addTextWithReferences(builder, this.source.slice(this.pos), true);
    this.pos = this.source.length;
    const word = builder.finish();
    return word.parts.length > 0
      ? word
      : { parts: [{ kind: 'text', text: '', quoted: true }], literal: '' };
  }

  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    for (const heredoc of pending) {
      const bodyLine = this.line;
      let body = '';
      let closed = false;
      while (this.pos < this.source.length) {
        let end = this.source.indexOf('\n', this.pos);
        if (end < 0) end = this.source.length;
        let text = this.source.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.source.length);
        this.line++;
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
      heredoc.holder.body = this.host.parseNestedWord(
        body,
        bodyLine,
        heredoc.expand ? 'heredoc' : 'literal',
      );
    }
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Backslash escapes of `echo -e`, `printf` formats and `$'...'`. `\c` is left to callers. */
export function decodeAnsiEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(
    /\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)/gs,
    (match, sequence: string) => {
      switch (sequence[0]) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'a':
          return '\x07';
        case 'b':
          return '\b';
        case 'e':
        case 'E':
          return '\x1b';
        case 'f':
          return '\f';
        case 'v':
          return '\v';
        case '\\':
          return '\\';
        case "'":
          return "'";
        case '"':
          return '"';
        case 'x':
          return String.fromCharCode(parseInt(sequence.slice(1), 16));
        default:
          if (/^[0-7]/.test(sequence)) return String.fromCharCode(parseInt(sequence, 8) & 0xff);
          return match;
      }
    },
  );
}
