// Volumes whose files come from a ConfigMap or Secret among the loaded files: a workspace
// binding's or a Task volume's `configMap`/`secret`, and a workspace's `projected` sources.
import type { Plan } from '../plan/plan.js';
import { normalisePath, Volume } from '../shell/index.js';
import type { RunFiles } from './run-files.js';

function objects<T>(list: readonly unknown[] | undefined): T[] {
  return (list ?? []).filter((entry): entry is T => entry !== null && typeof entry === 'object');
}

/** A projected volume's source: a ConfigMap or Secret (by `name`), or a kind not simulated. */
interface ProjectedSource {
  configMap?: { name?: unknown; items?: unknown };
  secret?: { name?: unknown; items?: unknown };
}

/**
 * A ConfigMap or Secret volume: its keys as read-only files, when it is among the files.
 * Tekton hands the binding's volume source to the pod as written (pkg/workspace/apply.go
 * CreateVolumes), so the kubelet's rule for `items` holds: when listed, only those keys are
 * files, each at its `path` (ConfigMapVolumeSource.items, SecretVolumeSource.items).
 */
export function sourceVolume(
  plan: Plan,
  files: RunFiles,
  kind: string,
  name: string,
  items: unknown,
): Volume {
  const listed = keyPaths(items);
  const key = listed ? `${kind}/${name}/${JSON.stringify(listed)}` : `${kind}/${name}`;
  return files.volume(key, () => {
    const data = plan.volumeSources.get(`${kind}/${name}`);
    const volume = new Volume(`${kind} "${name}" is not among the loaded files`, !data, true);
    if (data) writeKeys(volume, data, listed);
    return volume;
  });
}

/**
 * A projected volume (ProjectedVolumeSource): the files of each ConfigMap and Secret source,
 * `items` honoured, in one read-only directory. A source of another kind (downwardAPI,
 * serviceAccountToken, clusterTrustBundle) or not among the loaded files leaves it unknown.
 */
export function projectedVolume(
  plan: Plan,
  files: RunFiles,
  pipelineWorkspace: string,
  sources: unknown,
): Volume {
  return files.volume(`projected/${pipelineWorkspace}`, () => {
    const unknown: string[] = [];
    const known: [Readonly<Record<string, string>>, KeyPath[] | undefined][] = [];
    for (const source of objects<ProjectedSource>(Array.isArray(sources) ? sources : [])) {
      const kind = source.configMap ? 'ConfigMap' : source.secret ? 'Secret' : undefined;
      const of = source.configMap ?? source.secret;
      const data =
        kind && typeof of?.name === 'string'
          ? plan.volumeSources.get(`${kind}/${of.name}`)
          : undefined;
      if (data) known.push([data, keyPaths(of?.items)]);
      else unknown.push(kind && of ? `${kind} "${String(of.name)}"` : 'a source not simulated');
    }
    const description =
      unknown.length > 0
        ? `workspace "${pipelineWorkspace}" projects ${unknown.join(', ')}, not among the loaded files`
        : '';
    const volume = new Volume(description, unknown.length > 0, true);
    for (const [data, listed] of known) writeKeys(volume, data, listed);
    return volume;
  });
}

interface KeyPath {
  key: string;
  path: string;
}

/** `items` as key and path pairs, or undefined when absent or empty (every key, by name). */
function keyPaths(items: unknown): KeyPath[] | undefined {
  const pairs = objects<{ key?: unknown; path?: unknown }>(Array.isArray(items) ? items : [])
    .filter((item) => typeof item.key === 'string' && typeof item.path === 'string')
    .map((item) => ({
      key: String(item.key),
      path: normalisePath(String(item.path), '/').slice(1),
    }));
  return pairs.length > 0 ? pairs : undefined;
}

function writeKeys(
  volume: Volume,
  data: Readonly<Record<string, string>>,
  listed: KeyPath[] | undefined,
): void {
  if (!listed) {
    for (const [key, value] of Object.entries(data)) volume.write(key, value);
    return;
  }
  for (const { key, path } of listed) if (Object.hasOwn(data, key)) volume.write(path, data[key]);
}
