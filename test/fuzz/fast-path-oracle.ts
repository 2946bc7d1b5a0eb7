// A second oracle besides "no exception": the loader's fast YAML reader must read a text
// exactly as the `yaml` package does, or leave it to that package. Mutants are odd YAML
// (lines moved and re-indented, stray characters, flow lists of maps) in the shapes of real
// files, which the fast path's own tests do not generate. Comparing costs a `yaml` package
// read, so the loop asks for it on a share of the mutants.
import { readFastYaml } from '../../src/tekton/yaml-fast-path.js';
import { parseWithYamlPackage } from '../../src/tekton/yaml-source.js';

/** Thrown when the two readings differ: the fuzz loop reports it as a crash, with the input. */
export class FastPathDisagreement extends Error {
  override name = 'FastPathDisagreement';
}

/**
 * Throws FastPathDisagreement when the fast path reads `text` and reads it differently.
 * `fastValues` stands in for the fast path's reading, to show that a difference is caught.
 */
export function checkFastPath(
  text: string,
  fastValues: (values: unknown[]) => unknown[] = (values) => values,
): void {
  const fast = readFastYaml(text);
  if (!fast) return;
  const mine = fastValues(fast.documents.map((document) => document.value));
  const slow = parseWithYamlPackage(text, 'mutant.yaml');
  const error = slow.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (error)
    throw new FastPathDisagreement(
      `the fast path read what the yaml package refuses: ${error.message}`,
    );
  if (mine.length !== slow.documents.length)
    throw new FastPathDisagreement(
      `the fast path read ${mine.length} documents, the yaml package ${slow.documents.length}`,
    );
  mine.forEach((value, index) => {
    const fastText = typed(value);
    const slowText = typed(slow.documents[index].value);
    if (fastText !== slowText)
      throw new FastPathDisagreement(
        `document ${index + 1}: the fast path read ${fastText}, the yaml package ${slowText}`,
      );
  });
}

/** Numbers are tagged so that 1 and "1", or 0 and -0, differ. */
function typed(value: unknown): string {
  return JSON.stringify(value, (_key, each) =>
    typeof each === 'number' ? `number:${Object.is(each, -0) ? '-0' : each}` : each,
  );
}
