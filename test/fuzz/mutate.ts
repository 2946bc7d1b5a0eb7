// Mutations of YAML text. Half work on the text (lines deleted, repeated, swapped, re-indented,
// cut short, stray characters), reaching the YAML parser's error paths; half work on the parsed
// documents (a value replaced by a hostile one, a key dropped, renamed or added, a list item
// repeated or removed) and print valid YAML again, reaching validation and the simulator.
import { parseAllDocuments, stringify } from 'yaml';
import type { FuzzRandom } from './random.js';

/** Values chosen to sit at the edges of what each field accepts. */
const HOSTILE_VALUES: readonly unknown[] = [
  '',
  0,
  -1,
  1,
  2,
  0.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  '99999999999999999999',
  1e20,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  true,
  false,
  [],
  {},
  [[]],
  [{}],
  { a: 1 },
  'x',
  'a'.repeat(300),
  '0s',
  '1s',
  '1ms',
  '-1s',
  '1h',
  '10000000h',
  '1.5h',
  '1e3s',
  'PT1H',
  '1000000',
  '-5',
  '1..0',
  '0..9007199254740993',
  '1e20',
  'NaN',
  '$(params.p)',
  '$(params.p[*])',
  '$(params.o.key)',
  '$(tasks.a.results.r)',
  '$(tasks.a.results.r[0])',
  '$(tasks.a.status)',
  '$(tasks.status)',
  '$(finally.f.results.r)',
  '$(context.pipelineRun.name)',
  '$(context.pipelineRun.uid)',
  '$(',
  '$()',
  '$(params.',
  'Cancelled',
  'CancelledRunFinally',
  'StoppedRunFinally',
  'PipelineRunPending',
  'continue',
  'stopAndFail',
  'in',
  'notin',
  'Succeeded',
  'Failed',
  'None',
  "'a' == 'a'",
  "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('^(a+)+$')",
  'size(',
  '1 / 0',
  'sleep 10',
  'sleep 1e9',
  'sleep infinity',
  'exit 1',
  'exit 256',
  'set -e\nfalse\nsleep 1',
  'printf x > $(results.r.path)',
  'echo -n $(params.p) | tee $(results.r.path)',
  'if [ "$(params.p)" = x ]; then exit 1; fi',
  '#!/bin/sh\nsleep 1 && exit 0',
  'tekton.dev/v1',
  'tekton.dev/v1beta1',
  'tekton-sim/v1alpha1',
  'Pipeline',
  'PipelineRun',
  'Task',
  'Scenario',
  'List',
  '\u0000',
  '\u202e',
  '日本語',
  'a\nb',
];

/** Field names Tekton and Scenarios use, to rename or add keys with. */
const KNOWN_KEYS: readonly string[] = [
  'tasks',
  'finally',
  'runAfter',
  'when',
  'input',
  'operator',
  'values',
  'cel',
  'params',
  'name',
  'value',
  'results',
  'retries',
  'timeout',
  'timeouts',
  'pipeline',
  'steps',
  'script',
  'image',
  'onError',
  'matrix',
  'include',
  'taskRef',
  'taskSpec',
  'pipelineRef',
  'pipelineSpec',
  'status',
  'taskRunSpecs',
  'pipelineTaskName',
  'type',
  'default',
  'properties',
  'items',
  'stepTemplate',
  'displayName',
  'workspaces',
  'seeds',
  'duration',
  'failure',
  'probability',
  'retryProbability',
  'cancel',
  'mode',
  'at',
  'overrides',
  'expectations',
  'lognormal',
  'median',
  'p95',
  'uniform',
  'min',
  'max',
  'mixture',
  'weight',
  'fixed',
  'profile',
  'defaultTimeout',
  'pipelineRun',
  'metadata',
  'spec',
  'apiVersion',
  'kind',
  'generateName',
];

const STRAY_TEXT: readonly string[] = [
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '!!str ',
  '|',
  '>',
  "'",
  '"',
  '#',
  '%',
  '@',
  '`',
  '\t',
  '\n',
  '  ',
  '---\n',
  '...\n',
  '<<: *a\n',
  '? ',
  ',',
  '\\',
  '\uFEFF',
  '\r\n',
];

/**
 * One to three mutations of `text`, all on its lines or all on its parsed documents (parsed
 * once per text and cached, as the same few hundred files are mutated thousands of times).
 */
export function mutateText(text: string, random: FuzzRandom, others: readonly string[]): string {
  const mutations = 1 + random.below(3);
  const documents = random.next() < 0.5 ? parsedDocuments(text) : undefined;
  if (documents) {
    const values = structuredClone(documents);
    const target = values[random.below(values.length)];
    const containers = containersOf(target);
    if (containers.length > 0) {
      for (let i = 0; i < mutations; i++) mutateContainer(random.pick(containers), random);
      // Block YAML as Tekton files are written, printed here (the loader reads it on its fast
      // path); JSON, which is YAML too, for the flow style; the yaml package's own printer
      // for its quoting choices. The first two cost a tenth of the third.
      const style = random.next();
      const print =
        style < 0.6
          ? (value: unknown) => blockYaml(value, '')
          : style < 0.9
            ? (value: unknown) => `${JSON.stringify(value)}\n`
            : (value: unknown) => stringify(value, { aliasDuplicateObjects: false });
      return values.map(print).join('---\n');
    }
  }
  let mutated = text;
  for (let i = 0; i < mutations; i++) mutated = mutateLines(mutated, random, others);
  return mutated;
}

const parsedByText = new Map<string, unknown[] | undefined>();

/** The documents of `text` as plain values; undefined when it is not clean YAML. */
function parsedDocuments(text: string): unknown[] | undefined {
  if (!parsedByText.has(text)) parsedByText.set(text, parseQuietly(text));
  return parsedByText.get(text);
}

function parseQuietly(text: string): unknown[] | undefined {
  const documents = parseAllDocuments(text, { logLevel: 'silent' });
  if (!Array.isArray(documents) || documents.length === 0) return undefined;
  if (documents.some((document) => document.errors.length > 0)) return undefined;
  try {
    return documents.map((document) => document.toJS({ maxAliasCount: 100 }));
  } catch {
    return undefined;
  }
}

function mutateLines(text: string, random: FuzzRandom, others: readonly string[]): string {
  const lines = text.split('\n');
  const at = random.below(lines.length);
  switch (random.below(8)) {
    case 0:
      lines.splice(at, 1 + random.below(3));
      break;
    case 1:
      lines.splice(at, 0, lines[random.below(lines.length)]);
      break;
    case 2: {
      const other = random.below(lines.length);
      [lines[at], lines[other]] = [lines[other], lines[at]];
      break;
    }
    case 3:
      lines[at] = random.next() < 0.5 ? `  ${lines[at]}` : lines[at].replace(/^ {1,2}/, '');
      break;
    case 4:
      return text.slice(0, random.below(text.length + 1));
    case 5: {
      const line = lines[at];
      const column = random.below(line.length + 1);
      lines[at] = line.slice(0, column) + random.pick(STRAY_TEXT) + line.slice(column);
      break;
    }
    case 6: {
      // A number anywhere becomes an extreme one.
      lines[at] = lines[at].replace(/\d+/, String(random.pick(HOSTILE_VALUES)));
      break;
    }
    default: {
      const source = others.length > 0 ? random.pick(others).split('\n') : lines;
      lines.splice(at, 0, random.pick(source));
    }
  }
  return lines.join('\n');
}

type Container = Record<string, unknown> | unknown[];

function mutateContainer(container: Container, random: FuzzRandom): void {
  if (Array.isArray(container)) {
    if (container.length === 0) {
      container.push(structuredCloneSafe(random.pick(HOSTILE_VALUES)));
      return;
    }
    const index = random.below(container.length);
    const choice = random.below(4);
    if (choice === 0) container.splice(index, 1);
    else if (choice === 1) container.splice(index, 0, structuredCloneSafe(container[index]));
    else if (choice === 2) container[index] = structuredCloneSafe(random.pick(HOSTILE_VALUES));
    else container.push(...container.map(structuredCloneSafe));
    return;
  }
  const keys = Object.keys(container);
  const choice = keys.length === 0 ? 3 : random.below(5);
  const key = keys.length > 0 ? random.pick(keys) : '';
  if (choice === 0) container[key] = structuredCloneSafe(random.pick(HOSTILE_VALUES));
  else if (choice === 1) delete container[key];
  else if (choice === 2) {
    const renamed = random.pick(KNOWN_KEYS);
    container[renamed] = container[key];
    if (renamed !== key) delete container[key];
  } else if (choice === 3)
    container[random.pick(KNOWN_KEYS)] = structuredCloneSafe(random.pick(HOSTILE_VALUES));
  else {
    // A value moved to a sibling key: a list where a map belongs, a string where a list does.
    const other = random.pick(keys);
    [container[key], container[other]] = [container[other], container[key]];
  }
}

/** Every map and list in `value`, in document order. */
function containersOf(value: unknown): Container[] {
  const found: Container[] = [];
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    found.push(node as Container);
    for (const child of Object.values(node)) visit(child);
  };
  visit(value);
  return found;
}

function structuredCloneSafe<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : structuredClone(value);
}

/**
 * Block YAML with plain keys where they read as strings and every string value double-quoted
 * (JSON's escapes are YAML's); numbers YAML cannot write in JSON's form (NaN, Infinity) as .nan
 * and .inf. Maps in lists start on the dash's line, as Tekton's files do.
 */
export function blockYaml(value: unknown, indent: string): string {
  if (isScalar(value)) return `${indent}${scalarText(value)}\n`;
  return blockLines(value as Container, indent).join('\n') + '\n';
}

function blockLines(container: Container, indent: string): string[] {
  const lines: string[] = [];
  if (Array.isArray(container)) {
    for (const item of container) {
      if (isScalar(item) || isEmpty(item) || Array.isArray(item)) {
        lines.push(`${indent}- ${Array.isArray(item) ? flowText(item) : scalarText(item)}`);
        continue;
      }
      const inner = blockLines(item as Container, `${indent}  `);
      lines.push(`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1));
    }
    return lines;
  }
  for (const [key, item] of Object.entries(container)) {
    const label = `${indent}${keyText(key)}:`;
    if (isScalar(item) || isEmpty(item)) lines.push(`${label} ${scalarText(item)}`);
    else lines.push(label, ...blockLines(item as Container, `${indent}  `));
  }
  return lines;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function isEmpty(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function scalarText(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** A list inside a list, on one line: `[1, "a", []]`. */
function flowText(list: unknown[]): string {
  return `[${list.map((item) => (Array.isArray(item) ? flowText(item) : isScalar(item) ? scalarText(item) : JSON.stringify(item))).join(', ')}]`;
}

function keyText(key: string): string {
  return /^[A-Za-z_][\w./-]*$/.test(key) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(key)
    ? key
    : JSON.stringify(key);
}
