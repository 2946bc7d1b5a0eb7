// The settings validation depends on: Tekton's feature flags and config-defaults values.

export interface ValidationOptions {
  /**
   * Tekton's `enable-cel-in-whenexpression` feature flag. Tekton ships it off; the simulator
   * defaults it on, because people hand us pipelines to simulate, and refusing their CEL
   * `when` entries would refuse the very runs they want to see.
   */
  enableCelInWhenExpression?: boolean;
  /** `default-timeout-minutes` of config-defaults, in milliseconds (Tekton: 60 minutes). */
  defaultTimeoutMs?: number;
  /** `default-max-matrix-combinations-count` of config-defaults (Tekton: 256). */
  maxMatrixCombinationsCount?: number;
}

export type ResolvedValidationOptions = Required<ValidationOptions>;

export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;
export const DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT = 256;

export function resolveValidationOptions(options: ValidationOptions): ResolvedValidationOptions {
  return {
    enableCelInWhenExpression: options.enableCelInWhenExpression ?? true,
    defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxMatrixCombinationsCount:
      options.maxMatrixCombinationsCount ?? DEFAULT_MAX_MATRIX_COMBINATIONS_COUNT,
  };
}
