// One test process of scripts/test.mjs. It runs the compiled test files the parent
// sends it one at a time (a message { file, name }) with uvu's own suite runners. Everything
// a file prints goes to this process's stdout (stderr writes are sent there too, so the two
// stay in order), and the end of each file is one marker line holding its counts as JSON:
// the parent splits the stream at the markers and prints each file as one block, so two
// processes never interleave their lines, and a file that kills the process keeps its output.
import { cpuUsage, hrtime } from 'node:process';
import { pathToFileURL } from 'node:url';
import { FILE_END_MARKER } from './test-plan.mjs';

// uvu queues suites instead of running them when it is imported under this flag.
globalThis.UVU_DEFER = 1;
await import('uvu');

const write = (text) => process.stdout.write(text);
process.stderr.write = process.stdout.write.bind(process.stdout);

/** Runs one test file and returns its counts and times. */
async function runFile(file) {
  const startNs = hrtime.bigint();
  const startCpu = cpuUsage();
  const counts = { total: 0, passed: 0, skipped: 0, failed: 0 };
  globalThis.UVU_INDEX = 0;
  globalThis.UVU_QUEUE.length = 0;
  globalThis.UVU_QUEUE.push([null]);
  try {
    await import(pathToFileURL(file).href);
    const [, ...suites] = globalThis.UVU_QUEUE[0];
    for (const runSuite of suites) {
      const [errors, ran, skipped, total] = await runSuite();
      counts.total += total;
      counts.passed += ran;
      counts.skipped += skipped;
      if (errors !== true) write(`\n${errors}\n`);
    }
    counts.failed = counts.total - counts.passed;
  } catch (error) {
    // A file that throws while loading ran nothing more that can be counted; it counts as one
    // failure so the run cannot end green.
    write(`\n  could not run this file:\n${error?.stack ?? String(error)}\n`);
    counts.failed = Math.max(1, counts.total - counts.passed);
  }
  const cpu = cpuUsage(startCpu);
  return {
    ...counts,
    wallMs: Number((hrtime.bigint() - startNs) / 1_000_000n),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

process.on('message', async (message) => {
  if (message.stop) {
    // Leaving the channel lets the process end as uvu's would: when nothing is pending.
    process.disconnect();
    return;
  }
  const result = await runFile(message.file);
  write(`\n${FILE_END_MARKER}${JSON.stringify(result)}\n`);
});
process.send({ ready: true });
