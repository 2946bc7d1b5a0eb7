// Scenario YAML distributions to checked Distributions. Durations are Go duration strings
// ("30s", "1m30s"); fractions (when in an attempt a failure happens) are plain numbers. The
// schema has already checked the shape; this checks the values and says what is wrong.
import { formatGoDuration, parseGoDuration } from '../tekton/duration.js';
import { lognormalFromMedianP95, type Distribution } from './distribution.js';
import type { SchemaPath } from './field-path.js';
import { durationWithinBounds, MAX_LOGNORMAL_SIGMA, MAX_WEIGHT, withinBounds } from './limits.js';

export type Unit = 'duration' | 'fraction';

export interface ValueProblem {
  path: SchemaPath;
  message: string;
}

type Raw = Record<string, unknown>;

export function parseDistribution(
  raw: unknown,
  path: SchemaPath,
  unit: Unit,
  problems: ValueProblem[],
): Distribution | undefined {
  if (typeof raw === 'string' || typeof raw === 'number') {
    const value = parseValue(raw, path, unit, problems);
    return value === undefined ? undefined : { kind: 'constant', value };
  }
  const object = raw as Raw;
  const kind = Object.keys(object).find((key) => key !== 'weight');
  if (kind === undefined) return undefined;
  const body = object[kind];
  const at = [...path, kind];
  const value = (key: string) => parseValue((body as Raw)[key], [...at, key], unit, problems);
  const failed = () => undefined;
  switch (kind) {
    case 'constant': {
      const constant = parseValue(body, at, unit, problems);
      return constant === undefined ? failed() : { kind: 'constant', value: constant };
    }
    case 'uniform': {
      const min = value('min');
      const max = value('max');
      if (min === undefined || max === undefined) return failed();
      if (max < min)
        return problem(
          problems,
          [...at, 'max'],
          `uniform max (${show(max, unit)}) is below min (${show(min, unit)})`,
        );
      return { kind: 'uniform', min, max };
    }
    case 'normal': {
      const mean = value('mean');
      const stddev = value('stddev');
      return mean === undefined || stddev === undefined
        ? failed()
        : { kind: 'normal', mean, stddev };
    }
    case 'lognormal':
      return parseLognormal(body as Raw, at, unit, problems);
    case 'exponential': {
      const mean = value('mean');
      if (mean === undefined) return failed();
      if (mean <= 0) return problem(problems, [...at, 'mean'], 'exponential mean must be above 0');
      return { kind: 'exponential', mean };
    }
    case 'empirical': {
      const samples = (body as unknown[]).map((item, index) =>
        parseValue(item, [...at, index], unit, problems),
      );
      return samples.every((item): item is number => item !== undefined)
        ? { kind: 'empirical', samples }
        : failed();
    }
    case 'mixture':
      return parseMixture(body as Raw[], at, unit, problems);
  }
  return failed();
}

function parseLognormal(
  body: Raw,
  at: SchemaPath,
  unit: Unit,
  problems: ValueProblem[],
): Distribution | undefined {
  const median = parseValue(body.median, [...at, 'median'], unit, problems);
  if (median === undefined) return undefined;
  if (median <= 0) return problem(problems, [...at, 'median'], 'lognormal median must be above 0');
  if ((body.p95 === undefined) === (body.sigma === undefined)) {
    return problem(
      problems,
      at,
      'lognormal needs either p95 or sigma (one of them) besides median',
    );
  }
  if (typeof body.sigma === 'number') {
    const sigma = body.sigma;
    const bounds = {
      min: 0,
      max: MAX_LOGNORMAL_SIGMA,
      what: 'lognormal sigma',
      path: [...at, 'sigma'],
    };
    if (!withinBounds(sigma, bounds, problems)) return undefined;
    return { kind: 'lognormal', mu: Math.log(median), sigma };
  }
  const p95 = parseValue(body.p95, [...at, 'p95'], unit, problems);
  if (p95 === undefined) return undefined;
  if (p95 < median) {
    return problem(
      problems,
      [...at, 'p95'],
      `lognormal p95 (${show(p95, unit)}) is below its median (${show(median, unit)})`,
    );
  }
  return lognormalFromMedianP95(median, p95);
}

function parseMixture(
  items: Raw[],
  at: SchemaPath,
  unit: Unit,
  problems: ValueProblem[],
): Distribution | undefined {
  const components = items.map((item, index) => ({
    weight: item.weight as number,
    distribution: parseDistribution(item, [...at, index], unit, problems),
  }));
  const weightsWithin = components.every((component, index) =>
    withinBounds(
      component.weight,
      { min: 0, max: MAX_WEIGHT, what: 'weight', path: [...at, index, 'weight'] },
      problems,
    ),
  );
  if (!weightsWithin) return undefined;
  if (components.reduce((sum, component) => sum + component.weight, 0) <= 0) {
    return problem(
      problems,
      at,
      'mixture weights add up to 0; give at least one component a positive weight',
    );
  }
  if (!components.every((component) => component.distribution !== undefined)) return undefined;
  return {
    kind: 'mixture',
    components: components as { weight: number; distribution: Distribution }[],
  };
}

/** A duration in milliseconds (from a Go duration string) or a fraction in [0, 1]. */
export function parseValue(
  raw: unknown,
  path: SchemaPath,
  unit: Unit,
  problems: ValueProblem[],
): number | undefined {
  if (unit === 'fraction') {
    if (typeof raw !== 'number')
      return problem(
        problems,
        path,
        `${JSON.stringify(raw)} is not a fraction: write a number between 0 and 1`,
      );
    if (raw < 0 || raw > 1) return problem(problems, path, `fraction ${raw} is outside [0, 1]`);
    return raw;
  }
  if (typeof raw !== 'string') {
    return problem(
      problems,
      path,
      `${JSON.stringify(raw)} is not a duration: write a Go duration like 30s or 1m30s`,
    );
  }
  const milliseconds = parseGoDuration(raw);
  if (milliseconds === undefined) {
    return problem(
      problems,
      path,
      `${JSON.stringify(raw)} is not a Go duration (write it like 30s, 1m30s or 2h)`,
    );
  }
  if (milliseconds < 0)
    return problem(
      problems,
      path,
      `negative duration ${JSON.stringify(raw)}: durations are 0 or more`,
    );
  if (!durationWithinBounds(milliseconds, raw, path, problems)) return undefined;
  return milliseconds;
}

function problem(problems: ValueProblem[], path: SchemaPath, message: string): undefined {
  problems.push({ path, message });
  return undefined;
}

function show(value: number, unit: Unit): string {
  return unit === 'duration' ? formatGoDuration(value) : String(value);
}
