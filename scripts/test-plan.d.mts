// Types of test-plan.mjs for the tests that import it.
export interface TestFile {
  name: string;
  file: string;
}
export interface Counts {
  total: number;
  passed: number;
  skipped: number;
  failed: number;
}
export const FILE_END_MARKER: string;
export function findTestFiles(directory: string, pattern: string): TestFile[];
export function orderByWeight(
  files: readonly TestFile[],
  weights: Readonly<Record<string, number>>,
  defaultWeight: number,
): TestFile[];
export function sumCounts(results: readonly Partial<Counts>[]): Counts;
export function closingLine(counts: Counts): string;
export function runFailed(counts: Counts): boolean;
export function splitFiles(buffer: string): {
  finished: { text: string; counts: Counts & { wallMs?: number; cpuMs?: number } }[];
  rest: string;
};
