// The config-defaults ConfigMap read as Tekton v1.15's NewDefaultsFromMap reads it: keys in
// its order, the first refused value the only error, every key not set at Tekton's default.
// Numbers Tekton takes as they come are bounded here too, each with its own message.
import { ConfigMapMessages } from '../../model/reasons.js';
import { MAX_TASKRUNS_PER_FLEET_SEED } from '../../model/not-completed.js';
import { type ConfigDefaults, TEKTON_CONFIG_DEFAULTS } from '../../model/tekton-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { yamlPackage } from '../yaml-package.js';
import { type ConfigMapEntry, entryError } from './entries.js';
import { goDurationError, parseGoInt } from './go-strconv.js';

type KeyReader =
  | { kind: 'int' }
  | { kind: 'anyString' }
  | { kind: 'yaml' }
  /** time.ParseDuration; `message` says how Tekton words the failure for this key. */
  | { kind: 'duration'; message: 'key' | 'keyAndError' | 'value' };

/** Every key NewDefaultsFromMap reads, in the order it reads them. */
const CONFIG_DEFAULTS_KEYS: readonly (readonly [string, KeyReader])[] = [
  ['default-timeout-minutes', { kind: 'int' }],
  ['default-service-account', { kind: 'anyString' }],
  ['default-managed-by-label-value', { kind: 'anyString' }],
  ['default-pod-template', { kind: 'yaml' }],
  ['default-affinity-assistant-pod-template', { kind: 'yaml' }],
  ['default-cloud-events-sink', { kind: 'anyString' }],
  ['default-task-run-workspace-binding', { kind: 'anyString' }],
  ['default-max-matrix-combinations-count', { kind: 'int' }],
  ['default-forbidden-env', { kind: 'anyString' }],
  ['default-resolver-type', { kind: 'anyString' }],
  ['default-container-resource-requirements', { kind: 'yaml' }],
  ['default-imagepullbackoff-timeout', { kind: 'duration', message: 'key' }],
  ['default-create-container-error-timeout', { kind: 'duration', message: 'keyAndError' }],
  ['default-maximum-resolution-timeout', { kind: 'duration', message: 'key' }],
  // Tekton's message names the value here, where the key was meant.
  ['default-sidecar-log-polling-interval', { kind: 'duration', message: 'value' }],
  ['default-step-ref-concurrency-limit', { kind: 'int' }],
];

export const SIMULATED_CONFIG_DEFAULTS_KEYS: ReadonlySet<string> = new Set([
  'default-timeout-minutes',
  'default-max-matrix-combinations-count',
  'default-service-account',
  'default-managed-by-label-value',
]);

export const CONFIG_DEFAULTS_KEY_NAMES: ReadonlySet<string> = new Set(
  CONFIG_DEFAULTS_KEYS.map(([key]) => key),
);

/** A year, the longest duration a Scenario may write (workload/limits.ts MAX_DURATION_MS). */
export const MAX_DEFAULT_TIMEOUT_MINUTES = 365 * 24 * 60;
/** As many TaskRuns as one seed may create. */
export const MAX_MATRIX_COMBINATIONS_COUNT = MAX_TASKRUNS_PER_FLEET_SEED;

export function readConfigDefaults(
  entries: readonly ConfigMapEntry[],
): { defaults: ConfigDefaults } | { error: Diagnostic } {
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  const values = new Map<string, string | bigint>();
  for (const [key, reader] of CONFIG_DEFAULTS_KEYS) {
    const entry = byKey.get(key);
    if (!entry) continue;
    const read = readValue(entry, reader);
    if ('error' in read) return { error: entryError(entry, read.error) };
    values.set(key, read.value);
  }
  const bounded = boundedNumbers(byKey, values);
  if ('error' in bounded) return bounded;
  const serviceAccount = values.get('default-service-account');
  const managedBy = values.get('default-managed-by-label-value');
  return {
    defaults: {
      defaultTimeoutMs:
        bounded.timeoutMinutes === undefined
          ? TEKTON_CONFIG_DEFAULTS.defaultTimeoutMs
          : bounded.timeoutMinutes * 60_000,
      maxMatrixCombinationsCount:
        bounded.matrixCount ?? TEKTON_CONFIG_DEFAULTS.maxMatrixCombinationsCount,
      defaultServiceAccount:
        typeof serviceAccount === 'string'
          ? serviceAccount
          : TEKTON_CONFIG_DEFAULTS.defaultServiceAccount,
      defaultManagedByLabelValue:
        typeof managedBy === 'string'
          ? managedBy
          : TEKTON_CONFIG_DEFAULTS.defaultManagedByLabelValue,
    },
  };
}

/** The two numbers the simulator uses, within bounds that keep a seed's work finite. */
function boundedNumbers(
  byKey: ReadonlyMap<string, ConfigMapEntry>,
  values: ReadonlyMap<string, string | bigint>,
): { timeoutMinutes?: number; matrixCount?: number } | { error: Diagnostic } {
  const bound = (key: string, max: number, what: string) => {
    const value = values.get(key);
    if (typeof value !== 'bigint') return { value: undefined };
    if (value >= 0n && value <= BigInt(max)) return { value: Number(value) };
    const entry = byKey.get(key) as ConfigMapEntry;
    return {
      error: entryError(
        entry,
        `${key} "${entry.value}" is out of range for the simulator: ${what} from 0 to ${max}`,
      ),
    };
  };
  const timeout = bound(
    'default-timeout-minutes',
    MAX_DEFAULT_TIMEOUT_MINUTES,
    'minutes (0 for no timeout)',
  );
  if (timeout.error) return { error: timeout.error };
  const matrix = bound(
    'default-max-matrix-combinations-count',
    MAX_MATRIX_COMBINATIONS_COUNT,
    'combinations',
  );
  if (matrix.error) return { error: matrix.error };
  return { timeoutMinutes: timeout.value, matrixCount: matrix.value };
}

function readValue(
  entry: ConfigMapEntry,
  reader: KeyReader,
): { value: string | bigint } | { error: string } {
  const { key, value } = entry;
  switch (reader.kind) {
    case 'int': {
      const parsed = parseGoInt(value);
      return 'error' in parsed
        ? { error: ConfigMapMessages.defaultNotParsed(key) }
        : { value: parsed.value };
    }
    case 'anyString':
      return { value };
    case 'yaml':
      return yamlParses(value) ? { value } : { error: ConfigMapMessages.notUnmarshalled(value) };
    case 'duration': {
      const error = goDurationError(value);
      if (error === undefined) return { value };
      if (reader.message === 'keyAndError')
        return { error: ConfigMapMessages.defaultDurationNotParsed(key, error) };
      return {
        error: ConfigMapMessages.defaultNotParsed(reader.message === 'key' ? key : value),
      };
    }
  }
}

/**
 * Whether the text is YAML at all. Tekton also refuses YAML of the wrong shape for a pod
 * template; the simulator uses none of these keys and checks no further.
 */
function yamlParses(text: string): boolean {
  const { parseAllDocuments } = yamlPackage();
  const documents = parseAllDocuments(text);
  return Array.isArray(documents) && documents.every((document) => document.errors.length === 0);
}
