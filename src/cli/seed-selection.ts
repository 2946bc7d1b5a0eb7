// The options every many-seed command shares (check, report): which scenarios, which seeds,
// how many worker threads. One definition, so their help and defaults cannot drift apart.
import type { Argv } from 'yargs';

export function withSeedSelection(yargs: Argv): Argv {
  return yargs
    .positional('scenarios', {
      type: 'string',
      array: true,
      describe: 'Scenario files or directories',
    })
    .option('seeds', {
      type: 'number',
      describe: "Run seeds 1..N (default: each scenario's own range)",
    })
    .option('seed-range', { type: 'string', describe: 'Run seeds A..B' })
    .option('workers', { type: 'number', default: 1, describe: 'Worker threads' });
}
