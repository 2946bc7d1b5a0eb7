// The settings validation depends on: Tekton's feature flags and config-defaults values.
import {
  type ApiFieldsLevel,
  type ParamEnumHandling,
  SIMULATOR_FEATURE_FLAGS,
  TEKTON_DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT,
  TEKTON_DEFAULT_TIMEOUT_MS,
  type TektonConfig,
} from '../../model/tekton-config.js';

export interface ValidationOptions {
  /**
   * Tekton's `enable-cel-in-whenexpression` feature flag. Tekton ships it off; the simulator
   * defaults it on, because people hand us pipelines to simulate, and refusing their CEL
   * `when` entries would refuse the very runs they want to see.
   */
  enableCelInWhenExpression?: boolean;
  /** `enable-api-fields` (Tekton: beta; the simulator without a ConfigMap: alpha). */
  enableApiFields?: ApiFieldsLevel;
  /** `disable-inline-spec`, split at commas (none in Tekton and the simulator). */
  disableInlineSpec?: readonly string[];
  /** `enable-concise-resolver-syntax` (off in Tekton and the simulator). */
  enableConciseResolverSyntax?: boolean;
  /** `enable-param-enum`: what becomes of a param's `enum` (see ParamEnumHandling). */
  paramEnum?: ParamEnumHandling;
  /** `enable-artifacts` (off in Tekton and the simulator). */
  enableArtifacts?: boolean;
  /** `default-timeout-minutes` of config-defaults, in milliseconds (Tekton: 60 minutes). */
  defaultTimeoutMs?: number;
  /** `default-max-matrix-combinations-count` of config-defaults (Tekton: 256). */
  maxMatrixCombinationsCount?: number;
}

export type ResolvedValidationOptions = Required<ValidationOptions>;

export const DEFAULT_TIMEOUT_MS = TEKTON_DEFAULT_TIMEOUT_MS;
export const DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT = TEKTON_DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT;

export function resolveValidationOptions(options: ValidationOptions): ResolvedValidationOptions {
  return {
    enableCelInWhenExpression:
      options.enableCelInWhenExpression ?? SIMULATOR_FEATURE_FLAGS.enableCelInWhenExpression,
    enableApiFields: options.enableApiFields ?? SIMULATOR_FEATURE_FLAGS.enableApiFields,
    disableInlineSpec: options.disableInlineSpec ?? SIMULATOR_FEATURE_FLAGS.disableInlineSpec,
    enableConciseResolverSyntax:
      options.enableConciseResolverSyntax ?? SIMULATOR_FEATURE_FLAGS.enableConciseResolverSyntax,
    paramEnum: options.paramEnum ?? SIMULATOR_FEATURE_FLAGS.paramEnum,
    enableArtifacts: options.enableArtifacts ?? SIMULATOR_FEATURE_FLAGS.enableArtifacts,
    defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxMatrixCombinationsCount:
      options.maxMatrixCombinationsCount ?? DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT,
  };
}

/** The validation settings a Tekton configuration gives; `defaultTimeoutMs` may be overridden. */
export function validationOptionsOf(config: TektonConfig): ValidationOptions {
  return {
    enableCelInWhenExpression: config.featureFlags.enableCelInWhenExpression,
    enableApiFields: config.featureFlags.enableApiFields,
    disableInlineSpec: config.featureFlags.disableInlineSpec,
    enableConciseResolverSyntax: config.featureFlags.enableConciseResolverSyntax,
    paramEnum: config.featureFlags.paramEnum,
    enableArtifacts: config.featureFlags.enableArtifacts,
    defaultTimeoutMs: config.defaults.defaultTimeoutMs,
    maxMatrixCombinationsCount: config.defaults.maxMatrixCombinationsCount,
  };
}
