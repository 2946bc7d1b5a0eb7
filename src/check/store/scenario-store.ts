// Every seed of one scenario, as columns: what each seed ended as (status and reason codes,
// end time, events, the timeout kinds it hit, which invariants it violated and which known
// bugs it reproduced, as codes of their `a;b` lists), its PipelineRuns' rows (row-store.ts),
// and its violations and findings kept sparsely (sparse-findings.ts). Seeds are stored in
// order and contiguous, so a seed is its position plus the first seed. What grows with seeds
// is a few bytes per seed and per PipelineRun; nothing else does.
import type { SeedResult } from '../seed-result.js';
import { SeriesAccumulator, type SeriesData } from '../time-series.js';
import { timeoutBits } from '../timeout-kinds.js';
import { type ColumnData, NumberColumn } from './column.js';
import { RowStore, type RowStoreData } from './row-store.js';
import { SparseFindings, type SparseFindingsData } from './sparse-findings.js';
import { StringTable } from './string-table.js';

export interface ScenarioKey {
  file: string;
  scenario: string;
}

export interface ScenarioStoreData extends ScenarioKey {
  cluster: boolean;
  firstSeed: number;
  seeds: number;
  words: string[];
  status: ColumnData;
  reason: ColumnData;
  eventCount: ColumnData;
  endTimeMs: ColumnData;
  rowEnd: ColumnData;
  violated: ColumnData;
  bugs: ColumnData;
  timeouts: ColumnData;
  rows: RowStoreData;
  sparse: SparseFindingsData;
  /** The seeds' series over time, when the run collected them (time-series.ts). */
  series?: SeriesData;
}

/** Bytes held, split into what grows with seeds and what must not. */
export interface StoreBytes {
  /** Per-seed and per-PipelineRun columns (capacity included). */
  columns: number;
  /** String tables, sparse findings: bounded whatever the number of seeds. */
  fixed: number;
}

export class ScenarioStore implements ScenarioKey {
  firstSeed = 0;
  seeds = 0;
  /** Seed statuses and reasons, and the `a;b` lists of violated invariants and bugs. */
  words = new StringTable(['']);
  status = new NumberColumn();
  reason = new NumberColumn();
  eventCount = new NumberColumn();
  endTimeMs = new NumberColumn();
  /** The end of each seed's rows in `rows`. */
  rowEnd = new NumberColumn();
  violated = new NumberColumn();
  bugs = new NumberColumn();
  /** Bit i set: the seed hit TIMEOUT_KINDS[i]. */
  timeouts = new NumberColumn();
  rows = new RowStore();
  sparse = new SparseFindings();
  /** Set when the seeds' series over time were collected: bounded, not per seed. */
  series?: SeriesAccumulator;

  constructor(
    readonly file: string,
    readonly scenario: string,
    /** Seeds hold many PipelineRuns (the scenario has a cluster). */
    public cluster: boolean,
  ) {}

  seedAt(index: number): number {
    return this.firstSeed + index;
  }

  /** The rows of the seed at `index`: [start, end). */
  rowRange(index: number): [number, number] {
    return [index === 0 ? 0 : this.rowEnd.get(index - 1), this.rowEnd.get(index)];
  }

  statusOf(index: number): string {
    return this.words.text(this.status.get(index)) ?? '';
  }

  reasonOf(index: number): string {
    return this.words.text(this.reason.get(index)) ?? '';
  }

  /** `a;b`: the invariants the seed violated, in the order it first violated each. */
  violatedOf(index: number): string {
    return this.words.text(this.violated.get(index)) ?? '';
  }

  bugsOf(index: number): string {
    return this.words.text(this.bugs.get(index)) ?? '';
  }

  totalEvents(): number {
    let sum = 0;
    for (let index = 0; index < this.seeds; index++) sum += this.eventCount.get(index);
    return sum;
  }

  /** Takes the next seed, which must follow the last one held; returns its index. */
  beginSeed(seed: number): number {
    if (this.seeds === 0) this.firstSeed = seed;
    else if (seed !== this.firstSeed + this.seeds)
      throw new Error(
        `store: seed ${seed} of ${this.scenario} after seed ${this.firstSeed + this.seeds - 1}`,
      );
    return this.seeds++;
  }

  ingest(result: SeedResult): void {
    const index = this.beginSeed(result.seed);
    this.status.set(index, this.words.code(result.status));
    this.reason.set(index, this.words.code(result.reason));
    this.eventCount.set(index, result.eventCount);
    this.endTimeMs.set(index, result.endTimeMs);
    const names = (list: readonly { invariant?: string; bug?: string }[]) =>
      [...new Set(list.map((item) => item.invariant ?? item.bug ?? ''))].join(';');
    this.violated.set(index, this.words.code(names(result.violations)));
    this.bugs.set(index, this.words.code(names(result.findings)));
    this.timeouts.set(index, timeoutBits(result));
    const rows = result.runMetrics ?? (result.metrics ? [result.metrics] : []);
    rows.forEach((row, at) => this.rows.add(row, result.pipelineRuns?.[at]));
    this.rowEnd.set(index, this.rows.rows);
    this.sparse.add(result.seed, result.violations, result.findings);
  }

  /** Adds `other`'s seeds, which must follow this store's last seed. */
  append(other: ScenarioStore): void {
    if (other.seeds === 0) return;
    this.cluster ||= other.cluster;
    if (this.seeds === 0) this.firstSeed = other.firstSeed;
    else if (other.firstSeed !== this.firstSeed + this.seeds)
      throw new Error(
        `store: seeds from ${other.firstSeed} of ${other.scenario} after seed ${this.firstSeed + this.seeds - 1}`,
      );
    const codes = this.words.absorb(other.words);
    const at = this.seeds;
    this.status.append(other.status.translated(codes), at);
    this.reason.append(other.reason.translated(codes), at);
    this.violated.append(other.violated.translated(codes), at);
    this.bugs.append(other.bugs.translated(codes), at);
    this.eventCount.append(other.eventCount, at);
    this.endTimeMs.append(other.endTimeMs, at);
    this.timeouts.append(other.timeouts, at);
    const rowOffset = this.rows.rows;
    this.rowEnd.append(
      other.rowEnd.mapped((end) => end + rowOffset),
      at,
    );
    this.rows.append(other.rows);
    this.sparse.append(other.sparse);
    if (other.series) (this.series ??= new SeriesAccumulator()).merge(other.series);
    this.seeds += other.seeds;
  }

  /**
   * Sizes every column for `seeds` seeds in all, from what the seeds held so far took (with 5%
   * to spare for seeds that run more TaskRuns), so a long run allocates its columns about once.
   */
  reserveFor(seeds: number): void {
    if (this.seeds === 0 || seeds <= this.seeds) return;
    const factor = (seeds / this.seeds) * 1.05;
    for (const column of this.seedColumns()) column.reserveScaled(seeds / this.seeds);
    this.rows.reserveScaled(factor);
  }

  private seedColumns(): NumberColumn[] {
    return [
      this.status,
      this.reason,
      this.eventCount,
      this.endTimeMs,
      this.rowEnd,
      this.violated,
      this.bugs,
      this.timeouts,
    ];
  }

  bytes(): StoreBytes {
    const seedColumns = this.seedColumns().reduce((sum, column) => sum + column.bytes(), 0);
    const words = (table: StringTable) =>
      table.strings.reduce((sum, text) => sum + 16 + 2 * text.length, 0);
    return {
      columns: seedColumns + this.rows.bytes(),
      fixed:
        this.sparse.bytes() +
        (this.series?.bytes() ?? 0) +
        words(this.words) +
        words(this.rows.words) +
        words(this.rows.tasks.strings),
    };
  }

  toData(): ScenarioStoreData {
    return {
      file: this.file,
      scenario: this.scenario,
      cluster: this.cluster,
      firstSeed: this.firstSeed,
      seeds: this.seeds,
      words: [...this.words.strings],
      status: this.status.toData(),
      reason: this.reason.toData(),
      eventCount: this.eventCount.toData(),
      endTimeMs: this.endTimeMs.toData(),
      rowEnd: this.rowEnd.toData(),
      violated: this.violated.toData(),
      bugs: this.bugs.toData(),
      timeouts: this.timeouts.toData(),
      rows: this.rows.toData(),
      sparse: this.sparse.toData(),
      ...(this.series ? { series: this.series.toData() } : {}),
    };
  }

  static fromData(data: ScenarioStoreData): ScenarioStore {
    const store = new ScenarioStore(data.file, data.scenario, data.cluster);
    store.firstSeed = data.firstSeed;
    store.seeds = data.seeds;
    store.words = new StringTable(data.words);
    store.status = NumberColumn.fromData(data.status);
    store.reason = NumberColumn.fromData(data.reason);
    store.eventCount = NumberColumn.fromData(data.eventCount);
    store.endTimeMs = NumberColumn.fromData(data.endTimeMs);
    store.rowEnd = NumberColumn.fromData(data.rowEnd);
    store.violated = NumberColumn.fromData(data.violated);
    store.bugs = NumberColumn.fromData(data.bugs);
    store.timeouts = NumberColumn.fromData(data.timeouts);
    store.rows = RowStore.fromData(data.rows);
    store.sparse = SparseFindings.fromData(data.sparse);
    if (data.series !== undefined) {
      store.series = SeriesAccumulator.fromData(data.series);
      if (!store.series)
        throw new Error(`store: ${data.scenario}: series is not a series accumulator`);
    }
    return store;
  }
}

/**
 * SeedResults (in seed order per scenario) put into one store per scenario, in the order
 * scenarios first appear: for tests and tools that build results by hand.
 */
export function storesOf(results: readonly SeedResult[]): ScenarioStore[] {
  const stores = new Map<string, ScenarioStore>();
  for (const result of results) {
    const key = `${result.file}\u0000${result.scenario}`;
    let store = stores.get(key);
    if (!store) {
      store = new ScenarioStore(result.file, result.scenario, result.runMetrics !== undefined);
      stores.set(key, store);
    }
    store.ingest(result);
  }
  return [...stores.values()];
}
