// Messages about the user's input: Tekton's own message text, the field path Tekton reports,
// and where in which file the user wrote it. Every input problem is one of these; nothing
// about bad input reaches the user as a stack trace.

export interface SourceLocation {
  file: string;
  /** 1-based, as editors count. */
  line: number;
  /** 1-based, as editors count. */
  column: number;
}

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  severity: Severity;
  /** Tekton's message text where Tekton has one, exactly. */
  message: string;
  /** Tekton-style field path, e.g. `spec.tasks[1].name`. */
  fieldPath?: string;
  location?: SourceLocation;
  /** `Kind/name` of the resource the message is about, when there is one. */
  resource?: string;
  /** A FieldError's details: the explanation Tekton prints on its own line after the path. */
  details?: string;
}

/** `file:line:col: error: <message> (<field path>)`, the form compilers and editors understand. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.location
    ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}: `
    : '';
  const path = diagnostic.fieldPath ? ` (${diagnostic.fieldPath})` : '';
  const details = diagnostic.details ? `\n${diagnostic.details}` : '';
  return `${where}${diagnostic.severity}: ${diagnostic.message}${path}${details}`;
}

/**
 * Input the simulator cannot use: unreadable files, malformed YAML, invalid resources or
 * scenarios, bad flags. The CLI prints the diagnostics and exits 2. It carries no stack
 * trace: the diagnostics say where the problem is, in the user's files, and collecting the
 * frames is most of what building one costs where input is refused often (validation of
 * each prepared run, each Scenario, each fuzz mutant).
 */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[] | Diagnostic) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(list.map(formatDiagnostic).join('\n'));
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'InputError';
    this.diagnostics = list;
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
