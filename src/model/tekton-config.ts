// Tekton's installation settings the simulator reads: the feature-flags and config-defaults
// ConfigMaps (pkg/apis/config/feature_flags.go and default.go at v1.15.0), as they are once
// read. Without a ConfigMap the simulator keeps its own defaults (SIMULATOR_TEKTON_CONFIG),
// which differ from Tekton's in the ways README's "What the simulator assumes" lists; with
// one, every key it does not set takes Tekton's default, as NewFeatureFlagsFromMap does.

/** `enable-api-fields`: the least stable API fields the webhook accepts. */
export type ApiFieldsLevel = 'alpha' | 'beta' | 'stable';

/**
 * What becomes of a param's `enum`. Tekton: `refused` by the webhook when enable-param-enum
 * is false, `checked` (webhook and reconciler) when true. `ignored` is the simulator's own
 * default without a feature-flags ConfigMap: accepted and never checked, as before flags
 * could be given.
 */
export type ParamEnumHandling = 'ignored' | 'refused' | 'checked';

/** `coschedule`: which pods the affinity assistant keeps on one node. */
export type Coschedule = 'workspaces' | 'pipelineruns' | 'isolate-pipelinerun' | 'disabled';

export interface FeatureFlags {
  enableApiFields: ApiFieldsLevel;
  /**
   * `disable-inline-spec`, split at commas as Tekton splits it: `pipeline` refuses a pipeline
   * task's taskSpec and pipelineSpec, `pipelinerun` a PipelineRun's pipelineSpec.
   */
  disableInlineSpec: readonly string[];
  enableCelInWhenExpression: boolean;
  enableConciseResolverSyntax: boolean;
  paramEnum: ParamEnumHandling;
  /** `enable-artifacts`: off refuses a pipeline task's params that read `$(tasks.t.outputs.x)`. */
  enableArtifacts: boolean;
  /** `results-from`: `sidecar-logs` lifts the termination message's 4096-byte limit. */
  resultsFrom?: 'termination-message' | 'sidecar-logs';
  /** `enable-termination-message-compression`: the limit is on compressed bytes, not modelled. */
  terminationMessageCompression?: boolean;
  /**
   * `coschedule`: with `workspaces` (one affinity assistant per claim) a TaskRun that binds
   * two claims fails (workspace.ValidateOnlyOnePVCIsUsed).
   */
  coschedule: Coschedule;
}

export interface ConfigDefaults {
  /** default-timeout-minutes, in milliseconds. */
  defaultTimeoutMs: number;
  /** default-max-matrix-combinations-count. */
  maxMatrixCombinationsCount: number;
  /** default-service-account: a run's `serviceAccountName` when it names none. */
  defaultServiceAccount: string;
  /** default-managed-by-label-value: a TaskRun's `app.kubernetes.io/managed-by` when it has none. */
  defaultManagedByLabelValue: string;
}

export interface TektonConfig {
  featureFlags: FeatureFlags;
  defaults: ConfigDefaults;
}

export const TEKTON_DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;
export const TEKTON_DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT = 256;
export const TEKTON_DEFAULT_SERVICE_ACCOUNT = 'default';
export const TEKTON_DEFAULT_MANAGED_BY_LABEL_VALUE = 'tekton-pipelines';

/** Tekton v1.15's values for a feature-flags ConfigMap without the key. */
export const TEKTON_FEATURE_FLAGS: FeatureFlags = {
  enableApiFields: 'beta',
  disableInlineSpec: [],
  enableCelInWhenExpression: false,
  enableConciseResolverSyntax: false,
  paramEnum: 'refused',
  enableArtifacts: false,
  coschedule: 'workspaces',
};

/** Tekton v1.15's values for a config-defaults ConfigMap without the key. */
export const TEKTON_CONFIG_DEFAULTS: ConfigDefaults = {
  defaultTimeoutMs: TEKTON_DEFAULT_TIMEOUT_MS,
  maxMatrixCombinationsCount: TEKTON_DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT,
  defaultServiceAccount: TEKTON_DEFAULT_SERVICE_ACCOUNT,
  defaultManagedByLabelValue: TEKTON_DEFAULT_MANAGED_BY_LABEL_VALUE,
};

/**
 * The simulator's feature flags when no feature-flags ConfigMap is given. People hand us
 * pipelines to see them run: CEL in `when` and pipelines in pipelines are accepted (Tekton
 * ships both refused), and `enum` is accepted without being checked.
 */
export const SIMULATOR_FEATURE_FLAGS: FeatureFlags = {
  enableApiFields: 'alpha',
  disableInlineSpec: [],
  enableCelInWhenExpression: true,
  enableConciseResolverSyntax: false,
  paramEnum: 'ignored',
  enableArtifacts: false,
  coschedule: 'workspaces',
};

export const SIMULATOR_TEKTON_CONFIG: TektonConfig = {
  featureFlags: SIMULATOR_FEATURE_FLAGS,
  defaults: TEKTON_CONFIG_DEFAULTS,
};

/**
 * Where `config` differs from the simulator's defaults, as the ConfigMap keys and values that
 * say so (`enable-api-fields=beta`), for report headers; empty when it does not differ.
 */
export function tektonConfigChanges(config: TektonConfig): string[] {
  const flags = config.featureFlags;
  const base = SIMULATOR_TEKTON_CONFIG;
  const changes: string[] = [];
  const add = (changed: boolean, key: string, value: string | number | boolean) => {
    if (changed) changes.push(`${key}=${value}`);
  };
  add(
    flags.enableApiFields !== base.featureFlags.enableApiFields,
    'enable-api-fields',
    flags.enableApiFields,
  );
  add(
    flags.disableInlineSpec.join(',') !== base.featureFlags.disableInlineSpec.join(','),
    'disable-inline-spec',
    JSON.stringify(flags.disableInlineSpec.join(',')),
  );
  add(
    flags.enableCelInWhenExpression !== base.featureFlags.enableCelInWhenExpression,
    'enable-cel-in-whenexpression',
    flags.enableCelInWhenExpression,
  );
  add(
    flags.enableConciseResolverSyntax !== base.featureFlags.enableConciseResolverSyntax,
    'enable-concise-resolver-syntax',
    flags.enableConciseResolverSyntax,
  );
  add(
    flags.enableArtifacts !== base.featureFlags.enableArtifacts,
    'enable-artifacts',
    flags.enableArtifacts,
  );
  add(flags.coschedule !== base.featureFlags.coschedule, 'coschedule', flags.coschedule);
  add(
    flags.paramEnum !== base.featureFlags.paramEnum,
    'enable-param-enum',
    flags.paramEnum === 'checked',
  );
  const defaults = config.defaults;
  add(
    defaults.defaultTimeoutMs !== base.defaults.defaultTimeoutMs,
    'default-timeout-minutes',
    defaults.defaultTimeoutMs / 60_000,
  );
  add(
    defaults.maxMatrixCombinationsCount !== base.defaults.maxMatrixCombinationsCount,
    'default-max-matrix-combinations-count',
    defaults.maxMatrixCombinationsCount,
  );
  add(
    defaults.defaultServiceAccount !== base.defaults.defaultServiceAccount,
    'default-service-account',
    JSON.stringify(defaults.defaultServiceAccount),
  );
  add(
    defaults.defaultManagedByLabelValue !== base.defaults.defaultManagedByLabelValue,
    'default-managed-by-label-value',
    JSON.stringify(defaults.defaultManagedByLabelValue),
  );
  return changes;
}
