// The header of a part file, checked before its sections are read: a part that was cut,
// edited or mixed from other files must be refused with its file named (exit 2), not crash
// the merge (exit 3) nor give a report of wrong numbers (exit 0). What is checked is what the
// merge and the report rely on: the shard and scenario headers, each store's scenario and
// seeds (exactly the shard's slice of the scenario's range), every column's size (a known
// width, and as many bytes as its length says) and that the sections are numbered 0..K-1,
// each once. Labels inside the columns (metric and task names, reason words) are checked to be
// strings; their values are the shard's own. That the sections hold the bytes the header says
// is checked as they are read (cli/part-file.ts).
import { seedRangeProblem } from '../model/seed-bounds.js';
import { MAX_ARRIVALS } from '../workload/limits.js';
import { MAX_SHARD_COUNT } from './shards.js';

const BYTES_PER_VALUE: Record<string, number> = { u8: 1, u16: 2, i32: 4, f64: 8 };
/** The per-seed columns of a store: one value a seed of the shard. */
const SEED_COLUMNS = [
  'status',
  'reason',
  'eventCount',
  'endTimeMs',
  'rowEnd',
  'violated',
  'bugs',
  'timeouts',
];
/** Keys whose values are names or words wherever they appear in a store. */
const STRING_KEYS = new Set(['field', 'task', 'kind']);
/** The kinds of a metric field (number, yes/no, list) or task field (number, string). */
const FIELD_KINDS = new Set(['number', 'flag', 'list', 'string']);
const STRING_LIST_KEYS = new Set(['words', 'strings', 'measured']);

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** What is wrong with a part's content, in a few words, or undefined when it may be merged. */
export function partialContentProblem(part: Raw): string | undefined {
  if (typeof part.version !== 'string') return 'its version is not a string';
  const shard = part.shard;
  if (
    !isObject(shard) ||
    !isCount(shard.index) ||
    !isCount(shard.count) ||
    shard.index < 1 ||
    shard.index > shard.count ||
    shard.count > MAX_SHARD_COUNT
  )
    return `its shard is not I/N with 1 <= I <= N <= ${MAX_SHARD_COUNT}`;
  const scenarios = part.scenarios as unknown[];
  const stores = part.stores as unknown[];
  for (let index = 0; index < scenarios.length; index++) {
    const scenario = scenarios[index];
    const where = `scenarios[${index}]`;
    if (!isObject(scenario)) return `${where} is not an object`;
    for (const key of ['name', 'file', 'profile'])
      if (typeof scenario[key] !== 'string') return `${where}.${key} is not a string`;
    const seeds = scenario.seeds;
    if (
      !isObject(seeds) ||
      typeof seeds.first !== 'number' ||
      typeof seeds.last !== 'number' ||
      seedRangeProblem(seeds.first, seeds.last) !== undefined
    )
      return `${where}.seeds is not a seed range`;
    if (typeof scenario.namedInReplay !== 'boolean')
      return `${where}.namedInReplay is not true or false`;
    const problem = storeProblem(
      stores[index],
      `stores[${index}]`,
      scenario,
      seeds as unknown as SeedRange,
      shard as unknown as Slice,
    );
    if (problem !== undefined) return problem;
  }
  if (!(part.attemptsCsv as unknown[]).every(isSectionRef))
    return 'its attemptsCsv is not a list of sections';
  return sectionNumberingProblem([
    ...sectionRefsIn(part.stores),
    ...(part.attemptsCsv as SectionRef[]),
  ]);
}

interface SectionRef {
  section: number;
  bytes: number;
}

const isSectionRef = (value: unknown): value is SectionRef =>
  isObject(value) &&
  Object.keys(value).length === 2 &&
  isCount(value.section) &&
  isCount(value.bytes);

function sectionRefsIn(value: unknown, found: SectionRef[] = []): SectionRef[] {
  if (Array.isArray(value)) for (const item of value) sectionRefsIn(item, found);
  else if (isSectionRef(value)) found.push(value);
  else if (isObject(value)) for (const item of Object.values(value)) sectionRefsIn(item, found);
  return found;
}

/** The sections are read in order, each filling the one column or CSV that names it. */
function sectionNumberingProblem(refs: SectionRef[]): string | undefined {
  const numbers = refs.map((ref) => ref.section).sort((a, b) => a - b);
  if (numbers.some((section, index) => section !== index))
    return `its sections are not numbered 0..${refs.length - 1}, each once`;
  return undefined;
}

interface SeedRange {
  first: number;
  last: number;
}

interface Slice {
  index: number;
  count: number;
}

/** The seeds shard `index` of `count` runs of a range, as shardPlan cuts it; none past the seeds. */
export function shardSlice(range: SeedRange, shard: Slice): SeedRange | undefined {
  const seeds = range.last - range.first + 1;
  const parts = Math.min(shard.count, seeds);
  if (shard.index > parts) return undefined;
  const part = shard.index - 1;
  const base = Math.floor(seeds / parts);
  const extra = seeds % parts;
  const first = range.first + part * base + Math.min(part, extra);
  return { first, last: first + base + (part < extra ? 1 : 0) - 1 };
}

function storeProblem(
  store: unknown,
  where: string,
  scenario: Raw,
  seeds: SeedRange,
  shard: Slice,
): string | undefined {
  if (!isObject(store)) return `${where} is not an object`;
  if (store.file !== scenario.file || store.scenario !== scenario.name)
    return `${where} is not of scenario ${String(scenario.name)} (${String(scenario.file)})`;
  if (typeof store.cluster !== 'boolean') return `${where}.cluster is not true or false`;
  const slice = shardSlice(seeds, shard);
  const expected = slice === undefined ? 0 : slice.last - slice.first + 1;
  if (store.seeds !== expected || (slice !== undefined && store.firstSeed !== slice.first))
    return slice === undefined
      ? `${where} should hold no seeds: this shard has none of the scenario`
      : `${where} should hold seeds ${slice.first}..${slice.last}, the shard's slice of the scenario`;
  for (const name of SEED_COLUMNS) {
    const column = store[name];
    if (!isObject(column) || column.length !== expected)
      return `${where}.${name} does not hold one value a seed`;
  }
  const sparse = store.sparse;
  if (!isObject(sparse) || !isTallies(sparse.invariants) || !isTallies(sparse.bugs))
    return `${where}.sparse is not the violations and findings of the seeds`;
  // Rows are PipelineRuns: one a seed, or up to the arrivals bound with a cluster.
  return valueProblem(store, where, expected * MAX_ARRIVALS);
}

function isTallies(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        isObject(entry[1]) &&
        isCount(entry[1].seeds) &&
        Array.isArray(entry[1].examples) &&
        entry[1].examples.every(
          (example: unknown) =>
            isObject(example) && isCount(example.seed) && typeof example.message === 'string',
        ),
    )
  );
}

/** Every column, row count and label below `value`, checked wherever it appears. */
function valueProblem(value: unknown, where: string, maxRows: number): string | undefined {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const problem = valueProblem(value[index], `${where}[${index}]`, maxRows);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if ('width' in value && 'buffer' in value) return columnProblem(value, where);
  // Sections are a column's bytes or a scenario's attempt rows, nowhere else.
  if ('section' in value) return `${where} is a section outside a column`;
  for (const [key, item] of Object.entries(value)) {
    const at = `${where}.${key}`;
    if (key === 'rows' && !isObject(item) && !(isCount(item) && item <= maxRows))
      return `${at} is not a row count`;
    if (STRING_KEYS.has(key) && typeof item !== 'string') return `${at} is not a string`;
    if (key === 'kind' && !FIELD_KINDS.has(item as string)) return `${at} is not a field kind`;
    // A series' name, or the column of the PipelineRuns' names.
    if (key === 'name' && typeof item !== 'string' && !isObject(item)) return `${at} is not a name`;
    if (
      STRING_LIST_KEYS.has(key) &&
      !(Array.isArray(item) && item.every((entry) => typeof entry === 'string'))
    )
      return `${at} is not a list of strings`;
    const problem = valueProblem(item, at, maxRows);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function columnProblem(column: Raw, where: string): string | undefined {
  const bytesPerValue = BYTES_PER_VALUE[column.width as string];
  if (bytesPerValue === undefined) return `${where} has an unknown width`;
  if (!isCount(column.length)) return `${where} has a length that is not a count`;
  const buffer = column.buffer;
  if (!isSectionRef(buffer)) return `${where}.buffer is not a section`;
  if (buffer.bytes !== column.length * bytesPerValue)
    return `${where} holds ${buffer.bytes} bytes, not ${column.length} values of ${bytesPerValue}`;
  return undefined;
}
