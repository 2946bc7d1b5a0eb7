// Where a step may read another step's results and artifacts (Step.Validate in
// pkg/apis/pipeline/v1/container_validation.go): with enable-artifacts off, no artifact at
// all (validateArtifactsReferencesInStep); step results only in env, command and args
// (validateStepResultReference), step artifacts there and in the script
// (validateStepArtifactsReference).
import type { Step } from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';

// artifactref's step and task usage patterns, and the two path variables.
const STEP_ARTIFACT = /\$\(steps\.([^.]+)\.(?:inputs|outputs)\.([^.)]+)\)/;
const TASK_ARTIFACT = /\$\(tasks\.([^.]+)\.(?:inputs|outputs)\.([^.)]+)\)/;
// resultref's stepResultUsagePattern.
const STEP_RESULT = /\$\(steps\..*?\.results\..*?\)/;

/** Script, command, args and env values that read `$(steps.s.outputs.x)` and the like. */
export function readsArtifacts(step: Step): boolean {
  const texts = [
    step.script,
    ...asArray(step.command),
    ...asArray(step.args),
    ...asArray(step.env).map((env) => (isObject(env) ? env.value : undefined)),
  ].filter((text): text is string => typeof text === 'string' && text !== '');
  return texts.some(
    (text) =>
      readsStepArtifact(text) || TASK_ARTIFACT.test(text) || text.includes('$(artifacts.path)'),
  );
}

/** stepArtifactReferenceExists. */
function readsStepArtifact(text: string): boolean {
  return STEP_ARTIFACT.test(text) || text.includes('$(step.artifacts.path)');
}

/**
 * validateStepResultReference and validateStepArtifactsReference: a previous step's results
 * only in env, command and args (artifacts in script too). Tekton's paths are dotted names
 * without indexes (`volumeMounts.name`), one per field whatever the number of mounts.
 */
export function validateReferencePlaces(
  step: Step,
  volumeMounts: readonly unknown[],
  stepPath: FieldPath,
  reporter: Reporter,
): void {
  const fields = step as Record<string, unknown>;
  const places: [string, unknown, boolean][] = [
    ['name', fields.name, true],
    ['image', fields.image, true],
    ['script', fields.script, false],
    ['imagePullPolicy', fields.imagePullPolicy, true],
    ['workingDir', fields.workingDir, true],
  ];
  for (const from of asArray(fields.envFrom as unknown[] | undefined)) {
    if (!isObject(from)) continue;
    places.push(['envFrom.prefix', from.prefix, true]);
    if (isObject(from.configMapRef))
      places.push(['envFrom.configMapRef', from.configMapRef.name, true]);
    if (isObject(from.secretRef)) places.push(['envFrom.secretRef', from.secretRef.name, true]);
  }
  for (const mount of volumeMounts) {
    if (!isObject(mount)) continue;
    places.push(['volumeMounts.name', mount.name, true]);
    places.push(['volumeMounts.mountPath', mount.mountPath, true]);
    places.push(['volumeMounts.subPath', mount.subPath, true]);
  }
  for (const device of asArray(fields.volumeDevices as unknown[] | undefined)) {
    if (!isObject(device)) continue;
    places.push(['volumeDevices.name', device.name, true]);
    places.push(['volumeDevices.devicePath', device.devicePath, true]);
  }
  const at = (place: string) => stepPath.spelled(`${stepPath.text}.${place}`);
  for (const [place, value] of places) {
    if (typeof value === 'string' && STEP_RESULT.test(value))
      reporter.error(
        'stepResult substitutions are only allowed in env, command and args. Found usage in',
        at(place),
      );
  }
  for (const [place, value, checked] of places) {
    if (checked && typeof value === 'string' && readsStepArtifact(value))
      reporter.error(
        'stepArtifact substitutions are only allowed in env, command, args and script. Found usage in',
        at(place),
      );
  }
}
