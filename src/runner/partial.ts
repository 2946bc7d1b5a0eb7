// A shard's partial result: what one machine ran of a sweep, as JSON, and the merge that puts
// the parts back together into exactly the results of one run over all seeds. Parts of other
// scenarios, versions, seed ranges or shard counts are refused with a clear error, since a
// silently mixed report would be worse than none.
import type { SeedResult } from '../check/seed-result.js';
import type { ReportScenarioInput } from '../check/report-result.js';
import { SeriesAccumulator, type SeriesData } from '../check/time-series.js';
import { InputError } from '../tekton/diagnostics.js';
import type { Shard } from './shards.js';

export const PARTIAL_KIND = 'tekton-sim-partial';
export const PARTIAL_SCHEMA_VERSION = 1;

export interface PartialResult {
  kind: typeof PARTIAL_KIND;
  schemaVersion: number;
  version: string;
  shard: Shard;
  /** Every scenario of the sweep with its whole seed range, the same in every part. */
  scenarios: ReportScenarioInput[];
  results: SeedResult[];
  /** Each scenario's series over time (accumulated sums and counts), in scenario order. */
  series?: SeriesData[];
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
  if (part?.kind !== PARTIAL_KIND || !Array.isArray(part.results) || !Array.isArray(part.scenarios))
    throw mergeError(`${file} is not a tekton-sim partial result (kind: ${PARTIAL_KIND})`);
  if (part.schemaVersion !== PARTIAL_SCHEMA_VERSION)
    throw mergeError(
      `${file} has partial schemaVersion ${part.schemaVersion}; this tekton-sim reads ${PARTIAL_SCHEMA_VERSION}`,
    );
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
  results: SeedResult[];
  version: string;
  /** Undefined when some part has none (written before parts carried them). */
  series?: SeriesAccumulator[];
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
  const order = new Map(
    scenarios.map((scenario, index) => [`${scenario.file}\u0000${scenario.name}`, index]),
  );
  const results = parts
    .flatMap(({ part }) => part.results)
    .sort(
      (a, b) =>
        (order.get(`${a.file}\u0000${a.scenario}`) ?? 0) -
          (order.get(`${b.file}\u0000${b.scenario}`) ?? 0) || a.seed - b.seed,
    );
  return { scenarios, results, version: first.part.version, ...mergeSeries(parts, scenarios) };
}

/** The parts' accumulators added scenario by scenario; sums and counts add exactly in any order. */
function mergeSeries(
  parts: readonly { file: string; part: PartialResult }[],
  scenarios: readonly ReportScenarioInput[],
): { series?: SeriesAccumulator[] } {
  if (parts.some(({ part }) => part.series?.length !== scenarios.length)) return {};
  const series = scenarios.map(() => new SeriesAccumulator());
  for (const { file, part } of parts)
    part.series?.forEach((data, index) => {
      const accumulator = SeriesAccumulator.fromData(data);
      if (!accumulator) throw mergeError(`${file}: series[${index}] is not a series accumulator`);
      series[index].merge(accumulator);
    });
  return { series };
}
