// One mutant of a YAML file, of one of two kinds:
// - text mutants (mutate-text.ts) edit the lines and mostly reach the `yaml` package's error
//   paths; they cost the most, as that package reads a file some ten times slower than the
//   loader's fast path, and most of them stop at a syntax error;
// - tree mutants (mutate-tree.ts) change the parsed documents and print them again, mostly as
//   block YAML (print-yaml.ts) that the fast path reads, sometimes as JSON (which is YAML too,
//   in flow style, read by the `yaml` package); they reach validation and the simulator.
import type { FuzzRandom } from './random.js';
import { mutateLines } from './mutate-text.js';
import { mutateDocument } from './mutate-tree.js';
import { blockYaml } from './print-yaml.js';
import { parseYaml } from '../../src/tekton/yaml-source.js';

/** How a mutant was made, printed with a crash. */
export type MutantKind = 'text' | 'tree, block YAML' | 'tree, plain block YAML' | 'tree, JSON';

export interface MutatedText {
  kind: MutantKind;
  text: string;
}

/**
 * The share of text mutants. Each costs about four tree mutants (the `yaml` package reads it,
 * at a tenth of the fast path's speed, and most stop at a syntax error), so the CI budget
 * goes mostly to tree mutants; the long run makes the same share over many more.
 */
const TEXT_SHARE = 0.06;

/** One to three mutations of `text`, all on its lines or all on one of its parsed documents. */
export function mutateText(
  text: string,
  random: FuzzRandom,
  others: readonly string[],
): MutatedText {
  const mutations = 1 + random.below(3);
  const parsed = random.next() < TEXT_SHARE ? undefined : parsedInput(text);
  const mutated = parsed && mutateDocument(parsed.documents, random, mutations);
  if (parsed && mutated) {
    const style = random.next();
    const kind: MutantKind =
      style < 0.45 ? 'tree, block YAML' : style < 0.95 ? 'tree, plain block YAML' : 'tree, JSON';
    const printed = parsed.printed[kind];
    // The documents not mutated print as they did the first time: only one is printed anew.
    const texts = parsed.documents.map((value, index) =>
      index === mutated.index
        ? print(kind, mutated.value)
        : (printed[index] ??= print(kind, value)),
    );
    return { kind, text: texts.join('---\n') };
  }
  let lines = text;
  for (let i = 0; i < mutations; i++) lines = mutateLines(lines, random, others);
  return { kind: 'text', text: lines };
}

function print(kind: Exclude<MutantKind, 'text'>, value: unknown): string {
  // An empty document (a `---` with nothing after it) stays empty, not an explicit null.
  if (value === null) return '';
  if (kind === 'tree, JSON') return `${JSON.stringify(value)}\n`;
  return blockYaml(value, kind === 'tree, block YAML' ? 'quoted' : 'plain');
}

interface ParsedInput {
  documents: unknown[];
  /** Each document printed in each style, as it is needed. */
  printed: Record<Exclude<MutantKind, 'text'>, string[]>;
}

// The same few hundred files are mutated thousands of times: each is parsed once.
const parsedByText = new Map<string, ParsedInput | undefined>();

/** The documents of `text` as plain values, as the loader reads them; undefined if it cannot. */
function parsedInput(text: string): ParsedInput | undefined {
  if (!parsedByText.has(text)) {
    const parsed = parseYaml(text, 'input.yaml');
    const usable = parsed.documents.length > 0 && parsed.diagnostics.length === 0;
    parsedByText.set(
      text,
      usable
        ? {
            documents: parsed.documents.map((document) => document.value),
            printed: { 'tree, block YAML': [], 'tree, plain block YAML': [], 'tree, JSON': [] },
          }
        : undefined,
    );
  }
  return parsedByText.get(text);
}
