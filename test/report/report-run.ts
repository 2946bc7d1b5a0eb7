// Runs the report fixture's seeds in this process and builds the one result object, as
// `tekton-sim report` does, for the formatter tests.
import type { SeedResult } from '../../src/check/seed-result.js';
import { reportInputs } from '../../src/cli/report.js';
import { loadScenarios, planScenarios } from '../../src/index.js';
import { runScenariosWithSeries } from '../../src/runner/runner.js';
import { buildReportResult, type ReportResult } from '../../src/check/report-result.js';

export const REPORT_FIXTURE = 'test/fixtures/report/report.scenario.yaml';
/** Fixed in the golden files so that a version bump does not rewrite them. */
export const GOLDEN_VERSION = '0.0.0-test';

type FixtureReport = { result: ReportResult; results: SeedResult[] };
const cache = new Map<number, Promise<FixtureReport>>();

/** Memoised per worker count: the formatter tests only read it. */
export function fixtureReport(workers = 1): Promise<FixtureReport> {
  let report = cache.get(workers);
  if (!report) {
    report = buildFixtureReport(workers);
    cache.set(workers, report);
  }
  return report;
}

async function buildFixtureReport(workers: number): Promise<FixtureReport> {
  const planned = planScenarios(loadScenarios([REPORT_FIXTURE]));
  // As `report --out` with JSON or HTML among its formats: with the series over time.
  const { results, series } = await runScenariosWithSeries(planned, { workers, series: true });
  return {
    result: buildReportResult(reportInputs(planned), results, GOLDEN_VERSION, series),
    results,
  };
}
