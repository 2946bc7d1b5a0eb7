// Picks the one scenario `replay` and `shrink` work on: the only one in the file, or the one
// `--scenario` names (`compare` names it as FILE#NAME, which its messages then show); and
// loads every scenario of the paths `check` and `report` are given.
import { profileNames } from '../model/profiles.js';
import { isSeed, MAX_SEED, MIN_SEED } from '../model/seed-bounds.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { InputError } from '../tekton/diagnostics.js';
import { type CompiledScenario, type CompileOptions, loadScenarios } from '../workload/index.js';

/** Every Scenario in `paths`; an input error when there is none. */
export function loadScenarioPaths(
  paths: readonly string[],
  options: CompileOptions = {},
): CompiledScenario[] {
  const scenarios = loadScenarios(paths, options);
  if (scenarios.length === 0)
    throw new InputError({
      severity: 'error',
      message: `no Scenario documents found in ${paths.join(', ')}`,
    });
  return scenarios;
}

export function pickScenario(
  scenarios: readonly CompiledScenario[],
  file: string,
  name: string | undefined,
  namedBy: 'option' | 'hash' = 'option',
): CompiledScenario {
  const names = scenarios.map((scenario) => scenario.name);
  if (scenarios.length === 0)
    throw new InputError({ severity: 'error', message: `no Scenario documents found in ${file}` });
  if (name === undefined) {
    if (scenarios.length === 1) return scenarios[0];
    const how = namedBy === 'hash' ? `${file}#NAME` : '--scenario';
    throw new InputError({
      severity: 'error',
      message: `${file} holds ${scenarios.length} scenarios (${names.join(', ')}); choose one with ${how}`,
    });
  }
  const found = scenarios.find((scenario) => scenario.name === name);
  if (!found)
    throw new InputError({
      severity: 'error',
      message: `${namedBy === 'hash' ? `${file}#${name}` : '--scenario'}: no scenario "${name}" in ${file}; it holds ${names.join(', ')}`,
    });
  return found;
}

export function seedOption(raw: number | string): number {
  const seed = parseWholeNumber(raw);
  if (seed === undefined || !isSeed(seed))
    throw new InputError({
      severity: 'error',
      message: `--seed: "${raw}" should be a whole number from ${MIN_SEED} to ${MAX_SEED}`,
    });
  return seed;
}

export function profileOption(profile: string, option = '--profile'): string {
  if (!profileNames().includes(profile))
    throw new InputError({
      severity: 'error',
      message: `${option}: "${profile}" is not a profile; choose one of ${profileNames().join(', ')}`,
    });
  return profile;
}

/** The command that reruns one seed of a scenario with a cluster, arrivals or admission. */
export function fleetRerunCommand(file: string, seed: number): string {
  return `tekton-sim check ${file} --seed-range ${seed}..${seed}`;
}

/**
 * `replay` and `shrink` follow one PipelineRun on its own; a seed of a shared cluster would
 * silently run without its cluster there, so they refuse it and name the command that reruns it
 * (`replay --perfetto` alone draws such a seed on its cluster instead: cli/replay-fleet.ts).
 */
export function refuseFleet(
  scenario: CompiledScenario,
  command: string,
  seed: number,
  /** What else the command can do with such a seed, appended to the message. */
  otherwise = '',
): void {
  if (!scenario.fleet) return;
  throw new InputError({
    severity: 'error',
    message: `${command} does not model a cluster yet: scenario "${scenario.name}" in ${scenario.file} has spec.cluster, spec.arrivals or spec.admission; rerun this seed on its cluster with \`${fleetRerunCommand(scenario.file, seed)}\`${otherwise}`,
  });
}
