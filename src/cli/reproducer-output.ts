// Where `shrink` puts its reproducer: into --out (the shrink report on stdout) or onto stdout
// (the report on stderr). A reproducer is only worth writing if `run` can read it back, so one
// larger than the file size `run` accepts is refused before a byte is written.
import fs from 'node:fs';
import { InputError } from '../tekton/diagnostics.js';
import { MAX_FILE_SIZE_BYTES } from '../tekton/files.js';
import type { CliIo } from './io.js';

export interface Reproducer {
  /** The PipelineRun YAML. */
  text: string;
  /** What shrink did, for the user. */
  report: string;
  /** The file to write, or undefined for stdout. */
  out?: string;
}

/** `maxBytes` is what `run` reads from one file; tests lower it. */
export function writeReproducer(
  reproducer: Reproducer,
  io: CliIo,
  maxBytes = MAX_FILE_SIZE_BYTES,
): void {
  const { text, report, out } = reproducer;
  refuseUnrunnable(text, maxBytes);
  if (out) {
    fs.writeFileSync(out, text);
    io.stdout.write(`${report}written: ${out}\n`);
  } else {
    io.stderr.write(report);
    io.stdout.write(text);
  }
}

function refuseUnrunnable(text: string, maxBytes: number): void {
  const sizeBytes = Buffer.byteLength(text);
  if (sizeBytes <= maxBytes) return;
  throw new InputError({
    severity: 'error',
    message:
      `shrink: the reproducer is ${sizeBytes} bytes (${mebibytes(sizeBytes)}), more than the ` +
      `${maxBytes} bytes (${mebibytes(maxBytes)}) \`tekton-sim run\` reads from one file, so it ` +
      'could not be run; nothing was written. Rerun the seed with `tekton-sim replay` instead, ' +
      'or cut the scenario down (fewer tasks or retries) and shrink again',
  });
}

function mebibytes(sizeBytes: number): string {
  return `${(sizeBytes / (1024 * 1024)).toFixed(1)} MiB`;
}
