// Runs the report fixture's seeds in this process and builds the one result object, as
// `tekton-sim report` does, for the formatter tests.
import type { ScenarioStore } from '../../src/check/store/scenario-store.js';
import { attemptsCsvHeader } from '../../src/report/attempts-csv.js';
import { reportInputs } from '../../src/cli/report.js';
import { loadScenarios, planScenarios, runScenarios } from '../../src/index.js';
import { buildReportResult, type ReportResult } from '../../src/check/report-result.js';
import { keepDrawnCharts } from '../../src/report/charts.js';

// The formatter tests draw the fixture's charts more than once (one worker's report beside
// three workers'): each chart is drawn once per test process.
keepDrawnCharts();

export const REPORT_FIXTURE = 'test/fixtures/report/report.scenario.yaml';
/** Fixed in the golden files so that a version bump does not rewrite them. */
export const GOLDEN_VERSION = '0.0.0-test';

type FixtureReport = { result: ReportResult; stores: ScenarioStore[]; attemptsCsv: string };
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
  let attemptsCsv = attemptsCsvHeader();
  // As `report --out` with JSON, CSV or HTML among its formats: with the series over time.
  const stores = await runScenarios(planned, {
    workers,
    series: true,
    onAttemptsCsv: (text) => {
      attemptsCsv += text;
    },
  });
  return {
    result: buildReportResult(reportInputs(planned), stores, GOLDEN_VERSION),
    stores,
    attemptsCsv,
  };
}
