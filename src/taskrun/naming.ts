// Child object names as Tekton makes them: knative's kmeta.ChildName (knative.dev/pkg/kmeta)
// for one TaskRun, and getNewRunNames (pipelinerunresolution.go) for a matrix fan-out.
import { createHash } from 'node:crypto';

/** Kubernetes' limit for the names Tekton gives child objects (a DNS-1123 label). */
const MAX_NAME_LENGTH = 63;
const MD5_HEX_LENGTH = 32;
/** How much of the parent is kept in front of a hash. */
const HEAD_LENGTH = MAX_NAME_LENGTH - MD5_HEX_LENGTH;

function md5Hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/**
 * `parent + suffix` when it fits in 63 characters. Otherwise, with a suffix shorter than 31,
 * the parent is cut to make room for md5(parent) and the suffix is kept whole; with a longer
 * suffix, md5(parent + suffix) follows at most 31 characters of the parent, the start of the
 * suffix pads the name to 63, and trailing characters that are not alphanumeric are dropped so
 * the name stays valid.
 */
export function childName(parent: string, suffix: string): string {
  if (parent.length <= MAX_NAME_LENGTH - suffix.length) return parent + suffix;
  if (HEAD_LENGTH - suffix.length <= 0) {
    const hashed = parent.slice(0, HEAD_LENGTH) + md5Hex(parent + suffix);
    const padded = hashed + suffix.slice(0, Math.max(0, MAX_NAME_LENGTH - hashed.length));
    return padded.replace(/[^a-zA-Z0-9]+$/, '');
  }
  return parent.slice(0, HEAD_LENGTH - suffix.length) + md5Hex(parent) + suffix;
}

/**
 * The names of a pipeline task's TaskRuns: one plain `<pipelinerun>-<task>` when it makes a
 * single TaskRun (a matrix of one combination too), `-<i>` appended per combination otherwise.
 * When shortening hashed the index away, the plain name is cut to leave room for `-<i>`.
 */
export function taskRunNames(
  pipelineRunName: string,
  pipelineTaskName: string,
  count: number,
): string[] {
  const plain = childName(pipelineRunName, `-${pipelineTaskName}`);
  if (count === 1) return [plain];
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = childName(pipelineRunName, `-${pipelineTaskName}-${index}`);
    if (name.endsWith(`-${index}`)) names.push(name);
    else names.push(`${plain.slice(0, MAX_NAME_LENGTH - `-${count}`.length)}-${index}`);
  }
  return names;
}

/** The name of TaskRun `matrixIndex` (-1: not fanned out) of `matrixCount`. */
export function taskRunName(
  pipelineRunName: string,
  pipelineTaskName: string,
  matrixIndex: number,
  matrixCount = 1,
): string {
  if (matrixIndex < 0) return childName(pipelineRunName, `-${pipelineTaskName}`);
  return taskRunNames(pipelineRunName, pipelineTaskName, matrixCount)[matrixIndex];
}
