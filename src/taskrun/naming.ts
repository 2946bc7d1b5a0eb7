// Child object names as Tekton makes them (knative's kmeta.ChildName): parent + suffix, and
// when that exceeds 63 characters, the parent is cut and an md5 of it keeps names unique.
import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const MD5_HEX_LENGTH = 32;

export function childName(parent: string, suffix: string): string {
  if (parent.length + suffix.length <= MAX_NAME_LENGTH) return parent + suffix;
  const hash = createHash('md5').update(parent).digest('hex');
  const keep = Math.max(0, MAX_NAME_LENGTH - suffix.length - MD5_HEX_LENGTH);
  let name = parent.slice(0, keep) + hash + suffix;
  if (name.length > MAX_NAME_LENGTH) {
    // The suffix alone is too long: knative hashes the whole name instead.
    name = createHash('md5')
      .update(parent + suffix)
      .digest('hex');
  }
  return name;
}

/** `<pipelinerun>-<pipelinetask>`, with `-<i>` for matrix fan-out. */
export function taskRunName(
  pipelineRunName: string,
  pipelineTaskName: string,
  matrixIndex: number,
): string {
  const base = childName(pipelineRunName, `-${pipelineTaskName}`);
  return matrixIndex < 0 ? base : childName(pipelineRunName, `-${pipelineTaskName}-${matrixIndex}`);
}
