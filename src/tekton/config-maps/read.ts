// Tekton's feature-flags and config-defaults ConfigMaps, however they were given (files on
// the command line, a Scenario's spec.configMaps), to the one TektonConfig a run uses. A
// refused value is an InputError at its file:line:column; keys the simulation does not use
// are listed in one note per ConfigMap, never dropped unsaid.
import { SIMULATOR_TEKTON_CONFIG, type TektonConfig } from '../../model/tekton-config.js';
import { type Diagnostic, InputError } from '../diagnostics.js';
import {
  CONFIG_DEFAULTS_KEY_NAMES,
  readConfigDefaults,
  SIMULATED_CONFIG_DEFAULTS_KEYS,
} from './config-defaults.js';
import type { ConfigMapData } from './entries.js';
import {
  FEATURE_FLAG_KEY_NAMES,
  readFeatureFlags,
  SIMULATED_FEATURE_FLAG_KEYS,
} from './feature-flags.js';

export interface TektonConfigReading {
  config: TektonConfig;
  /** One note per ConfigMap that has keys the simulation does not use. */
  notes: Diagnostic[];
  /** Whether config-defaults sets default-timeout-minutes (which a timeout option would contradict). */
  setsDefaultTimeout: boolean;
}

/** No ConfigMap: the simulator's defaults, and nothing to say. */
export const SIMULATOR_CONFIG_READING: TektonConfigReading = {
  config: SIMULATOR_TEKTON_CONFIG,
  notes: [],
  setsDefaultTimeout: false,
};

export function readTektonConfig(maps: readonly ConfigMapData[]): TektonConfigReading {
  if (maps.length === 0) return SIMULATOR_CONFIG_READING;
  const errors: Diagnostic[] = [];
  for (const [index, map] of maps.entries()) {
    const first = maps.findIndex((other) => other.name === map.name);
    if (first < index) {
      const where = maps[first].location;
      errors.push({
        severity: 'error',
        message: `a second ${map.name} ConfigMap; the first is at ${where.file}:${where.line}:${where.column}, give one`,
        location: map.location,
        fieldPath: map.fieldPath,
      });
    }
  }
  if (errors.length > 0) throw new InputError(errors);
  const flagsMap = maps.find((map) => map.name === 'feature-flags');
  const defaultsMap = maps.find((map) => map.name === 'config-defaults');
  let config: TektonConfig = SIMULATOR_TEKTON_CONFIG;
  if (flagsMap) {
    const read = readFeatureFlags(flagsMap.entries);
    if ('error' in read) throw new InputError(read.error);
    config = { ...config, featureFlags: read.flags };
  }
  if (defaultsMap) {
    const read = readConfigDefaults(defaultsMap.entries);
    if ('error' in read) throw new InputError(read.error);
    config = { ...config, defaults: read.defaults };
  }
  const notes = maps.flatMap((map) => {
    const note = unusedKeysNote(map);
    return note ? [note] : [];
  });
  const setsDefaultTimeout =
    defaultsMap?.entries.some((entry) => entry.key === 'default-timeout-minutes') ?? false;
  return { config, notes, setsDefaultTimeout };
}

function unusedKeysNote(map: ConfigMapData): Diagnostic | undefined {
  const [simulated, known] =
    map.name === 'feature-flags'
      ? [SIMULATED_FEATURE_FLAG_KEYS, FEATURE_FLAG_KEY_NAMES]
      : [SIMULATED_CONFIG_DEFAULTS_KEYS, CONFIG_DEFAULTS_KEY_NAMES];
  const keys = map.entries.map((entry) => entry.key);
  const unused = keys.filter((key) => known.has(key) && !simulated.has(key));
  const unknown = keys.filter((key) => !known.has(key));
  if (unused.length === 0 && unknown.length === 0) return undefined;
  const parts = [
    ...(unused.length > 0
      ? [`accepted, with no effect on the simulation: ${unused.join(', ')}`]
      : []),
    ...(unknown.length > 0 ? [`not read by Tekton v1.15, ignored: ${unknown.join(', ')}`] : []),
  ];
  return {
    severity: 'note',
    message: `${map.name} ConfigMap: ${parts.join('; ')}`,
    location: map.location,
    fieldPath: map.fieldPath,
  };
}
