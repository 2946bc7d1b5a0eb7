// A YAML file given to `--configmap`: Tekton's feature-flags or config-defaults ConfigMap (or
// both, as documents of one file), as a cluster has them (e.g. config/config-feature-flags.yaml
// of a Tekton release). Other documents are ignored with a note; a file with neither is refused.
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
    const value = document.value as Record<string, unknown>;
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const metadata = isObject ? (value.metadata as Record<string, unknown> | undefined) : undefined;
    const name = typeof metadata?.name === 'string' ? metadata.name : '';
    const isTektonMap =
      isObject &&
      value.kind === 'ConfigMap' &&
      value.apiVersion === 'v1' &&
      (TEKTON_CONFIG_MAP_NAMES as readonly string[]).includes(name);
    if (!isTektonMap) {
      notes.push({
        severity: 'note',
        message: `ignored: not Tekton's feature-flags or config-defaults ConfigMap (apiVersion v1)`,
        location: document.source.locate(isObject ? ['kind'] : []),
      });
      continue;
    }
    maps.push(
      dataEntries(name as TektonConfigMapName, value.data, document.source, ['data'], problems),
    );
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
