// One line of the bench's output: what was measured, its target, and whether it was met.
// SKIP is for a figure the bench could not measure here (a missing baseline, a feature not on
// main yet, a size left out by --max-seeds); its note says why.
export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

export interface Figure {
  /** The figure number and a short name, e.g. "1. runs/s vs SimPy". */
  name: string;
  measured: string;
  target: string;
  verdict: Verdict;
  note?: string;
}

export function verdict(met: boolean): Verdict {
  return met ? 'PASS' : 'FAIL';
}

export function skipped(name: string, target: string, note: string): Figure {
  return { name, measured: '-', target, verdict: 'SKIP', note };
}

/** Numbers as people read them: thousands separated, at most `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
