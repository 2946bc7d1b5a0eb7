// `$` expansions: `$NAME` and the special parameters, `$(commands)`, `$((arithmetic))`,
// Tekton's `$(params.x)` references, `$'...'` and `$"..."`, and the `${...}` parameter forms
// (`${#NAME}`, `${!NAME}`, `${NAME[i]}`, `${NAME:-word}`, `${NAME#pattern}`,
// `${NAME/pattern/replacement}`, `${NAME:offset:length}`), whose words are read here too.
import type { ParameterOp, PatternOp, Word } from './ast.js';
import { matchingClose, PartsBuilder, type Scan, ScriptSyntaxError } from './lex-scan.js';
import {
  addReference,
  readAnsiQuoted,
  readQuotedOrExpansion,
  TEKTON_REFERENCE,
} from './lex-words.js';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** The pattern and substring forms after `${NAME`, longest first. */
const PATTERN_OP = /^(##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|:)/;

/** Reads from `$`: a Tekton reference, command substitution, parameter, or a plain `$`. */
export function readDollar(scan: Scan, builder: PartsBuilder, quoted: boolean): void {
  const source = scan.source;
  const next = source[scan.pos + 1];
  if (next === '(') {
    if (source[scan.pos + 2] === '(') {
      const start = scan.pos + 3;
      const line = scan.line;
      const end = matchingClose(scan, start, 2);
      scan.pos = end;
      const expression = scan.host.parseNestedWord(
        source.slice(start, end - 2),
        line,
        'arithmetic',
      );
      builder.add({ kind: 'arithmetic', expression, quoted });
      return;
    }
    const reference = TEKTON_REFERENCE.exec(source.slice(scan.pos, scan.pos + 512));
    if (reference) {
      scan.pos += reference[0].length;
      addReference(scan, builder, reference[0], quoted);
      return;
    }
    scan.pos += 2;
    builder.add({ kind: 'command', body: scan.host.parseCommandSubstitution(), quoted });
    return;
  }
  if (next === '{') {
    readBracedParameter(scan, builder, quoted);
    return;
  }
  if (next !== undefined && NAME_START.test(next)) {
    let end = scan.pos + 2;
    while (end < source.length && NAME_CHAR.test(source[end])) end++;
    builder.add({
      kind: 'parameter',
      name: source.slice(scan.pos + 1, end),
      op: '',
      argument: undefined,
      quoted,
    });
    scan.pos = end;
    return;
  }
  if (next !== undefined && /[0-9?#@*$!-]/.test(next)) {
    builder.add({ kind: 'parameter', name: next, op: '', argument: undefined, quoted });
    scan.pos += 2;
    return;
  }
  if (next === "'" && !quoted) {
    readAnsiQuoted(scan, builder);
    return;
  }
  if (next === '"' && !quoted) {
    // `$"..."` is bash's translatable string: without translations, a double-quoted one.
    scan.pos++;
    return;
  }
  builder.addText('$', quoted);
  scan.pos++;
}

function readBracedParameter(scan: Scan, builder: PartsBuilder, quoted: boolean): void {
  const source = scan.source;
  let index = scan.pos + 2;
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
  if (name === '') throw new ScriptSyntaxError('bad substitution "${"', scan.line);
  let subscript: Word | '@' | '*' | undefined;
  if (source[end] === '[' && NAME_START.test(name)) {
    const close = source.indexOf(']', end + 1);
    if (close < 0) throw new ScriptSyntaxError(`bad substitution "\${${name}["`, scan.line);
    const text = source.slice(end + 1, close);
    subscript =
      text === '@' || text === '*' ? text : scan.host.parseNestedWord(text, scan.line, 'heredoc');
    end = close + 1;
  }
  const withSubscript = subscript === undefined ? {} : { subscript };
  const operator = /^(:-|:=|:\+|:\?|-|=|\+|\?)/.exec(source.slice(end, end + 2));
  if (source[end] === '}') {
    scan.pos = end + 1;
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
    scan.pos = end + operator[0].length;
    const argument = readBraceArgument(scan, '').word;
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
    scan.pos = end + pattern[0].length;
    const op: PatternOp = pattern[0] === ':' ? 'substring' : (pattern[0] as PatternOp);
    // `${NAME/pattern/replacement}` and `${NAME:offset:length}` have a second argument.
    const separator: '' | '/' | ':' = op === 'substring' ? ':' : op.startsWith('/') ? '/' : '';
    const first = readBraceArgument(scan, separator);
    const second =
      first.stoppedAt === separator && separator !== '' ? readBraceArgument(scan, '') : undefined;
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
  scan.host.unsupported(`parameter expansion \${${name}${source[end] ?? ''}...}`);
  scan.pos = end;
  readBraceArgument(scan, '');
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
function readBraceArgument(
  scan: Scan,
  separator: '' | '/' | ':',
): { word: Word; stoppedAt: string } {
  const builder = new PartsBuilder();
  const source = scan.source;
  while (scan.pos < source.length) {
    const char = source[scan.pos];
    if (char === '}' || (char === separator && separator !== '')) {
      scan.pos++;
      return { word: builder.finish(), stoppedAt: char };
    }
    if (char === '\\' && scan.pos + 1 < source.length) {
      builder.addText(source[scan.pos + 1], true);
      scan.pos += 2;
    } else if (!readQuotedOrExpansion(scan, builder, char)) {
      if (char === '\n') scan.line++;
      builder.addText(char, false);
      scan.pos++;
    }
  }
  throw new ScriptSyntaxError('unterminated "${"', scan.line);
}
