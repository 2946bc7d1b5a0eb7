// When PipelineRuns arrive in a shared cluster and which one each arrival is. Times come from
// the arrival process (a Poisson process, a fixed interval, a list, or a CSV of a real day);
// the PipelineRun of each arrival is drawn from the weighted mix. Both draw from their own
// named streams, so changing the mix's weights leaves the arrival times of a seed unchanged.

/** What the arrival draws need from a random stream (engine rng's RandomStream fits). */
export interface UniformSource {
  next(): number;
}

export type ArrivalProcess =
  | { kind: 'poisson'; perMinute: number }
  | { kind: 'interval'; intervalMs: number }
  | { kind: 'at'; atMs: readonly number[] }
  | { kind: 'csv'; rows: readonly { atMs: number; pipelineRun?: string }[] };

export interface MixEntry {
  pipelineRun: string;
  weight: number;
}

export interface ArrivalsSpec {
  count: number;
  process: ArrivalProcess;
  /** Empty: every arrival is the scenario's own PipelineRun. */
  mix: readonly MixEntry[];
}

export interface Arrival {
  atMs: number;
  /** metadata.name of the PipelineRun this arrival is a copy of; undefined = the scenario's. */
  pipelineRun?: string;
}

/** `count` arrival times (integer ms, not decreasing). */
export function arrivalTimes(
  process: ArrivalProcess,
  count: number,
  gaps: UniformSource,
): number[] {
  switch (process.kind) {
    case 'interval':
      return Array.from({ length: count }, (_, index) => index * process.intervalMs);
    case 'at':
      return [...process.atMs].sort((a, b) => a - b).slice(0, count);
    case 'csv':
      return process.rows
        .map((row) => row.atMs)
        .sort((a, b) => a - b)
        .slice(0, count);
    case 'poisson': {
      // Gaps of a Poisson process are exponential with mean 1/rate; the first arrival comes
      // one gap after the start, as in the process itself.
      const meanGapMs = 60_000 / process.perMinute;
      const times: number[] = [];
      let atMs = 0;
      for (let index = 0; index < count; index++) {
        atMs += -Math.log(1 - gaps.next()) * meanGapMs;
        times.push(Math.round(atMs));
      }
      return times;
    }
  }
}

/** The arrivals of one seed: times, then each one's PipelineRun from the CSV or the mix. */
export function drawArrivals(
  spec: ArrivalsSpec,
  gaps: UniformSource,
  mix: UniformSource,
): Arrival[] {
  if (spec.process.kind === 'csv') {
    const rows = [...spec.process.rows]
      .map((row, index) => ({ row, index }))
      .sort((a, b) => a.row.atMs - b.row.atMs || a.index - b.index)
      .slice(0, spec.count);
    return rows.map(({ row }) => ({
      atMs: row.atMs,
      pipelineRun: row.pipelineRun ?? pickFromMix(spec.mix, mix),
    }));
  }
  return arrivalTimes(spec.process, spec.count, gaps).map((atMs) => ({
    atMs,
    pipelineRun: pickFromMix(spec.mix, mix),
  }));
}

/** One name from the mix in proportion to its weight; undefined for an empty mix. */
export function pickFromMix(
  entries: readonly MixEntry[],
  stream: UniformSource,
): string | undefined {
  if (entries.length === 0) return undefined;
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  let remaining = stream.next() * total;
  for (const entry of entries) {
    remaining -= entry.weight;
    if (remaining < 0) return entry.pipelineRun;
  }
  return entries[entries.length - 1].pipelineRun;
}
