// Validation tests build resources from YAML text through the real loader, so locations are
// real lines and columns, and assert on exact Tekton messages and field paths.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { runCli } from '../../cli/run-cli.js';
import {
  formatDiagnostic,
  type Diagnostic,
  type Severity,
} from '../../../src/tekton/diagnostics.js';
import { loadText } from '../../../src/tekton/load.js';
import { validateResources, type ValidationOptions } from '../../../src/tekton/validate/index.js';

export const FILE = 'test.yaml';

/** Strips the common indentation of a template literal, so YAML can be indented with the test. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce(
    (all, part, i) => all + part + (i < values.length ? String(values[i]) : ''),
    '',
  );
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n')
    .split('\n');
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

/** Loads the YAML and validates every resource in it; loading must succeed cleanly. */
export function validate(text: string, options: ValidationOptions = {}): Diagnostic[] {
  const set = loadText(text, FILE);
  const loadErrors = set.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  assert.equal(loadErrors.map(formatDiagnostic), [], 'the test YAML must load');
  return validateResources(set.resources, options);
}

/** A Pipeline named `p` with the given spec body (YAML under `spec:`, unindented). */
export function pipeline(specBody: string): string {
  return `apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n${indent(specBody, 2)}`;
}

/** A PipelineRun named `r` with the given spec body. */
export function pipelineRun(specBody: string, apiVersion = 'tekton.dev/v1'): string {
  return `apiVersion: ${apiVersion}\nkind: PipelineRun\nmetadata:\n  name: r\nspec:\n${indent(specBody, 2)}`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : pad + line))
    .join('\n');
}

export interface Expected {
  message: string;
  fieldPath?: string;
  severity?: Severity;
  /** 1-based line in the test YAML, when the test pins it. */
  line?: number;
}

/** Asserts that one diagnostic has exactly this message and field path (and line, if given). */
export function expectDiagnostic(
  diagnostics: readonly Diagnostic[],
  expected: Expected,
): Diagnostic {
  const found = diagnostics.find(
    (diagnostic) =>
      diagnostic.message === expected.message && diagnostic.fieldPath === expected.fieldPath,
  );
  assert.ok(
    found,
    `expected ${expected.severity ?? 'error'} "${expected.message}" at ${expected.fieldPath ?? '(no path)'}; got:\n` +
      diagnostics.map(formatDiagnostic).join('\n'),
  );
  assert.is(found.severity, expected.severity ?? 'error');
  assert.is(found.location?.file, FILE);
  if (expected.line !== undefined) assert.is(found.location?.line, expected.line, 'line');
  return found;
}

/** Asserts the diagnostics are exactly these (message and path), in any order. */
export function expectExactly(
  diagnostics: readonly Diagnostic[],
  expected: readonly Expected[],
): void {
  const describe = (d: { severity?: string; message: string; fieldPath?: string }) =>
    `${d.severity ?? 'error'}: ${d.message} (${d.fieldPath ?? ''})`;
  assert.equal(
    diagnostics.map(describe).sort(),
    expected.map((e) => describe({ severity: e.severity ?? 'error', ...e })).sort(),
  );
  for (const item of expected) expectDiagnostic(diagnostics, item);
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
}

/**
 * `tekton-sim validate --quiet` of a file under test/conformance/invalid-cases/: it must exit 1;
 * returns the file's path and its error lines, each without the path (`line:col: error: ...`).
 */
export async function invalidCaseErrors(name: string): Promise<{ file: string; errors: string[] }> {
  const file = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'conformance',
    'invalid-cases',
    name,
  );
  const result = await runCli('validate', '--quiet', file);
  assert.is(result.code, 1, result.stderr);
  const errors = result.stdout
    .split('\n')
    .filter((line) => line.includes(': error: '))
    .map((line) => line.slice(file.length + 1));
  return { file, errors };
}
