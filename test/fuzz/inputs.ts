// The inputs the fuzzer mutates: the bundled scenarios and, when it is present beside the
// project, the corpus of real Tekton files. Each keeps its path, so a Scenario's spec.include
// still finds the files beside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIRECTORY = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus', 'tekton');
const SCENARIOS_DIRECTORY = path.join(PROJECT_ROOT, 'scenarios');

const SCENARIO_KIND = /^kind: *Scenario\b/m;

export interface FuzzInput {
  /** Path relative to the project root, as messages and includes see it. */
  file: string;
  text: string;
  /** True when the file holds a Scenario, which the loop picks more often than its share. */
  scenario: boolean;
}

export interface FuzzInputs {
  inputs: FuzzInput[];
  /** Why the corpus is not among the inputs, when it is not. */
  corpusNote?: string;
}

/** Files up to `maxSizeBytes`, sorted by path so the order is the same everywhere. */
export function collectInputs(maxSizeBytes: number): FuzzInputs {
  const inputs = yamlFilesUnder(SCENARIOS_DIRECTORY, maxSizeBytes);
  if (!fs.existsSync(CORPUS_DIRECTORY))
    return {
      inputs,
      corpusNote: `corpus not found at ${CORPUS_DIRECTORY}; fuzzing scenarios/ only`,
    };
  return { inputs: [...inputs, ...yamlFilesUnder(CORPUS_DIRECTORY, maxSizeBytes)] };
}

function yamlFilesUnder(directory: string, maxSizeBytes: number): FuzzInput[] {
  const files: string[] = [];
  const visit = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.ya?ml$/.test(entry.name) && fs.statSync(full).size <= maxSizeBytes)
        files.push(full);
    }
  };
  visit(directory);
  return files.sort().map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { file: path.relative(PROJECT_ROOT, file), text, scenario: SCENARIO_KIND.test(text) };
  });
}
