// Scenario names identify a scenario's runs in summaries, reports and replay commands, so two
// Scenarios of one name in one file would have their runs counted together: an error.
import type { Diagnostic } from '../tekton/diagnostics.js';
import type { ExtraDocument } from '../tekton/load.js';

/** One error per Scenario whose name an earlier Scenario of the same file already has. */
export function duplicateScenarioNames(scenarios: readonly ExtraDocument[]): Diagnostic[] {
  const firstLineByKey = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  for (const document of scenarios) {
    const name = nameOf(document);
    if (name === undefined) continue;
    const location = document.source.locate(['metadata', 'name']);
    const key = `${document.source.file}\u0000${name}`;
    const firstLine = firstLineByKey.get(key);
    if (firstLine === undefined) {
      firstLineByKey.set(key, location.line);
      continue;
    }
    diagnostics.push({
      severity: 'error',
      message: `Scenario "${name}" is already defined at line ${firstLine} of this file; give each Scenario its own name`,
      fieldPath: 'metadata.name',
      location,
    });
  }
  return diagnostics;
}

function nameOf(document: ExtraDocument): string | undefined {
  const metadata = document.value.metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const name = (metadata as Record<string, unknown>).name;
  return typeof name === 'string' ? name : undefined;
}
