// A Task's declared results and a step's (TaskResult.Validate and StepResult.Validate in
// pkg/apis/pipeline/v1/result_validation.go), after their SetDefaults: the name, the type,
// an object's properties and, for a Task result, a `value` that names a step's result.
// Tekton's paths name the result (`results[0].MY-RESULT.properties`), as it builds them from
// the name and then the index.
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import { isDns1123Label } from './dns-label.js';
import type { FieldPath, Reporter } from './report.js';

// ResultNameFormat.
const RESULT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const RESULT_NAME_FORMAT = '^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$';
const NAME_DETAILS = `Name must consist of alphanumeric characters, '-', '_', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my-name',  or 'my_name', regex used for validation is '${RESULT_NAME_FORMAT}')`;
const STEP_NAME_DETAILS =
  'stepName in $(steps.<stepName>.results.<resultName>) must be a valid DNS Label, For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names';
const RESULT_NAME_DETAILS = `resultName in $(steps.<stepName>.results.<resultName>) must consist of alphanumeric characters, '-', '_', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my-name',  or 'my_name', regex used for validation is '${RESULT_NAME_FORMAT}')`;

type Kind = 'task' | 'step';

/** validateResults / ValidateStepResults: each result of the list, at `results[i]`. */
export function validateResults(
  results: unknown,
  resultsPath: FieldPath,
  kind: Kind,
  reporter: Reporter,
): void {
  asArray(results as readonly unknown[] | undefined).forEach((result, position) => {
    if (isObject(result)) validateResult(result, resultsPath.index(position), kind, reporter);
  });
}

function validateResult(
  result: Record<string, unknown>,
  at: FieldPath,
  kind: Kind,
  reporter: Reporter,
): void {
  const name = typeof result.name === 'string' ? result.name : '';
  if (!RESULT_NAME.test(name)) {
    reporter.error(
      `invalid key name ${JSON.stringify(name)}`,
      at.child('name'),
      undefined,
      NAME_DETAILS,
    );
    return;
  }
  const named = (field: string, yamlField = field) =>
    at.child(yamlField).spelled(`${at.text}.${name}.${field}`);
  const hasProperties = result.properties !== undefined && result.properties !== null;
  const written = typeof result.type === 'string' ? result.type : '';
  // SetDefaults: properties make an untyped result an object, else it is a string.
  const type = written !== '' ? written : hasProperties ? 'object' : 'string';
  if (type === 'object') {
    if (!hasProperties) reporter.error('missing field(s)', named('properties'));
    else {
      const invalid = Object.entries(isObject(result.properties) ? result.properties : {})
        .filter(([, property]) => {
          const propertyType = isObject(property) ? property.type : undefined;
          // SetDefaults makes an untyped property a string.
          return propertyType !== undefined && propertyType !== '' && propertyType !== 'string';
        })
        .map(([key]) => key)
        // Go ranges over a map here, so its order is random; sorted is one of its orders.
        .sort();
      if (invalid.length > 0) {
        // The step's message starts in lower case, the Task's in upper case.
        const the = kind === 'task' ? 'The' : 'the';
        reporter.error(
          `${the} value type specified for these keys [${invalid.join(' ')}] is invalid, the type must be string`,
          named('properties'),
        );
      }
    }
    if (kind === 'step') return;
  } else if (type !== 'array' && type !== 'string') {
    if (kind === 'task')
      reporter.error(`invalid value: ${type}`, at.child('type'), undefined, 'type must be string');
    else
      reporter.error(`invalid value: ${type}`, at.child('type'), undefined, `invalid type ${type}`);
  }
  if (kind === 'task') validateValue(result.value, named, reporter);
}

/** TaskResult.validateValue: a string of the form `$(steps.<step>.results.<result>)`. */
function validateValue(
  value: unknown,
  named: (field: string, yamlField?: string) => FieldPath,
  reporter: Reporter,
): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    const got = Array.isArray(value) ? 'array' : 'object';
    reporter.error(`Invalid Type. Wanted string but got: "${got}"`, named('type', 'value'));
    return;
  }
  if (value === '') return;
  const match = /\$\(steps\.(.*?)\.results\.(.*?)\)/.exec(value);
  if (!match) {
    reporter.error(
      `Could not extract step name and result name. Expected value to look like $(steps.<stepName>.results.<resultName>) but got "${value}"`,
      named('value'),
    );
    return;
  }
  const [, stepName = '', resultName = ''] = match;
  if (!isDns1123Label(stepName))
    reporter.error(
      `invalid extracted step name ${JSON.stringify(stepName)}`,
      named('value'),
      undefined,
      STEP_NAME_DETAILS,
    );
  if (!RESULT_NAME.test(resultName))
    reporter.error(
      `invalid extracted result name ${JSON.stringify(resultName)}`,
      named('value'),
      undefined,
      RESULT_NAME_DETAILS,
    );
}
