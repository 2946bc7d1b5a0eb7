// Whether one pod fails on its own, drawn from its stream: an image that cannot be pulled,
// else an eviction some time after its steps start. `check` and `run --cluster --seed` draw
// the same way.
import type { PodFault } from '../engine/fleet-types.js';
import type { ClusterModel } from './cluster-model.js';
import { bernoulli, type RandomStream, uniform } from './rng.js';

/** Evictions happen within this long after the pod's steps start (if it still runs then). */
const EVICTION_WINDOW_MS = 10 * 60_000;

export function drawPodFault(
  faults: ClusterModel['faults'],
  stream: RandomStream,
): PodFault | undefined {
  const pull = bernoulli(stream, faults.imagePullFailure);
  const evict = bernoulli(stream, faults.podEviction);
  const afterMs = Math.round(uniform(stream, 0, EVICTION_WINDOW_MS));
  if (pull) return { kind: 'image-pull' };
  return evict ? { kind: 'evict', afterMs } : undefined;
}
