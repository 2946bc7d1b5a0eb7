// Parsing of option values that yargs cannot check by itself. Each failure is an InputError
// naming the option and what would be valid, so the CLI exits 2 with one clear line.
import { type Diagnostic, formatDiagnostic, InputError } from '../tekton/diagnostics.js';
import { loadConfigMapFiles, type TektonConfigReading } from '../tekton/config-maps/index.js';
import { formatGoDuration, parseGoDuration } from '../tekton/duration.js';
import { MAX_DURATION_MS } from '../workload/limits.js';
import { SpecStatus } from '../model/reasons.js';
import { PIPELINE_RUN_SPEC_STATUSES } from '../tekton/types.js';
import type { SpecStatusPatch } from '../engine/simulation.js';
import {
  FIRST_RFC3339_EPOCH_MS,
  LAST_RFC3339_EPOCH_MS,
  TimeOutOfRangeError,
} from '../report/time.js';
import { UsageError } from './errors.js';

/** The scenario files or directories `command` was given; a usage error when there are none. */
export function scenarioPaths(paths: readonly string[] | undefined, command: string): string[] {
  if (paths === undefined || paths.length === 0)
    throw new UsageError(
      'name at least one scenario file or directory',
      `Run 'tekton-sim ${command} --help' for usage.`,
    );
  return [...paths];
}

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

/**
 * `run --at`: the virtual time to show the run at, bounded as every duration of a Scenario
 * is (0 to 8760h), so that no value makes a run go on for longer than one could.
 */
export function parseAtOption(text: string): number {
  const ms = parseGoDuration(text);
  if (ms === undefined || ms < 0 || ms > MAX_DURATION_MS)
    throw optionError(
      `--at: "${text}" should be a Go duration from 0s to ${formatGoDuration(MAX_DURATION_MS)} (365 days), the virtual time since the PipelineRun was created (e.g. 30s, 5m, 1h30m)`,
    );
  return ms;
}

/** `MODE@DURATION`, e.g. `StoppedRunFinally@1s`: patch spec.status at that virtual time. */
export function parseCancelOption(text: string): SpecStatusPatch {
  const match = /^([A-Za-z]+)@(.+)$/.exec(text);
  const valid = PIPELINE_RUN_SPEC_STATUSES.filter(
    (status) => status !== SpecStatus.PipelineRunPending,
  );
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

/**
 * `--cancel` for a standalone TaskRun: its own spec.status, TaskRunCancelled (the PipelineRun
 * modes cancel a PipelineRun, which a TaskRun has none of).
 */
export function parseTaskRunCancelOption(text: string): SpecStatusPatch {
  const match = /^([A-Za-z]+)@(.+)$/.exec(text);
  if (match?.[1] !== 'TaskRunCancelled') {
    throw optionError(
      `--cancel: "${text}" should be TaskRunCancelled@DURATION for a TaskRun (e.g. TaskRunCancelled@1s); a TaskRun's spec.status takes no PipelineRun mode`,
    );
  }
  return { status: 'TaskRunCancelled', atMs: parseDurationOption('--cancel', match[2]) };
}

const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 time as epoch milliseconds, strictly: every field in its range (no February 30th
 * read as March 1st, as Date.parse would), seconds up to 59 as Go's time.Parse accepts, and
 * fractions below a millisecond dropped.
 */
export function parseStartTimeOption(text: string): number {
  const invalid = (why: string) =>
    optionError(
      `--start-time: "${text}" is not an RFC 3339 time${why} (e.g. 2000-01-01T00:00:00Z)`,
    );
  const match = RFC_3339.exec(text);
  if (!match) throw invalid('');
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12) throw invalid(': month out of range');
  if (day < 1 || day > daysInMonth(year, month)) throw invalid(': day out of range');
  if (hour > 23 || minute > 59 || second > 59) throw invalid(': time of day out of range');
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) throw invalid(': offset out of range');
  const fractionMs = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  // setUTCFullYear, not Date.UTC, because Date.UTC reads years 0..99 as 1900..1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fractionMs);
  const offsetSign = match[8] === '-' ? -1 : 1;
  const epochMs = date.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  // An offset can push a time written in year 0000 or 9999 out of the range RFC 3339 covers.
  if (epochMs < FIRST_RFC3339_EPOCH_MS || epochMs > LAST_RFC3339_EPOCH_MS)
    throw invalid(': outside years 0000..9999 in UTC');
  return epochMs;
}

/**
 * Renders with the run's instants as wall-clock times, refusing a start time that puts one of
 * them past year 9999, where RFC 3339 and so Kubernetes timestamps cannot go.
 */
export function renderAtStartTime<T>(text: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof TimeOutOfRangeError)) throw error;
    throw optionError(
      `--start-time: "${text}" puts an instant of the run past 9999-12-31T23:59:59Z, the last time RFC 3339 can write; use an earlier start time`,
    );
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `--configmap FILE`, on every command that reads Tekton YAML. */
export const CONFIGMAP_OPTION = {
  // Not `array: true`, which would take the command's files after it too: each file is
  // one `--configmap`, and yargs gathers repeated ones into an array.
  type: 'string',
  requiresArg: true,
  describe:
    "Tekton's feature-flags or config-defaults ConfigMap (a YAML file, as the cluster has it); repeatable",
} as const;

/** The ConfigMaps `--configmap` names, read; undefined without any (the simulator's defaults). */
export function configMapsOption(
  given: string | readonly string[] | undefined,
): { files: readonly string[]; reading: TektonConfigReading } | undefined {
  const files = given === undefined ? [] : typeof given === 'string' ? [given] : [...given];
  if (files.length === 0) return undefined;
  return { files, reading: loadConfigMapFiles(files) };
}

/** Notes (keys with no effect on the simulation, ignored documents), one line each. */
export function writeNotes(
  notes: readonly Diagnostic[],
  output: { write(text: string): unknown },
): void {
  for (const note of notes) output.write(`${formatDiagnostic(note)}\n`);
}

/** ` --configmap F` for each file, for the commands printed to rerun a seed. */
export function configMapArguments(files: readonly string[]): string {
  return files.map((file) => ` --configmap ${file}`).join('');
}
