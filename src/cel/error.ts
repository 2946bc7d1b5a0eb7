// The one error type of the CEL subset. Compile-time errors carry the position and render the way
// cel-go renders its issues (`ERROR: <input>:line:column: message` plus a caret line), because
// Tekton puts that text verbatim into `invalid cel expression: ... with err: ...`.

export type CelErrorKind = 'syntax' | 'unsupported' | 'type' | 'runtime';

export class CelError extends Error {
  override readonly name = 'CelError';
  readonly kind: CelErrorKind;
  /** The message without location or snippet. */
  readonly detail: string;
  /** 1-based line and column (in code points) of the offending token; absent at run time. */
  readonly line?: number;
  readonly column?: number;

  constructor(kind: CelErrorKind, detail: string, location?: { source: string; offset: number }) {
    const where = location ? locate(location.source, location.offset) : undefined;
    super(where ? render(detail, where) : detail);
    this.kind = kind;
    this.detail = detail;
    this.line = where?.line;
    this.column = where?.column;
  }
}

interface Where {
  line: number;
  column: number;
  lineText: string;
}

function locate(source: string, offset: number): Where {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let lineEnd = source.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = source.length;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (source.charCodeAt(i) === 10) line++;
  const column = [...source.slice(lineStart, offset)].length + 1;
  return { line, column, lineText: source.slice(lineStart, lineEnd) };
}

function render(detail: string, where: Where): string {
  return (
    `ERROR: <input>:${where.line}:${where.column}: ${detail}\n` +
    ` | ${where.lineText}\n` +
    ` | ${'.'.repeat(where.column - 1)}^`
  );
}

/** Appended to every "outside the subset" error so the user knows it is our limit, not CEL's. */
export const SUBSET_NOTE =
  '(tekton-sim evaluates a subset of CEL: literals, comparisons, &&, ||, !, in, size, ' +
  'startsWith, endsWith, contains, matches)';

export function unsupported(construct: string, source: string, offset: number): CelError {
  return new CelError('unsupported', `unsupported CEL construct: ${construct} ${SUBSET_NOTE}`, {
    source,
    offset,
  });
}
