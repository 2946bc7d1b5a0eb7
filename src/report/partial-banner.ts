// The one sentence that marks a partial result, the same in the text summary, the Markdown
// banner and the HTML page: why it stopped, how many runs of how many, which seeds ran.
import type { PartialRun } from '../check/partial-run.js';

const WHY: Record<PartialRun['reason'], string> = {
  interrupted: 'interrupted (Ctrl-C)',
  'max-time': 'stopped by --max-time',
};

/** E.g. `stopped by --max-time after 120 of 1000 runs; seeds that ran: hello 1..120 of 1..1000`. */
export function partialSentence(partial: PartialRun): string {
  const seeds = partial.scenarios
    .map(
      (scenario) =>
        `${scenario.name} ${scenario.ran === null ? 'none' : `${scenario.ran.first}..${scenario.ran.last}`} of ${scenario.planned.first}..${scenario.planned.last}`,
    )
    .join(', ');
  return `${WHY[partial.reason]} after ${partial.runs} of ${partial.plannedRuns} runs; seeds that ran: ${seeds}`;
}
