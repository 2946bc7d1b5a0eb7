// What validateTaskRunSpec checks in a PipelineRun's taskRunSpecs entry besides its API level
// and timeout: stepSpecs and sidecarSpecs each need a name, no name twice (compared without
// case), and a step-level `computeResources` excludes the entry's own.
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';

/** validateStepSpecs / validateSidecarSpecs, for `list` (its path is `listPath`). */
export function validateOverrideNames(
  list: unknown,
  listPath: FieldPath,
  reporter: Reporter,
): void {
  const named: { name: string; position: number }[] = [];
  asArray(list as readonly unknown[] | undefined).forEach((item, position) => {
    const name = isObject(item) && typeof item.name === 'string' ? item.name : '';
    if (name === '') reporter.error('missing field(s)', listPath.index(position).child('name'));
    else named.push({ name, position });
  });
  // validateNoDuplicateNames counts among the named entries only, so its index is the
  // repeat's place in that list (Tekton's quirk; it differs once an earlier entry has no
  // name). The message points at the entry the user wrote.
  const seen = new Set<string>();
  named.forEach(({ name, position }, index) => {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      const written = listPath.index(position).child('name');
      reporter.error(
        'expected exactly one, got both',
        written.spelled(`${listPath.text}[${index}].name`),
      );
    }
    seen.add(key);
  });
}

/**
 * validateTaskRunComputeResources: an entry with its own computeResources may not also give
 * resources to a step (a step spec whose computeResources is not empty).
 */
export function validateComputeResourcesOnce(
  entry: Record<string, unknown>,
  entryPath: FieldPath,
  stepListName: string,
  reporter: Reporter,
): void {
  if (entry.computeResources === undefined || entry.computeResources === null) return;
  const stepHasResources = asArray(entry.stepSpecs as readonly unknown[] | undefined).some(
    (step) => isObject(step) && isNonEmptyResources(step.computeResources),
  );
  if (!stepHasResources) return;
  reporter.error('expected exactly one, got both', [
    entryPath.child('computeResources'),
    entryPath.child('stepSpecs').spelled(`${entryPath.text}.${stepListName}.resources`),
  ]);
}

/** ResourceRequirements.Size() != 0: some limit, request or claim is set. */
function isNonEmptyResources(value: unknown): boolean {
  if (!isObject(value)) return false;
  return Object.values(value).some((part) =>
    Array.isArray(part) ? part.length > 0 : isObject(part) && Object.keys(part).length > 0,
  );
}
