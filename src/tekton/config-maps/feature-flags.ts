// The feature-flags ConfigMap read as Tekton v1.15's NewFeatureFlagsFromMap reads it: keys in
// its order, the first refused value the only error (Tekton stops there too), every key it
// does not set at Tekton's default. Keys Tekton does not read are ignored, as Tekton does.
import { ConfigMapMessages } from '../../model/reasons.js';
import {
  type ApiFieldsLevel,
  type Coschedule,
  type FeatureFlags,
  TEKTON_FEATURE_FLAGS,
} from '../../model/tekton-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { type ConfigMapEntry, entryError } from './entries.js';
import { parseGoBool, parseGoInt } from './go-strconv.js';

type KeyReader =
  | { kind: 'bool' }
  /** setPerFeatureFlag: its error names the key. */
  | { kind: 'perFeatureBool' }
  /** Lower-cased, then one of these. */
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'maxResultSize' }
  | { kind: 'anyString' };

/** Every key NewFeatureFlagsFromMap reads, in the order it reads them. */
const FEATURE_FLAG_KEYS: readonly (readonly [string, KeyReader])[] = [
  ['disable-creds-init', { kind: 'bool' }],
  ['running-in-environment-with-injected-sidecars', { kind: 'bool' }],
  ['await-sidecar-readiness', { kind: 'bool' }],
  ['require-git-ssh-secret-known-hosts', { kind: 'bool' }],
  ['enable-api-fields', { kind: 'choice', choices: ['alpha', 'beta', 'stable'] }],
  ['send-cloudevents-for-runs', { kind: 'bool' }],
  [
    'trusted-resources-verification-no-match-policy',
    { kind: 'choice', choices: ['fail', 'warn', 'ignore'] },
  ],
  ['enable-provenance-in-status', { kind: 'bool' }],
  ['results-from', { kind: 'choice', choices: ['termination-message', 'sidecar-logs'] }],
  ['max-result-size', { kind: 'maxResultSize' }],
  ['keep-pod-on-cancel', { kind: 'perFeatureBool' }],
  ['enforce-nonfalsifiability', { kind: 'choice', choices: ['none', 'spire'] }],
  ['set-security-context', { kind: 'bool' }],
  ['set-security-context-read-only-root-filesystem', { kind: 'bool' }],
  [
    'coschedule',
    { kind: 'choice', choices: ['disabled', 'workspaces', 'pipelineruns', 'isolate-pipelinerun'] },
  ],
  ['enable-cel-in-whenexpression', { kind: 'perFeatureBool' }],
  ['enable-param-enum', { kind: 'perFeatureBool' }],
  ['enable-artifacts', { kind: 'perFeatureBool' }],
  ['disable-inline-spec', { kind: 'anyString' }],
  ['enable-concise-resolver-syntax', { kind: 'perFeatureBool' }],
  ['enable-kubernetes-sidecar', { kind: 'bool' }],
  ['enable-wait-exponential-backoff', { kind: 'bool' }],
  ['enable-termination-message-compression', { kind: 'perFeatureBool' }],
];

/** The keys whose value changes what the simulator does. */
export const SIMULATED_FEATURE_FLAG_KEYS: ReadonlySet<string> = new Set([
  'enable-api-fields',
  'disable-inline-spec',
  'enable-cel-in-whenexpression',
  'enable-concise-resolver-syntax',
  'enable-param-enum',
  'enable-artifacts',
  'results-from',
  'enable-termination-message-compression',
  'coschedule',
]);

export const FEATURE_FLAG_KEY_NAMES: ReadonlySet<string> = new Set(
  FEATURE_FLAG_KEYS.map(([key]) => key),
);

/** setMaxResultSize refuses 1.5 MiB (the CRD's limit) and above. */
const MAX_RESULT_SIZE_LIMIT = 1572864n;

export function readFeatureFlags(
  entries: readonly ConfigMapEntry[],
): { flags: FeatureFlags } | { error: Diagnostic } {
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));
  const values = new Map<string, string | boolean>();
  for (const [key, reader] of FEATURE_FLAG_KEYS) {
    const entry = byKey.get(key);
    if (!entry) continue;
    const read = readValue(entry, reader);
    if ('error' in read) return { error: entryError(entry, read.error) };
    values.set(key, read.value);
  }
  const bool = (key: string, fallback: boolean) => {
    const value = values.get(key);
    return typeof value === 'boolean' ? value : fallback;
  };
  const paramEnum = values.get('enable-param-enum');
  return {
    flags: {
      enableApiFields: (values.get('enable-api-fields') ??
        TEKTON_FEATURE_FLAGS.enableApiFields) as ApiFieldsLevel,
      disableInlineSpec:
        typeof values.get('disable-inline-spec') === 'string'
          ? String(values.get('disable-inline-spec')).split(',')
          : TEKTON_FEATURE_FLAGS.disableInlineSpec,
      enableCelInWhenExpression: bool(
        'enable-cel-in-whenexpression',
        TEKTON_FEATURE_FLAGS.enableCelInWhenExpression,
      ),
      enableConciseResolverSyntax: bool(
        'enable-concise-resolver-syntax',
        TEKTON_FEATURE_FLAGS.enableConciseResolverSyntax,
      ),
      enableArtifacts: bool('enable-artifacts', TEKTON_FEATURE_FLAGS.enableArtifacts),
      coschedule: (values.get('coschedule') ?? TEKTON_FEATURE_FLAGS.coschedule) as Coschedule,
      paramEnum:
        paramEnum === undefined
          ? TEKTON_FEATURE_FLAGS.paramEnum
          : paramEnum === true
            ? 'checked'
            : 'refused',
      ...(values.get('results-from') === 'sidecar-logs'
        ? { resultsFrom: 'sidecar-logs' as const }
        : {}),
      ...(bool('enable-termination-message-compression', false)
        ? { terminationMessageCompression: true }
        : {}),
    },
  };
}

function readValue(
  entry: ConfigMapEntry,
  reader: KeyReader,
): { value: string | boolean } | { error: string } {
  const { key, value } = entry;
  switch (reader.kind) {
    case 'bool':
    case 'perFeatureBool': {
      const parsed = parseGoBool(value);
      if (parsed !== undefined) return { value: parsed };
      return {
        error:
          reader.kind === 'bool'
            ? ConfigMapMessages.notBool(value)
            : ConfigMapMessages.notBoolForFeature(value, key),
      };
    }
    case 'choice': {
      const lowerCased = value.toLowerCase();
      if (reader.choices.includes(lowerCased)) return { value: lowerCased };
      return { error: ConfigMapMessages.invalidChoice(key, lowerCased) };
    }
    case 'maxResultSize': {
      const parsed = parseGoInt(value);
      if ('error' in parsed)
        return { error: ConfigMapMessages.atoi(value, parsed.error === 'range') };
      if (parsed.value >= MAX_RESULT_SIZE_LIMIT)
        return { error: ConfigMapMessages.maxResultSizeTooLarge(String(parsed.value)) };
      return { value };
    }
    case 'anyString':
      return { value };
  }
}
