// Parsing of option values that yargs cannot check by itself. Each failure is an InputError
// naming the option and what would be valid, so the CLI exits 2 with one clear line.
import { InputError } from '../tekton/diagnostics.js';
import { parseGoDuration } from '../tekton/duration.js';
import { PIPELINE_RUN_SPEC_STATUSES } from '../tekton/types.js';
import type { SpecStatusPatch } from '../engine/simulation.js';

function optionError(message: string): InputError {
  return new InputError({ severity: 'error', message });
}

export function parseDurationOption(option: string, text: string): number {
  const ms = parseGoDuration(text);
  if (ms === undefined || ms < 0) {
    throw optionError(
      `${option}: "${text}" is not a Go duration >= 0 (examples: 60m, 1h30m, 90s, 0 for none)`,
    );
  }
  return ms;
}

/** `MODE@DURATION`, e.g. `StoppedRunFinally@1s`: patch spec.status at that virtual time. */
export function parseCancelOption(text: string): SpecStatusPatch {
  const match = /^([A-Za-z]+)@(.+)$/.exec(text);
  const valid = PIPELINE_RUN_SPEC_STATUSES.filter((status) => status !== 'PipelineRunPending');
  if (!match || !(valid as readonly string[]).includes(match[1])) {
    throw optionError(
      `--cancel: "${text}" should be MODE@DURATION with MODE one of ${valid.join(', ')} (e.g. StoppedRunFinally@1s)`,
    );
  }
  return {
    status: match[1] as SpecStatusPatch['status'],
    atMs: parseDurationOption('--cancel', match[2]),
  };
}

export function parseStartTimeOption(text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? Date.parse(text)
    : NaN;
  if (Number.isNaN(ms))
    throw optionError(
      `--start-time: "${text}" is not an RFC 3339 time (e.g. 2000-01-01T00:00:00Z)`,
    );
  return ms;
}
