// Random distributions of the workload model, already checked and converted to numbers: the
// parser (workload/parse-distribution.ts) builds these, `sample` draws from them. Durations
// are in milliseconds; fractions (when in an attempt a failure happens) are plain numbers.
import { exponential, lognormal, normal, uniform, type RandomStream } from './rng.js';

export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; stddev: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'empirical'; samples: readonly number[] }
  | { kind: 'mixture'; components: readonly { weight: number; distribution: Distribution }[] };

/** The standard normal quantile at 0.95: lognormal p95 = median * exp(Z95 * sigma). */
export const Z95 = 1.6448536269514722;

/** A lognormal from its median and 95th percentile, the two figures CI dashboards show. */
export function lognormalFromMedianP95(median: number, p95: number): Distribution {
  return { kind: 'lognormal', mu: Math.log(median), sigma: Math.log(p95 / median) / Z95 };
}

/**
 * One duration in milliseconds, at most `maxMs`: a long-tailed distribution (a lognormal's
 * sigma, an exponential's mean) can draw values far past any deadline, and virtual time must
 * stay within the integers a double holds exactly. Capping does not move the stream.
 */
export function sampleDurationMs(
  distribution: Distribution,
  stream: RandomStream,
  maxMs: number,
): number {
  return Math.min(sample(distribution, stream), maxMs);
}

/**
 * One value. `normal` is truncated at 0 by clamping, which keeps the number of uniforms per
 * draw fixed (rejection sampling would not), so a stream's position depends only on how many
 * values were drawn from it.
 */
export function sample(distribution: Distribution, stream: RandomStream): number {
  switch (distribution.kind) {
    case 'constant':
      return distribution.value;
    case 'uniform':
      return uniform(stream, distribution.min, distribution.max);
    case 'normal':
      return Math.max(0, normal(stream, distribution.mean, distribution.stddev));
    case 'lognormal':
      return lognormal(stream, distribution.mu, distribution.sigma);
    case 'exponential':
      return exponential(stream, distribution.mean);
    case 'empirical': {
      const index = Math.floor(stream.next() * distribution.samples.length);
      return distribution.samples[Math.min(index, distribution.samples.length - 1)];
    }
    case 'mixture':
      return sample(pickComponent(distribution.components, stream.next()), stream);
  }
}

function pickComponent(
  components: readonly { weight: number; distribution: Distribution }[],
  draw: number,
): Distribution {
  const total = components.reduce((sum, component) => sum + component.weight, 0);
  let remaining = draw * total;
  for (const component of components) {
    remaining -= component.weight;
    if (remaining < 0) return component.distribution;
  }
  return components[components.length - 1].distribution;
}
