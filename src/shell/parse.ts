// A recursive-descent parser for the shell subset of step scripts: lists (`;`, `&&`, `||`,
// newlines), pipelines, simple commands with assignments and redirections, `if`, `{ }`,
// `( )`, `[[ ]]`. Loops, `case`, functions and `&` are parsed so their extent is known, and
// become `unsupported` nodes. Syntax errors throw ScriptSyntaxError with a line number.
import type {
  AndOr,
  Assignment,
  CaseArm,
  Command,
  CommandList,
  ConditionExpression,
  Pipeline,
  Redirect,
  RedirectOp,
  Word,
  WordPart,
} from './ast.js';
import { Lexer, ScriptSyntaxError, type LexerHost, type Token } from './lex.js';

/** State shared by a script and every source nested in it (substitutions, here-documents). */
export interface ParseContext {
  /** Distinct Tekton references, in order of first appearance. */
  references: string[];
  referenceIndexes: Map<string, number>;
  /** Names of functions the script defines: calling one is not "an unknown command". */
  functionNames: Set<string>;
  /**
   * The script runs under a POSIX sh (Tekton's default for a script without a shebang):
   * `[[` is then no keyword but busybox ash's `test`, whose operands are split and whose
   * `&&`, `||`, `<` and `>` are the shell's own.
   */
  posixShell?: boolean;
  unsupported(construct: string): void;
}

export function createParseContext(unsupported: (construct: string) => void): ParseContext {
  return { references: [], referenceIndexes: new Map(), functionNames: new Set(), unsupported };
}

export function parseScript(source: string, context: ParseContext, line = 1): CommandList {
  const parser = new Parser(source, context, line);
  const list = parser.parseList(NO_WORDS, NO_OPS);
  parser.expectEnd();
  return list;
}

/** A word made of `source` in which only Tekton references are special (command args). */
export function parseLiteralWord(source: string, context: ParseContext): Word {
  return new Parser(source, context, 1).lexer.readLiteralWord();
}

const NO_WORDS: ReadonlySet<string> = new Set();
const NO_OPS: ReadonlySet<string> = new Set();
const CLOSE_PAREN: ReadonlySet<string> = new Set([')']);
const CASE_ENDS: ReadonlySet<string> = new Set([';;', ';&', ';;&']);
const REDIRECT_OPS = new Set(['>', '>>', '<', '>&', '<&', '<>', '<<', '<<-', '<<<', '&>', '&>>']);
const RESERVED = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', 'in', ']]']);
const DECLARATION_COMMANDS = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const CONDITION_UNARY = new Set([
  '-a',
  '-b',
  '-c',
  '-d',
  '-e',
  '-f',
  '-g',
  '-h',
  '-k',
  '-p',
  '-r',
  '-s',
  '-t',
  '-u',
  '-w',
  '-x',
  '-G',
  '-L',
  '-N',
  '-O',
  '-S',
  '-z',
  '-n',
  '-o',
  '-v',
  '-R',
]);
const CONDITION_BINARY = new Set([
  '=',
  '==',
  '!=',
  '=~',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
]);

class Parser implements LexerHost {
  readonly lexer: Lexer;
  private peeked: Token | undefined;

  constructor(
    source: string,
    private readonly context: ParseContext,
    line: number,
  ) {
    this.lexer = new Lexer(source, this, line);
  }

  // LexerHost

  get posixShell(): boolean {
    return this.context.posixShell === true;
  }

  parseCommandSubstitution(): CommandList {
    const line = this.lexer.currentLine;
    const list = this.parseList(NO_WORDS, CLOSE_PAREN);
    const token = this.next();
    if (!(token.type === 'op' && token.op === ')')) {
      throw new ScriptSyntaxError(`unterminated "$(" from line ${line}`, line);
    }
    return list;
  }

  parseNestedWord(source: string, line: number, mode: 'heredoc' | 'literal'): Word {
    const lexer = new Parser(source, this.context, line).lexer;
    return mode === 'heredoc' ? lexer.readHeredocWord() : lexer.readLiteralWord();
  }

  parseArrayElements(source: string, line: number): Word[] {
    const parser = new Parser(source, this.context, line);
    const elements: Word[] = [];
    for (let token = parser.next(); token.type !== 'eof'; token = parser.next()) {
      if (token.type === 'word') elements.push(token.word);
      else if (token.type !== 'newline')
        throw new ScriptSyntaxError(`unexpected ${describe(token)} in an array`, token.line);
    }
    return elements;
  }

  parseNestedCommands(source: string, line: number): CommandList {
    return parseScript(source, this.context, line);
  }

  referenceIndex(text: string): number {
    let index = this.context.referenceIndexes.get(text);
    if (index === undefined) {
      index = this.context.references.length;
      this.context.references.push(text);
      this.context.referenceIndexes.set(text, index);
    }
    return index;
  }

  unsupported(construct: string): void {
    this.context.unsupported(construct);
  }

  // Tokens

  private peek(): Token {
    if (this.peeked === undefined) {
      const token = this.lexer.next();
      this.peeked = token;
    }
    return this.peeked;
  }

  private next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private isWord(token: Token, text: string): boolean {
    return token.type === 'word' && token.plain && token.word.literal === text;
  }

  private isOp(token: Token, op: string): boolean {
    return token.type === 'op' && token.op === op;
  }

  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.next();
  }

  private expectWord(text: string, opener: string, line: number): void {
    const token = this.next();
    if (!this.isWord(token, text)) {
      throw new ScriptSyntaxError(
        `expected "${text}" to close "${opener}" from line ${line}, found ${describe(token)}`,
        token.line,
      );
    }
  }

  private expectOp(op: string, opener: string, line: number): void {
    const token = this.next();
    if (!this.isOp(token, op)) {
      throw new ScriptSyntaxError(
        `expected "${op}" to close "${opener}" from line ${line}, found ${describe(token)}`,
        token.line,
      );
    }
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'eof')
      throw new ScriptSyntaxError(`unexpected ${describe(token)}`, token.line);
  }

  // Grammar

  parseList(stopWords: ReadonlySet<string>, stopOps: ReadonlySet<string>): CommandList {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.type === 'eof') break;
      if (token.type === 'word' && token.plain && stopWords.has(token.word.literal ?? '')) break;
      if (token.type === 'op' && stopOps.has(token.op)) break;
      const item = this.parseAndOr();
      const separator = this.peek();
      if (this.isOp(separator, '&')) {
        this.next();
        this.unsupported('background job (&)');
        items.push(unsupportedItem('background job (&)'));
        continue;
      }
      items.push(item);
      if (this.isOp(separator, ';') || separator.type === 'newline') {
        this.next();
        continue;
      }
      break;
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const token = this.peek();
      if (token.type !== 'op' || (token.op !== '&&' && token.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: token.op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (this.isWord(this.peek(), 'time')) this.next();
    if (this.isWord(this.peek(), '!')) {
      this.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    const token = this.peek();
    if (token.type === 'word' && token.plain) {
      const compound = this.parseCompound(token.word.literal ?? '', token.line);
      if (compound) return compound;
    } else if (this.isOp(token, '(')) {
      this.next();
      const body = this.parseList(NO_WORDS, CLOSE_PAREN);
      this.expectOp(')', '(', token.line);
      return { kind: 'group', body, subshell: true, redirects: this.parseRedirects() };
    } else if (this.isOp(token, '((')) {
      const source = this.lexer.arithmeticSource;
      this.next();
      const expression = this.parseNestedWord(source, token.line, 'heredoc');
      return { kind: 'arithmetic', expression, redirects: this.parseRedirects() };
    }
    return this.parseSimple();
  }

  /** A compound command opened by the reserved word `word`, or undefined for other words. */
  private parseCompound(word: string, line: number): Command | undefined {
    switch (word) {
      case 'if':
        return this.parseIf(line);
      case '{': {
        this.next();
        const body = this.parseList(new Set(['}']), NO_OPS);
        this.expectWord('}', '{', line);
        return { kind: 'group', body, subshell: false, redirects: this.parseRedirects() };
      }
      case '[[': {
        if (this.context.posixShell) return undefined;
        this.next();
        const expression = this.parseConditionOr();
        this.skipNewlines();
        this.expectWord(']]', '[[', line);
        return { kind: 'condition', expression, redirects: this.parseRedirects() };
      }
      case 'for':
      case 'select':
        return this.parseForLoop(word, line);
      case 'while':
      case 'until':
        return this.parseWhileLoop(word, line);
      case 'case':
        return this.parseCase(line);
      case 'function':
        return this.parseFunction(line);
      default:
        if (RESERVED.has(word)) throw new ScriptSyntaxError(`unexpected "${word}"`, line);
        return undefined;
    }
  }

  private parseIf(line: number): Command {
    this.next();
    const clauses: { condition: CommandList; body: CommandList }[] = [];
    let otherwise: CommandList | undefined;
    const bodyEnds = new Set(['elif', 'else', 'fi']);
    for (;;) {
      const condition = this.parseList(new Set(['then']), NO_OPS);
      this.expectWord('then', 'if', line);
      clauses.push({ condition, body: this.parseList(bodyEnds, NO_OPS) });
      const token = this.next();
      if (this.isWord(token, 'elif')) continue;
      if (this.isWord(token, 'else')) {
        otherwise = this.parseList(new Set(['fi']), NO_OPS);
        this.expectWord('fi', 'if', line);
        break;
      }
      if (this.isWord(token, 'fi')) break;
      throw new ScriptSyntaxError(
        `expected "fi" to close "if" from line ${line}, found ${describe(token)}`,
        token.line,
      );
    }
    return { kind: 'if', clauses, otherwise, redirects: this.parseRedirects() };
  }

  private parseForLoop(keyword: string, line: number): Command {
    this.next();
    const header = this.next();
    if (!this.isOp(header, '((') && header.type !== 'word') {
      throw new ScriptSyntaxError(
        `expected a name after "${keyword}", found ${describe(header)}`,
        header.line,
      );
    }
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.isWord(this.peek(), 'in')) {
      this.next();
      items = [];
      for (let token = this.peek(); token.type === 'word'; token = this.peek()) {
        items.push(token.word);
        this.next();
      }
    }
    if (this.isOp(this.peek(), ';')) this.next();
    const body = this.parseLoopBody(keyword, line);
    const redirects = this.parseRedirects();
    const name = header.type === 'word' ? header.word.literal : undefined;
    if (keyword !== 'for' || name === undefined) {
      const construct = keyword === 'for' ? 'for ((...)) loop' : 'select loop';
      this.unsupported(construct);
      return { kind: 'unsupported', construct, redirects };
    }
    return { kind: 'for', name, items, body, redirects };
  }

  private parseWhileLoop(keyword: string, line: number): Command {
    this.next();
    const condition = this.parseList(new Set(['do']), NO_OPS);
    const body = this.parseLoopBody(keyword, line);
    return {
      kind: 'while',
      until: keyword === 'until',
      condition,
      body,
      redirects: this.parseRedirects(),
    };
  }

  private parseLoopBody(keyword: string, line: number): CommandList {
    this.skipNewlines();
    this.expectWord('do', keyword, line);
    const body = this.parseList(new Set(['done']), NO_OPS);
    this.expectWord('done', keyword, line);
    return body;
  }

  private parseCase(line: number): Command {
    this.next();
    const subject = this.next();
    if (subject.type !== 'word') throw new ScriptSyntaxError('expected a word after "case"', line);
    this.skipNewlines();
    this.expectWord('in', 'case', line);
    const esac = new Set(['esac']);
    const arms: CaseArm[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (this.isWord(token, 'esac') || token.type === 'eof') break;
      if (this.isOp(token, '(')) this.next();
      // Patterns: words separated by `|`, closed by `)`.
      const patterns: Word[] = [];
      for (;;) {
        const pattern = this.next();
        if (pattern.type !== 'word')
          throw new ScriptSyntaxError(`bad case pattern: ${describe(pattern)}`, pattern.line);
        patterns.push(pattern.word);
        const after = this.next();
        if (this.isOp(after, ')')) break;
        if (!this.isOp(after, '|'))
          throw new ScriptSyntaxError(`bad case pattern: ${describe(after)}`, after.line);
      }
      const body = this.parseList(esac, CASE_ENDS);
      const end = this.peek();
      let terminator: CaseArm['terminator'] = ';;';
      if (end.type === 'op' && CASE_ENDS.has(end.op)) {
        terminator = end.op as CaseArm['terminator'];
        this.next();
      }
      arms.push({ patterns, body, terminator });
    }
    this.expectWord('esac', 'case', line);
    return { kind: 'case', subject: subject.word, arms, redirects: this.parseRedirects() };
  }

  private parseFunction(line: number): Command {
    this.next();
    const name = this.next();
    if (name.type !== 'word' || name.word.literal === undefined) {
      throw new ScriptSyntaxError('expected a function name after "function"', line);
    }
    if (this.isOp(this.peek(), '(')) {
      this.next();
      this.expectOp(')', '(', line);
    }
    return this.functionBody(name.word.literal);
  }

  private functionBody(name: string): Command {
    this.skipNewlines();
    const body = this.parseCommand();
    this.context.functionNames.add(name);
    return { kind: 'function', name, body, redirects: [] };
  }

  private parseSimple(): Command {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    let declaration = false;
    for (;;) {
      const token = this.peek();
      if (token.type === 'io' || (token.type === 'op' && REDIRECT_OPS.has(token.op))) {
        redirects.push(this.parseRedirect());
        continue;
      }
      if (token.type !== 'word') break;
      this.next();
      if (words.length === 0) {
        const assignment = splitAssignment(token.word, this.posixShell);
        if (assignment) {
          assignments.push(assignment);
          continue;
        }
        if (token.plain && this.isOp(this.peek(), '(')) {
          this.next();
          this.expectOp(')', `${token.word.literal}(`, token.line);
          return this.functionBody(token.word.literal ?? '');
        }
        declaration = token.plain && DECLARATION_COMMANDS.has(token.word.literal ?? '');
      } else if (declaration && startsWithAssignment(token.word)) {
        // `local -a NAME=(...)`: the builtin is given `NAME=` and sets it empty.
        if (token.word.arrayElements) this.context.unsupported('array assignment in a declaration');
        words.push({ ...token.word, noSplit: true });
        continue;
      }
      words.push(token.word);
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
      const token = this.peek();
      throw new ScriptSyntaxError(`unexpected ${describe(token)}`, token.line);
    }
    const literalArgv = words.every((word) => word.literal !== undefined && !word.noSplit)
      ? words.map((word) => word.literal as string)
      : undefined;
    return { kind: 'simple', assignments, words, redirects, literalArgv };
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'io' || (token.type === 'op' && REDIRECT_OPS.has(token.op))) {
        redirects.push(this.parseRedirect());
      } else {
        return redirects;
      }
    }
  }

  private parseRedirect(): Redirect {
    let token = this.next();
    let fd: number | undefined;
    if (token.type === 'io') {
      fd = token.fd;
      token = this.next();
    }
    if (token.type !== 'op' || !REDIRECT_OPS.has(token.op)) {
      throw new ScriptSyntaxError(
        `expected a redirection after a file descriptor, found ${describe(token)}`,
        token.line,
      );
    }
    const op = token.op;
    const target = this.next();
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
      this.lexer.addHeredoc(delimiter, op === '<<-', !quoted, holder);
      return { fd: fd ?? 0, op: '<<', target: target.word, heredoc: holder };
    }
    const defaultFd = op.startsWith('<') ? 0 : 1;
    return { fd: fd ?? defaultFd, op: op as RedirectOp, target: target.word };
  }

  // [[ ... ]]

  private parseConditionOr(): ConditionExpression {
    let left = this.parseConditionAnd();
    for (;;) {
      this.skipNewlines();
      if (!this.isOp(this.peek(), '||')) return left;
      this.next();
      left = { kind: 'or', left, right: this.parseConditionAnd() };
    }
  }

  private parseConditionAnd(): ConditionExpression {
    let left = this.parseConditionNot();
    for (;;) {
      this.skipNewlines();
      if (!this.isOp(this.peek(), '&&')) return left;
      this.next();
      left = { kind: 'and', left, right: this.parseConditionNot() };
    }
  }

  private parseConditionNot(): ConditionExpression {
    this.skipNewlines();
    if (this.isWord(this.peek(), '!')) {
      this.next();
      return { kind: 'not', operand: this.parseConditionNot() };
    }
    return this.parseConditionPrimary();
  }

  private parseConditionPrimary(): ConditionExpression {
    const token = this.next();
    if (this.isOp(token, '(')) {
      const inner = this.parseConditionOr();
      this.skipNewlines();
      this.expectOp(')', '(', token.line);
      return inner;
    }
    if (token.type !== 'word' || this.isWord(token, ']]')) {
      throw new ScriptSyntaxError(`unexpected ${describe(token)} in "[[ ]]"`, token.line);
    }
    const after = this.peek();
    if (
      token.plain &&
      CONDITION_UNARY.has(token.word.literal ?? '') &&
      after.type === 'word' &&
      !this.isWord(after, ']]')
    ) {
      this.next();
      return { kind: 'unary', op: token.word.literal ?? '', operand: after.word };
    }
    const op =
      after.type === 'op' && (after.op === '<' || after.op === '>')
        ? after.op
        : after.type === 'word' && after.plain && CONDITION_BINARY.has(after.word.literal ?? '')
          ? after.word.literal
          : undefined;
    if (op === undefined) return { kind: 'word', word: token.word };
    this.next();
    if (op === '=~')
      return { kind: 'binary', op, left: token.word, right: this.lexer.readConditionRegex() };
    const right = this.next();
    if (right.type !== 'word') {
      throw new ScriptSyntaxError(
        `expected a word after "${op}" in "[[ ]]", found ${describe(right)}`,
        right.line,
      );
    }
    return { kind: 'binary', op, left: token.word, right: right.word };
  }
}

function unsupportedItem(construct: string): AndOr {
  return {
    first: { negated: false, commands: [{ kind: 'unsupported', construct, redirects: [] }] },
    rest: [],
  };
}

/** `NAME=value`, `NAME=(a b)` or `NAME[index]=value` as the first words of a command. */
function splitAssignment(word: Word, posixShell: boolean): Assignment | undefined {
  const first = word.parts[0];
  if (first === undefined || first.kind !== 'text' || first.quoted) return undefined;
  const match = ASSIGNMENT.exec(first.text);
  // sh has no arrays: `A[0]=x` is a command name it does not find.
  if (!match) return posixShell ? undefined : splitElementAssignment(word);
  const rest = first.text.slice(match[0].length);
  const parts =
    rest === '' ? word.parts.slice(1) : [{ ...first, text: rest }, ...word.parts.slice(1)];
  const assignment: Assignment = {
    name: match[1],
    append: match[2] === '+',
    value: wordOf(parts),
  };
  if (word.arrayElements) assignment.elements = word.arrayElements;
  return assignment;
}

const ELEMENT_ASSIGNMENT_START = /^([A-Za-z_][A-Za-z0-9_]*)\[/;
const ELEMENT_ASSIGNMENT_END = /^([^\]]*)\](\+?)=/;

/**
 * `NAME[index]=value`: the index runs to the first `]=` (or `]+=`) in unquoted text, and may
 * hold expansions (`URLS[$i]=`).
 */
function splitElementAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0] as Extract<WordPart, { kind: 'text' }>;
  const start = ELEMENT_ASSIGNMENT_START.exec(first.text);
  if (!start) return undefined;
  const subscript: WordPart[] = [];
  for (let index = 0; index < word.parts.length; index++) {
    const part = word.parts[index];
    const text = index === 0 ? first.text.slice(start[0].length) : undefined;
    if (part.kind !== 'text' || part.quoted) {
      subscript.push(part);
      continue;
    }
    const end = ELEMENT_ASSIGNMENT_END.exec(text ?? part.text);
    if (!end) {
      subscript.push(text === undefined ? part : { ...part, text });
      continue;
    }
    if (end[1] !== '') subscript.push({ ...part, text: end[1] });
    const rest = (text ?? part.text).slice(end[0].length);
    const valueParts = word.parts.slice(index + 1);
    return {
      name: start[1],
      append: end[2] === '+',
      subscript: wordOf(subscript),
      value: wordOf(rest === '' ? valueParts : [{ ...part, text: rest }, ...valueParts]),
    };
  }
  return undefined;
}

/** A word of these parts, with its literal text when it has no expansions. */
function wordOf(parts: WordPart[]): Word {
  let literal: string | undefined = '';
  for (const part of parts) {
    if (part.kind !== 'text') {
      literal = undefined;
      break;
    }
    literal += part.text;
  }
  return { parts, literal };
}

function startsWithAssignment(word: Word): boolean {
  const first = word.parts[0];
  return (
    first !== undefined && first.kind === 'text' && !first.quoted && ASSIGNMENT.test(first.text)
  );
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the script';
    case 'newline':
      return 'a newline';
    case 'op':
      return `"${token.op}"`;
    case 'io':
      return `"${token.fd}"`;
    case 'word':
      return token.word.literal !== undefined ? `"${token.word.literal}"` : 'a word';
  }
}
