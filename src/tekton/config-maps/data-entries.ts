// A ConfigMap's `data` map (from a ConfigMap file or a Scenario) to entries with positions.
// Values are strings, as the API server stores them; `key:` with nothing after it is "", as
// Tekton's own config-defaults.yaml writes some keys.
import type { Diagnostic } from '../diagnostics.js';
import type { SourceDocument, YamlPath } from '../resource.js';
import type { ConfigMapData, ConfigMapEntry, TektonConfigMapName } from './entries.js';

export function dataEntries(
  name: TektonConfigMapName,
  data: unknown,
  source: SourceDocument,
  dataPath: YamlPath,
  problems: Diagnostic[],
): ConfigMapData {
  // `items[0].data.key` in a List, `data.key` in a ConfigMap.
  const fieldPath = (key?: string) =>
    [...dataPath, ...(key === undefined ? [] : [key])]
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
      .join('')
      .slice(1);
  const entries: ConfigMapEntry[] = [];
  const map: ConfigMapData = {
    name,
    entries,
    location: source.locate(dataPath),
    fieldPath: fieldPath(),
  };
  if (data === undefined || data === null) return map;
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      severity: 'error',
      message: `a ConfigMap's data is a map of keys to string values, e.g. enable-api-fields: "alpha"`,
      location: map.location,
      fieldPath: map.fieldPath,
    });
    return map;
  }
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const location = source.locate([...dataPath, key]);
    if (value !== null && typeof value !== 'string') {
      problems.push({
        severity: 'error',
        message: `ConfigMap values are strings, as the API server stores them: write ${JSON.stringify(String(value))} in quotes`,
        location,
        fieldPath: fieldPath(key),
      });
      continue;
    }
    entries.push({ key, value: value ?? '', location, fieldPath: fieldPath(key) });
  }
  return map;
}
