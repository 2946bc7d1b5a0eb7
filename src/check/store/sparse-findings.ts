// Violations and known-bug findings, kept sparsely: every seed that has one is counted, and
// only the first few seeds per invariant (or bug) are kept in full, which is all a summary
// prints. Memory stays the same whether one seed in ten or every seed violates.
import type { KnownBugFinding, Violation } from '../invariants/types.js';

/** How many seeds per invariant or bug are kept with their message. */
export const EXAMPLES_KEPT = 3;

export interface SeedExample {
  seed: number;
  message: string;
}

export interface FindingTally {
  /** Seeds with at least one. */
  seeds: number;
  /** The first seeds, each with the message of its first one. */
  examples: SeedExample[];
}

export interface SparseFindingsData {
  invariants: [string, FindingTally][];
  bugs: [string, FindingTally][];
}

export class SparseFindings {
  readonly invariants = new Map<string, FindingTally>();
  readonly bugs = new Map<string, FindingTally>();

  add(seed: number, violations: readonly Violation[], findings: readonly KnownBugFinding[]): void {
    tally(
      this.invariants,
      seed,
      violations.map((violation) => [violation.invariant, violation.message]),
    );
    tally(
      this.bugs,
      seed,
      findings.map((finding) => [finding.bug, finding.message]),
    );
  }

  /** Adds `other`, whose seeds all come after this one's. */
  append(other: SparseFindings): void {
    merge(this.invariants, other.invariants);
    merge(this.bugs, other.bugs);
  }

  /** A rough count of the bytes held: strings at two bytes a character. */
  bytes(): number {
    let sum = 0;
    for (const tallies of [this.invariants, this.bugs])
      for (const [name, found] of tallies)
        sum +=
          2 * name.length +
          16 +
          found.examples.reduce((total, example) => total + 16 + 2 * example.message.length, 0);
    return sum;
  }

  toData(): SparseFindingsData {
    return { invariants: [...this.invariants], bugs: [...this.bugs] };
  }

  static fromData(data: SparseFindingsData): SparseFindings {
    const sparse = new SparseFindings();
    for (const [name, found] of data.invariants) sparse.invariants.set(name, found);
    for (const [name, found] of data.bugs) sparse.bugs.set(name, found);
    return sparse;
  }
}

function tally(
  tallies: Map<string, FindingTally>,
  seed: number,
  found: readonly [string, string][],
): void {
  const seen = new Set<string>();
  for (const [name, message] of found) {
    if (seen.has(name)) continue;
    seen.add(name);
    let entry = tallies.get(name);
    if (!entry) {
      entry = { seeds: 0, examples: [] };
      tallies.set(name, entry);
    }
    entry.seeds++;
    if (entry.examples.length < EXAMPLES_KEPT) entry.examples.push({ seed, message });
  }
}

function merge(into: Map<string, FindingTally>, from: ReadonlyMap<string, FindingTally>): void {
  for (const [name, found] of from) {
    const entry = into.get(name) ?? { seeds: 0, examples: [] };
    into.set(name, entry);
    entry.seeds += found.seeds;
    for (const example of found.examples)
      if (entry.examples.length < EXAMPLES_KEPT) entry.examples.push(example);
  }
}
