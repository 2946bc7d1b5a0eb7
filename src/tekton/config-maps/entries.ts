// A ConfigMap's data as the readers see it: each key's value and where it is written, so a
// refused value is one diagnostic at its file:line:column.
import type { Diagnostic, SourceLocation } from '../diagnostics.js';

export interface ConfigMapEntry {
  key: string;
  /** The value as Tekton reads it: a null (`key:` with nothing after it) is "". */
  value: string;
  location: SourceLocation;
  /** e.g. `data.enable-api-fields` in a ConfigMap file, `spec.configMaps.feature-flags.enable-api-fields` in a Scenario. */
  fieldPath: string;
}

export interface ConfigMapData {
  name: TektonConfigMapName;
  entries: ConfigMapEntry[];
  /** Where the ConfigMap (its data) is written, for the note about keys. */
  location: SourceLocation;
  fieldPath: string;
}

export const TEKTON_CONFIG_MAP_NAMES = ['feature-flags', 'config-defaults'] as const;
export type TektonConfigMapName = (typeof TEKTON_CONFIG_MAP_NAMES)[number];

export function entryError(entry: ConfigMapEntry, message: string): Diagnostic {
  return { severity: 'error', message, location: entry.location, fieldPath: entry.fieldPath };
}
