// Tekton's feature-flags and config-defaults ConfigMaps as input: from files
// (`--configmap FILE`) or from a Scenario's spec.configMaps, to one TektonConfig.
import type { SourceDocument } from '../resource.js';
import { type Diagnostic, InputError } from '../diagnostics.js';
import { dataEntries } from './data-entries.js';
import { TEKTON_CONFIG_MAP_NAMES, type ConfigMapData } from './entries.js';
import { loadConfigMapFile } from './file.js';
import { readTektonConfig, SIMULATOR_CONFIG_READING, type TektonConfigReading } from './read.js';

export type { TektonConfigReading } from './read.js';
export { SIMULATOR_CONFIG_READING } from './read.js';

/** The ConfigMaps in these files (none: the simulator's defaults). */
export function loadConfigMapFiles(files: readonly string[]): TektonConfigReading {
  if (files.length === 0) return SIMULATOR_CONFIG_READING;
  const maps: ConfigMapData[] = [];
  const notes: Diagnostic[] = [];
  for (const file of files) {
    const loaded = loadConfigMapFile(file);
    maps.push(...loaded.maps);
    notes.push(...loaded.notes);
  }
  const reading = readTektonConfig(maps);
  return { ...reading, notes: [...notes, ...reading.notes] };
}

/**
 * A Scenario's spec.configMaps: each ConfigMap's data by its name. The schema has checked
 * its shape (names, string or null values).
 */
export function readScenarioConfigMaps(
  configMaps: Record<string, unknown> | undefined,
  source: SourceDocument,
): TektonConfigReading {
  if (configMaps === undefined) return SIMULATOR_CONFIG_READING;
  const problems: Diagnostic[] = [];
  const maps = TEKTON_CONFIG_MAP_NAMES.filter((name) => name in configMaps).map((name) =>
    dataEntries(name, configMaps[name], source, ['spec', 'configMaps', name], problems),
  );
  if (problems.length > 0) throw new InputError(problems);
  return readTektonConfig(maps);
}
