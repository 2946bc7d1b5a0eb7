// A many-seed run that ended before all its seeds (Ctrl-C, --max-time) and which seeds of each
// scenario it ran: always a range from the scenario's first seed, so the partial result is
// exactly what a run over that range alone would give. Summaries and reports carry it, so
// every format (text, Markdown, JSON, HTML) says the result is partial.
export type StopReason = 'interrupted' | 'max-time';

export interface SeedSpan {
  first: number;
  last: number;
}

export interface PartialScenario {
  name: string;
  file: string;
  planned: SeedSpan;
  /** The seeds that ran, from the first planned one; null when none did. */
  ran: SeedSpan | null;
}

export interface PartialRun {
  reason: StopReason;
  runs: number;
  plannedRuns: number;
  scenarios: PartialScenario[];
}

const spanLength = (span: SeedSpan | null) => (span === null ? 0 : span.last - span.first + 1);

export function buildPartialRun(reason: StopReason, scenarios: PartialScenario[]): PartialRun {
  return {
    reason,
    runs: scenarios.reduce((sum, scenario) => sum + spanLength(scenario.ran), 0),
    plannedRuns: scenarios.reduce((sum, scenario) => sum + spanLength(scenario.planned), 0),
    scenarios,
  };
}
