// Entry point of webhook-style validation. Owned by the validation work in progress; the
// signature is what the CLI and the simulator call.
import type { Diagnostic } from '../diagnostics.js';
import type { TektonResource } from '../resource.js';

export interface ValidationOptions {
  /** Tekton's `enable-cel-in-whenexpression` feature flag. */
  enableCelInWhenExpression?: boolean;
}

/** Every error and warning Tekton's admission webhook (plus our lint) has for these resources. */
export function validateResources(
  resources: readonly TektonResource[],
  options: ValidationOptions = {},
): Diagnostic[] {
  void resources;
  void options;
  return [];
}
