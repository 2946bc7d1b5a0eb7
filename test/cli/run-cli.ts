// Runs the `tekton-sim` command in this process through main(argv, io), with stdout and
// stderr captured as strings: the same parsing, commands and error handling as the
// executable, without the cost of starting a process per case.
import { main } from '../../src/cli/program.js';
import { keepDrawnCharts } from '../../src/report/charts.js';

// The CLI tests write the same reports again and again (a merged report beside the one it
// must equal, a report in each format): each chart is drawn once per test process.
keepDrawnCharts();

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  return runCliWithStdin(undefined, ...args);
}

/** As runCli, with `stdin` as all of standard input (undefined: there is none to read). */
export async function runCliWithStdin(
  stdin: string | Uint8Array | undefined,
  ...args: string[]
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { NO_COLOR: '1' },
    // A clock that never moves: the progress bar would stay hidden even on a terminal.
    nowMs: () => 0,
    ...(stdin === undefined
      ? {}
      : { readStdin: () => (typeof stdin === 'string' ? Buffer.from(stdin) : stdin) }),
  });
  return { code, stdout, stderr };
}
