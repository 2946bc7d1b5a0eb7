// Expectations of each scenario evaluated over its runs' metric rows, as summary lines.
import type { Expectation } from '../workload/index.js';
import { evaluateExpectations, formatExpectationResult } from '../check/expectations.js';
import type { RowStore } from '../check/store/row-store.js';
import type { ExpectationLine } from '../check/summary.js';

export function expectationLines(
  expectations: readonly Expectation[],
  rows: RowStore,
): ExpectationLine[] {
  // A seed in a cluster gives a row per PipelineRun; expectations count PipelineRuns.
  return evaluateExpectations(expectations, rows).map((result) => {
    // formatExpectationResult gives `text: observed V (95% CI L..H, n=N) pass`; keep what follows the text.
    const line = formatExpectationResult(result);
    const observed = line
      .slice(result.expectation.text.length + 2)
      .replace(/ (pass|FAIL)$/, '')
      .replace(/^observed /, '')
      .replace(/ \((.*)\)$/, ', $1');
    return { text: result.expectation.text, held: result.passed, observed };
  });
}
