// config.ValidateEnabledAPIFields: a field that exists only when `enable-api-fields` is alpha
// (or, for beta fields, alpha or beta). Which fields need which level is read from v1.15's
// validation code and written at each check; this file says only how a refusal reads.
import type { ApiFieldsLevel } from '../../model/tekton-config.js';
import { ApiFieldsMessages } from '../../model/reasons.js';
import type { FieldPath, Reporter } from './report.js';

export function requireApiFields(
  feature: string,
  wanted: 'alpha' | 'beta',
  current: ApiFieldsLevel,
  path: FieldPath,
  reporter: Reporter,
): void {
  if (wanted === 'alpha' && current !== 'alpha')
    reporter.error(ApiFieldsMessages.needsAlpha(feature, current), path);
  if (wanted === 'beta' && current === 'stable')
    reporter.error(ApiFieldsMessages.needsBeta(feature, current), path);
}
