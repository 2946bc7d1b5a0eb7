// A shard's partial result: what one machine ran of a sweep, as JSON, and the merge that puts
// the parts back together into exactly the results of one run over all seeds. Parts of other
// scenarios, versions, seed ranges or shard counts are refused with a clear error, since a
// silently mixed report would be worse than none. Since schemaVersion 2 a part holds each
// scenario's columnar store (its columns as base64) and per-attempt CSV rows, not one object
// per seed; a part of schemaVersion 1 is refused, naming the version that wrote it.
import type { ReportScenarioInput } from '../check/report-result.js';
import { ScenarioStore } from '../check/store/scenario-store.js';
import { BYTE_ORDER, storesFromJson, storesToJson } from '../check/store/wire.js';
import { InputError } from '../tekton/diagnostics.js';
import { partialContentProblem } from './partial-check.js';
import type { Shard } from './shards.js';

export const PARTIAL_KIND = 'tekton-sim-partial';
export const PARTIAL_SCHEMA_VERSION = 2;

export interface PartialResult {
  kind: typeof PARTIAL_KIND;
  schemaVersion: number;
  version: string;
  shard: Shard;
  /** Byte order of the columns' bytes. */
  byteOrder: typeof BYTE_ORDER;
  /** Every scenario of the sweep with its whole seed range, the same in every part. */
  scenarios: ReportScenarioInput[];
  /** One store per scenario (empty where this shard has none of its seeds), as JSON data. */
  stores: unknown;
  /** One string of per-attempt CSV lines per scenario, without the header. */
  attemptsCsv: string[];
}

/** A part for `scenarios`, from the stores and attempt rows of the seeds this shard ran. */
export function buildPartial(
  version: string,
  shard: Shard,
  scenarios: readonly ReportScenarioInput[],
  stores: readonly ScenarioStore[],
  attemptsCsv: ReadonlyMap<string, string>,
): PartialResult {
  const key = (file: string, name: string) => `${file}\u0000${name}`;
  const byKey = new Map(stores.map((store) => [key(store.file, store.scenario), store]));
  return {
    kind: PARTIAL_KIND,
    schemaVersion: PARTIAL_SCHEMA_VERSION,
    version,
    shard,
    byteOrder: BYTE_ORDER,
    scenarios: [...scenarios],
    stores: storesToJson(
      scenarios.map(
        (scenario) =>
          byKey.get(key(scenario.file, scenario.name)) ??
          new ScenarioStore(scenario.file, scenario.name, false),
      ),
    ),
    attemptsCsv: scenarios.map(
      (scenario) => attemptsCsv.get(key(scenario.file, scenario.name)) ?? '',
    ),
  };
}

export function partialFileName(shard: Shard): string {
  return `part-${shard.index}-of-${shard.count}.json`;
}

function mergeError(message: string): InputError {
  return new InputError({ severity: 'error', message: `merge: ${message}` });
}

/** A part read back from text; anything else is an input error naming the file. */
export function parsePartial(file: string, text: string): PartialResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw mergeError(
      `${file} is not JSON; name the part-I-of-N.json files that report --shard wrote`,
    );
  }
  const part = value as Partial<PartialResult> | null;
  if (part?.kind !== PARTIAL_KIND || !Array.isArray(part.scenarios))
    throw mergeError(`${file} is not a tekton-sim partial result (kind: ${PARTIAL_KIND})`);
  if (part.schemaVersion !== PARTIAL_SCHEMA_VERSION)
    throw mergeError(
      `${file} has partial schemaVersion ${part.schemaVersion} (written by tekton-sim ${part.version ?? 'unknown'}); this tekton-sim reads ${PARTIAL_SCHEMA_VERSION}: rerun every shard with one version`,
    );
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
  if (problem !== undefined)
    throw mergeError(`${file} is not as report --shard wrote it (${problem}); rerun its shard`);
  return part as PartialResult;
}

const describeScenarios = (scenarios: readonly ReportScenarioInput[]) =>
  scenarios
    .map(
      (scenario) =>
        `${scenario.name} (${scenario.file}, profile ${scenario.profile}, seeds ${scenario.seeds.first}..${scenario.seeds.last})`,
    )
    .join(', ');

/** The parts, checked to be one sweep with every shard once, merged in seed order. */
export function mergePartials(parts: readonly { file: string; part: PartialResult }[]): {
  scenarios: ReportScenarioInput[];
  stores: ScenarioStore[];
  /** The per-attempt CSV lines of every scenario in order, in pieces. */
  attemptsCsv: string[];
  version: string;
} {
  if (parts.length === 0) throw mergeError('name at least one part');
  const [first] = parts;
  for (const { file, part } of parts.slice(1)) {
    if (part.version !== first.part.version)
      throw mergeError(
        `${file} was written by tekton-sim ${part.version}, ${first.file} by ${first.part.version}; rerun every shard with one version`,
      );
    if (part.shard.count !== first.part.shard.count)
      throw mergeError(
        `${file} is shard ${part.shard.index}/${part.shard.count}, ${first.file} is ${first.part.shard.index}/${first.part.shard.count}; every part must split the seeds the same way`,
      );
    if (describeScenarios(part.scenarios) !== describeScenarios(first.part.scenarios))
      throw mergeError(
        `${file} is of ${describeScenarios(part.scenarios)} but ${first.file} is of ${describeScenarios(first.part.scenarios)}; parts of different scenarios or seed ranges do not merge`,
      );
  }
  const count = first.part.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, part } of parts) {
    const other = byIndex.get(part.shard.index);
    if (other !== undefined)
      throw mergeError(`${file} and ${other} are both shard ${part.shard.index}/${count}`);
    byIndex.set(part.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
    (index) => !byIndex.has(index),
  );
  if (missing.length > 0)
    throw mergeError(`shard(s) ${missing.join(', ')} of ${count} missing; name every part`);
  const scenarios = first.part.scenarios;
  const ordered = [...parts].sort((a, b) => a.part.shard.index - b.part.shard.index);
  const stores = scenarios.map(
    (scenario) => new ScenarioStore(scenario.file, scenario.name, false),
  );
  for (const { file, part } of ordered) {
    try {
      const partStores = storesFromJson(part.stores);
      partStores.forEach((store, index) => stores[index].append(store));
    } catch {
      throw mergeError(`${file} holds columns that do not read back; rerun its shard`);
    }
  }
  const attemptsCsv = scenarios.flatMap((_, index) =>
    ordered.map(({ part }) => part.attemptsCsv[index]),
  );
  return { scenarios, stores, attemptsCsv, version: first.part.version };
}
