// Expectations of each scenario evaluated over its runs' metric rows, as summary lines.
import type { Expectation } from '../workload/index.js';
import {
  evaluateExpectations,
  type ExpectationResult,
  formatExpectationResult,
} from '../check/expectations.js';
import type { RowStore } from '../check/store/row-store.js';
import type { ExpectationLine } from '../check/summary.js';

export function expectationLines(
  expectations: readonly Expectation[],
  rows: RowStore,
  /** Seeds the rows came from: what an inconclusive expectation's note counts in. */
  seeds: number,
): ExpectationLine[] {
  // A seed in a cluster gives a row per PipelineRun; expectations count PipelineRuns.
  return evaluateExpectations(expectations, rows).map((result) => {
    // formatExpectationResult gives `text: observed V (95% CI L..H, n=N) pass`; keep what follows the text.
    const line = formatExpectationResult(result);
    const observed = line
      .slice(result.expectation.text.length + 2)
      .replace(/ (pass|FAIL|INCONCLUSIVE)$/, '')
      .replace(/^observed /, '')
      .replace(/ \((.*)\)$/, ', $1');
    const settle = seedsToSettle(result, seeds);
    return {
      text: result.expectation.text,
      held: result.verdict === 'held',
      verdict: result.verdict,
      observed: settle === undefined ? observed : `${observed}; ${settle}`,
    };
  });
}

/** What would settle an inconclusive expectation, in seeds (a seed may give several runs). */
function seedsToSettle(result: ExpectationResult, seeds: number): string | undefined {
  if (result.verdict !== 'inconclusive') return undefined;
  if (result.sampleSizeToSettle === undefined || result.sampleSize === 0)
    return 'the value sits on the threshold: more seeds will not settle it';
  const needed = Math.ceil((result.sampleSizeToSettle * seeds) / result.sampleSize);
  return `about ${needed} seeds would likely settle it: --seeds ${needed}`;
}
