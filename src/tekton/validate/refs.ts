// validateRef (container_validation.go), which Tekton runs on a PipelineRun's pipelineRef and
// on a pipeline task's taskRef or pipelineRef: a name, or a resolver (with params); a name
// with a resolver, or a name that looks like a URL, is the concise resolver syntax, which
// needs the enable-concise-resolver-syntax flag (off by default in Tekton and here); any
// other name must be a Kubernetes qualified name. A step's StepAction ref is checked the same
// way (Step.Validate), with no `ref` in the paths.
import { requireApiFields } from './api-fields.js';
import { isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';
import { validateUniqueParamNames } from './unique-names.js';

const CONCISE_SYNTAX_DISABLED =
  'feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax';
// RefNameLikeUrl: a scheme somewhere in the name (unanchored, as Tekton matches it).
const URL_LIKE_NAME = /[0-9A-Za-z_-]+:\/\/*/;

export function validateRef(
  ref: unknown,
  refPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  if (!isObject(ref)) return;
  const nameValue = goJsonField(ref, 'name');
  const resolverValue = goJsonField(ref, 'resolver');
  const name = typeof nameValue === 'string' ? nameValue : '';
  const resolver = typeof resolverValue === 'string' ? resolverValue : '';
  const params = goJsonField(ref, 'params');
  const hasParams = params !== undefined && params !== null;
  const concise = options.enableConciseResolverSyntax;
  if (resolver !== '' || hasParams) {
    if (hasParams)
      requireApiFields(
        'resolver params',
        'beta',
        options.enableApiFields,
        refPath.child('params'),
        reporter,
      );
    if (hasParams && name !== '') {
      reporter.error('expected exactly one, got both', [
        refPath.child('name'),
        refPath.child('params'),
      ]);
    }
    if (hasParams && resolver === '') reporter.error('missing field(s)', refPath.child('resolver'));
    if (hasParams)
      validateUniqueParamNames(params, refPath.child('params'), refPath.text, reporter);
    if (resolver !== '')
      requireApiFields(
        'resolver',
        'beta',
        options.enableApiFields,
        refPath.child('resolver'),
        reporter,
      );
    if (resolver !== '' && name !== '') {
      if (!URL_LIKE_NAME.test(name))
        reporter.error('invalid value: invalid URI for request', refPath.child('name'));
      else if (!concise) reporter.error(CONCISE_SYNTAX_DISABLED, refPath);
    }
    return;
  }
  if (name !== '') {
    if (URL_LIKE_NAME.test(name)) {
      if (!concise) reporter.error(CONCISE_SYNTAX_DISABLED, refPath);
      reporter.error('missing field(s)', refPath.child('resolver'));
    }
    const problems = qualifiedNameProblems(name);
    if (problems.length > 0)
      reporter.error(`invalid value: ${problems.join(',')}`, refPath.child('name'));
    return;
  }
  reporter.error('missing field(s)', refPath.child('name'));
}

/**
 * A field as the webhook's encoding/json decoder finds it: the exact key, else a key equal to
 * it ignoring case (`Name: x` is a name; Tekton's CRD schema keeps unknown keys).
 */
function goJsonField(object: Record<string, unknown>, field: string): unknown {
  if (field in object) return object[field];
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === field);
  return key === undefined ? undefined : object[key];
}

// Kubernetes' qualified-name grammar (validation.IsQualifiedName) and its words.
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MAX_LENGTH = 63;
const QUALIFIED_NAME_REGEX_ERROR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/**
 * validation.IsQualifiedName's complaints about a name without a `/` prefix. A name with a
 * prefix is let through: the prefix's words (IsDNS1123Subdomain of the apimachinery Tekton
 * v1.15 builds with) are not checked here.
 */
function qualifiedNameProblems(name: string): string[] {
  if (name.includes('/')) return [];
  const problems: string[] = [];
  if (name.length > QUALIFIED_NAME_MAX_LENGTH)
    problems.push(`name part must be no more than ${QUALIFIED_NAME_MAX_LENGTH} characters`);
  if (!QUALIFIED_NAME.test(name)) problems.push(`name part ${QUALIFIED_NAME_REGEX_ERROR}`);
  return problems;
}
