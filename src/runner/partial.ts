// A shard's partial result: what one machine ran of a sweep, and the merge that puts the parts
// back together into exactly the results of one run over all seeds. Parts of other scenarios,
// versions, seed ranges or shard counts are refused with a clear error, since a silently mixed
// report would be worse than none.
//
// A part is a header (this file's PartialHeader: the sweep, the shard, each scenario's store
// as JSON data) and numbered sections of bytes: each column's values, then each scenario's
// per-attempt CSV rows. At a million seeds those are gigabytes, past the longest string V8
// holds, so the header only says how many bytes each section has, and the file layout
// (cli/part-file.ts) writes and reads the sections in pieces. schemaVersion 2 held everything
// in one JSON value (the columns as base64 strings) and 1 one object per seed; both are
// refused, naming the version that wrote them.
import type { ReportScenarioInput } from '../check/report-result.js';
import { ScenarioStore } from '../check/store/scenario-store.js';
import {
  BYTE_ORDER,
  sectionRefs,
  storesFromSections,
  storesToSections,
  type SectionRef,
} from '../check/store/wire.js';
import { InputError } from '../tekton/diagnostics.js';
import { partialContentProblem } from './partial-check.js';
import type { Shard } from './shards.js';

export const PARTIAL_KIND = 'tekton-sim-partial';
export const PARTIAL_SCHEMA_VERSION = 3;

export interface PartialHeader {
  kind: typeof PARTIAL_KIND;
  schemaVersion: number;
  version: string;
  shard: Shard;
  /** Byte order of the columns' bytes. */
  byteOrder: typeof BYTE_ORDER;
  /** Every scenario of the sweep with its whole seed range, the same in every part. */
  scenarios: ReportScenarioInput[];
  /**
   * One store per scenario (empty where this shard has none of its seeds), as JSON data whose
   * columns' bytes are references to sections.
   */
  stores: unknown[];
  /** Per scenario, the section of its per-attempt CSV lines (UTF-8, without the header). */
  attemptsCsv: SectionRef[];
}

/** What a part's sections hold, in section order: a column's bytes or CSV text. */
export type PartSection = { bytes: ArrayBuffer } | { text: () => Iterable<string> };

/**
 * A part for `scenarios`, from the stores of the seeds this shard ran: its header and its
 * sections (every store's columns, then each scenario's attempt rows, read from `attempts`
 * when written out; `attemptsBytes` says how many UTF-8 bytes each scenario has).
 */
export function buildPartial(
  version: string,
  shard: Shard,
  scenarios: readonly ReportScenarioInput[],
  stores: readonly ScenarioStore[],
  attempts: {
    bytes: (scenarioIndex: number) => number;
    text: (scenarioIndex: number) => Iterable<string>;
  },
): { header: PartialHeader; sections: PartSection[] } {
  const key = (file: string, name: string) => `${file}\u0000${name}`;
  const byKey = new Map(stores.map((store) => [key(store.file, store.scenario), store]));
  const columns = storesToSections(
    scenarios.map(
      (scenario) =>
        byKey.get(key(scenario.file, scenario.name)) ??
        new ScenarioStore(scenario.file, scenario.name, false),
    ),
    0,
  );
  const first = columns.buffers.length;
  return {
    header: {
      kind: PARTIAL_KIND,
      schemaVersion: PARTIAL_SCHEMA_VERSION,
      version,
      shard,
      byteOrder: BYTE_ORDER,
      scenarios: [...scenarios],
      stores: columns.data,
      attemptsCsv: scenarios.map((_, index) => ({
        section: first + index,
        bytes: attempts.bytes(index),
      })),
    },
    sections: [
      ...columns.buffers.map((bytes) => ({ bytes })),
      ...scenarios.map((_, index) => ({ text: () => attempts.text(index) })),
    ],
  };
}

export function partialFileName(shard: Shard): string {
  return `part-${shard.index}-of-${shard.count}.json`;
}

export function mergeError(message: string): InputError {
  return new InputError({ severity: 'error', message: `merge: ${message}` });
}

/** A part's header, checked; anything else is an input error naming the file. */
export function parsePartial(file: string, value: unknown): PartialHeader {
  const part = value as Partial<PartialHeader> | null;
  if (part?.kind !== PARTIAL_KIND || !Array.isArray(part.scenarios))
    throw mergeError(`${file} is not a tekton-sim partial result (kind: ${PARTIAL_KIND})`);
  if (part.schemaVersion !== PARTIAL_SCHEMA_VERSION)
    throw schemaVersionError(file, part.schemaVersion, part.version);
  if (part.byteOrder !== BYTE_ORDER)
    throw mergeError(
      `${file} holds ${part.byteOrder} columns; this machine reads ${BYTE_ORDER}: merge on a machine like the one that ran the shards`,
    );
  if (
    !Array.isArray(part.stores) ||
    part.stores.length !== part.scenarios.length ||
    !Array.isArray(part.attemptsCsv) ||
    part.attemptsCsv.length !== part.scenarios.length
  )
    throw mergeError(`${file} is not a complete tekton-sim partial result; rerun its shard`);
  const problem = partialContentProblem(part as Record<string, unknown>);
  if (problem !== undefined) throw notAsWritten(file, problem);
  return part as PartialHeader;
}

export function schemaVersionError(file: string, schemaVersion: unknown, version: unknown) {
  return mergeError(
    `${file} has partial schemaVersion ${String(schemaVersion)} (written by tekton-sim ${typeof version === 'string' ? version : 'unknown'}); this tekton-sim reads ${PARTIAL_SCHEMA_VERSION}: rerun every shard with one version`,
  );
}

export function notAsWritten(file: string, problem: string): InputError {
  return mergeError(`${file} is not as report --shard wrote it (${problem}); rerun its shard`);
}

/** The sections of a checked header in order, each marked as text (attempt rows) or not. */
export function partialSections(header: PartialHeader): (SectionRef & { text: boolean })[] {
  return [
    ...sectionRefs(header.stores).map((ref) => ({ ...ref, text: false })),
    ...header.attemptsCsv.map((ref) => ({ ...ref, text: true })),
  ].sort((a, b) => a.section - b.section);
}

const describeScenarios = (scenarios: readonly ReportScenarioInput[]) =>
  scenarios
    .map(
      (scenario) =>
        `${scenario.name} (${scenario.file}, profile ${scenario.profile}, seeds ${scenario.seeds.first}..${scenario.seeds.last})`,
    )
    .join(', ');

/** The headers, checked to be one sweep with every shard once, in shard order. */
export function orderPartials<Part extends { file: string; header: PartialHeader }>(
  parts: readonly Part[],
): { scenarios: ReportScenarioInput[]; ordered: Part[]; version: string } {
  if (parts.length === 0) throw mergeError('name at least one part');
  const [first] = parts;
  for (const { file, header } of parts.slice(1)) {
    if (header.version !== first.header.version)
      throw mergeError(
        `${file} was written by tekton-sim ${header.version}, ${first.file} by ${first.header.version}; rerun every shard with one version`,
      );
    if (header.shard.count !== first.header.shard.count)
      throw mergeError(
        `${file} is shard ${header.shard.index}/${header.shard.count}, ${first.file} is ${first.header.shard.index}/${first.header.shard.count}; every part must split the seeds the same way`,
      );
    if (describeScenarios(header.scenarios) !== describeScenarios(first.header.scenarios))
      throw mergeError(
        `${file} is of ${describeScenarios(header.scenarios)} but ${first.file} is of ${describeScenarios(first.header.scenarios)}; parts of different scenarios or seed ranges do not merge`,
      );
  }
  const count = first.header.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, header } of parts) {
    const other = byIndex.get(header.shard.index);
    if (other !== undefined)
      throw mergeError(`${file} and ${other} are both shard ${header.shard.index}/${count}`);
    byIndex.set(header.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
    (index) => !byIndex.has(index),
  );
  if (missing.length > 0)
    throw mergeError(`shard(s) ${missing.join(', ')} of ${count} missing; name every part`);
  const ordered = [...parts].sort((a, b) => a.header.shard.index - b.header.shard.index);
  return { scenarios: first.header.scenarios, ordered, version: first.header.version };
}

/** Empty stores for the scenarios of a sweep, to append each part's to in shard order. */
export function emptyStores(scenarios: readonly ReportScenarioInput[]): ScenarioStore[] {
  return scenarios.map((scenario) => new ScenarioStore(scenario.file, scenario.name, false));
}

/** An empty store a part's store may stand for: the same scenario, with seeds to give. */
const adoptable = (ours: ScenarioStore, theirs: ScenarioStore) =>
  ours.seeds === 0 &&
  theirs.seeds > 0 &&
  ours.file === theirs.file &&
  ours.scenario === theirs.scenario &&
  !ours.series;

/** Appends one part's stores (its header's data and its sections' bytes) to `stores`. */
export function appendPartStores(
  stores: ScenarioStore[],
  file: string,
  header: PartialHeader,
  buffers: readonly ArrayBuffer[],
): void {
  try {
    const partStores = storesFromSections(header.stores, buffers);
    // The first part with seeds of a scenario is its store as read (its columns are views of
    // the part's buffers): appending it to the empty store would copy every column for the
    // same store.
    partStores.forEach((store, index) => {
      const ours = stores[index];
      if (adoptable(ours, store)) stores[index] = store;
      else ours.append(store);
    });
  } catch {
    throw mergeError(`${file} holds columns that do not read back; rerun its shard`);
  }
}
