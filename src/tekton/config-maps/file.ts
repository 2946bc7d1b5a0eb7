// A YAML file given to `--configmap`: Tekton's feature-flags or config-defaults ConfigMap (or
// both, as documents of one file or items of a List), as a cluster has them (a release's
// config/config-feature-flags.yaml, `kubectl get configmap ... -o yaml`). Other documents are
// ignored with a note; a file with neither is refused.
import { type Diagnostic, InputError } from '../diagnostics.js';
import { emptyFileError } from '../empty-file.js';
import { fileProblem, readTextFile } from '../files.js';
import { parseYaml } from '../yaml-source.js';
import { dataEntries } from './data-entries.js';
import {
  type ConfigMapData,
  TEKTON_CONFIG_MAP_NAMES,
  type TektonConfigMapName,
} from './entries.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isList(value: unknown): value is { items: unknown[] } {
  return (
    isRecord(value) &&
    value.kind === 'List' &&
    value.apiVersion === 'v1' &&
    Array.isArray(value.items)
  );
}

/** The object's name when it is Tekton's feature-flags or config-defaults ConfigMap. */
function tektonConfigMapName(value: unknown): TektonConfigMapName | undefined {
  if (!isRecord(value) || value.kind !== 'ConfigMap' || value.apiVersion !== 'v1') return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const name = metadata.name;
  return typeof name === 'string' && (TEKTON_CONFIG_MAP_NAMES as readonly string[]).includes(name)
    ? (name as TektonConfigMapName)
    : undefined;
}

export function loadConfigMapFile(file: string): { maps: ConfigMapData[]; notes: Diagnostic[] } {
  const read = readTextFile(file);
  if ('problem' in read) throw new InputError(read.problem);
  const parsed = parseYaml(read.text, file);
  const errors = parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  const documents = parsed.documents.filter((document) => !document.empty);
  if (documents.length === 0) throw new InputError(emptyFileError(file));
  const maps: ConfigMapData[] = [];
  const notes: Diagnostic[] = [];
  const problems: Diagnostic[] = [];
  for (const document of documents) {
    const value = document.value;
    // `kubectl get configmap feature-flags config-defaults -o yaml` prints a List of them.
    const items = isList(value) ? value.items : undefined;
    const objects: { value: unknown; path: (string | number)[] }[] = items
      ? items.map((item, index) => ({ value: item, path: ['items', index] }))
      : [{ value, path: [] }];
    for (const object of objects) {
      const name = tektonConfigMapName(object.value);
      if (name === undefined) {
        notes.push({
          severity: 'note',
          message: `ignored: not Tekton's feature-flags or config-defaults ConfigMap (apiVersion v1)`,
          location: document.source.locate(
            isRecord(object.value) ? [...object.path, 'kind'] : object.path,
          ),
        });
        continue;
      }
      const data = (object.value as Record<string, unknown>).data;
      maps.push(dataEntries(name, data, document.source, [...object.path, 'data'], problems));
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  if (maps.length === 0)
    throw new InputError(
      fileProblem(
        file,
        'holds no ConfigMap named feature-flags or config-defaults (apiVersion v1, kind ConfigMap); --configmap takes those of Tekton',
      ),
    );
  return { maps, notes };
}
