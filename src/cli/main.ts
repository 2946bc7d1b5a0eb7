#!/usr/bin/env node
// The `tekton-sim` executable: hands the process's streams, environment and clock to main()
// and exits with the code it returns. Everything else lives in program.ts.
import { hideBin } from 'yargs/helpers';
import { main } from './program.js';

// Output piped into `head` closes early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(hideBin(process.argv), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  nowMs: () => Date.now(),
});
