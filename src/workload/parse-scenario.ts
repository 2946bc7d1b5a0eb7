// A schema-valid Scenario document to a ScenarioSpec: values converted (Go durations to ms,
// seed ranges to numbers) and checked on their own. Checks that need the pipeline (do these
// tasks and steps exist?) come later, in compile.ts, once the PipelineRun is prepared.
import { seedRangeProblem } from '../model/seed-bounds.js';
import { SpecStatus } from '../model/reasons.js';
import { parseGoDuration } from '../tekton/duration.js';
import type { SchemaPath } from './field-path.js';
import { durationWithinBounds } from './limits.js';
import type {
  CancelMode,
  CancelModel,
  FailureModel,
  ResultModel,
  StepModel,
  TaskModel,
} from './model.js';
import { parseDistribution, type ValueProblem } from './parse-distribution.js';

export interface ScenarioOverrides {
  pipelineRun?: Record<string, unknown>;
  pipeline?: Record<string, unknown>;
  tasks?: Record<string, Record<string, unknown>>;
}

export interface ScenarioSpec {
  name: string;
  include: string[];
  pipelineRun?: string;
  profile?: string;
  defaultTimeoutMs?: number;
  seeds: { first: number; last: number };
  /** By task name as written, `*` included, with where each was written. */
  tasks: { name: string; model: TaskModel; path: SchemaPath }[];
  cancel?: CancelModel;
  overrides: ScenarioOverrides;
  expectations: { text: string; path: SchemaPath }[];
}

export const DEFAULT_SEEDS = { first: 1, last: 1000 };

type Raw = Record<string, unknown>;

export function parseScenario(document: Raw, problems: ValueProblem[]): ScenarioSpec {
  const spec = (document.spec ?? {}) as Raw;
  const metadata = document.metadata as Raw;
  const tasks = Object.entries((spec.tasks ?? {}) as Record<string, Raw>).map(([name, raw]) => {
    const path = ['spec', 'tasks', name];
    return { name, model: parseTask(raw, path, problems), path };
  });
  return {
    name: metadata.name as string,
    include: (spec.include ?? []) as string[],
    pipelineRun: spec.pipelineRun as string | undefined,
    profile: spec.profile as string | undefined,
    defaultTimeoutMs: parseDefaultTimeout(spec.defaultTimeout, problems),
    seeds: parseSeeds(spec.seeds, problems),
    tasks,
    cancel: spec.cancel === undefined ? undefined : parseCancel(spec.cancel as Raw, problems),
    overrides: (spec.overrides ?? {}) as ScenarioOverrides,
    expectations: ((spec.expectations ?? []) as string[]).map((text, index) => ({
      text,
      path: ['spec', 'expectations', index],
    })),
  };
}

function parseTask(raw: Raw, path: SchemaPath, problems: ValueProblem[]): TaskModel {
  const steps = new Map<string, StepModel>();
  for (const [name, step] of Object.entries((raw.steps ?? {}) as Record<string, Raw>)) {
    const stepPath = [...path, 'steps', name];
    steps.set(name, {
      durationMs:
        step.duration === undefined
          ? undefined
          : parseDistribution(step.duration, [...stepPath, 'duration'], 'duration', problems),
      failure:
        step.failure === undefined
          ? undefined
          : parseFailure(step.failure as Raw, [...stepPath, 'failure'], problems),
    });
  }
  return {
    durationMs:
      raw.duration === undefined
        ? undefined
        : parseDistribution(raw.duration, [...path, 'duration'], 'duration', problems),
    failure:
      raw.failure === undefined
        ? undefined
        : parseFailure(raw.failure as Raw, [...path, 'failure'], problems),
    results: parseResults((raw.results ?? {}) as Raw),
    steps,
  };
}

function parseFailure(raw: Raw, path: SchemaPath, problems: ValueProblem[]): FailureModel {
  const probability = (raw.probability ?? 0) as number;
  const atFraction =
    raw.at === undefined
      ? undefined
      : parseDistribution(raw.at, [...path, 'at'], 'fraction', problems);
  return {
    probability,
    retryProbability: (raw.retryProbability ?? probability) as number,
    // By default a failing attempt fails at its end: the step ran its course and exited non-zero.
    atFraction: atFraction ?? { kind: 'constant', value: 1 },
    exitCode: (raw.exitCode ?? 1) as number,
    step: raw.step as string | undefined,
  };
}

function parseResults(raw: Raw): ResultModel[] {
  return Object.entries(raw)
    .map(([name, value]) =>
      typeof value === 'string'
        ? { name, value, probability: 1 }
        : {
            name,
            value: ((value as Raw).value ?? '') as string,
            probability: ((value as Raw).probability ?? 1) as number,
          },
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseCancel(raw: Raw, problems: ValueProblem[]): CancelModel | undefined {
  const atMs = parseDistribution(raw.at, ['spec', 'cancel', 'at'], 'duration', problems);
  if (atMs === undefined) return undefined;
  return {
    probability: raw.probability as number,
    atMs,
    mode: (raw.mode ?? SpecStatus.Cancelled) as CancelMode,
  };
}

function parseDefaultTimeout(raw: unknown, problems: ValueProblem[]): number | undefined {
  if (raw === undefined) return undefined;
  const milliseconds = parseGoDuration(raw as string);
  if (milliseconds === undefined || milliseconds < 0) {
    problems.push({
      path: ['spec', 'defaultTimeout'],
      message: `defaultTimeout ${JSON.stringify(raw)} must be a Go duration of 0 or more`,
    });
    return undefined;
  }
  if (!durationWithinBounds(milliseconds, raw, ['spec', 'defaultTimeout'], problems))
    return undefined;
  return milliseconds;
}

function parseSeeds(raw: unknown, problems: ValueProblem[]): { first: number; last: number } {
  if (raw === undefined) return DEFAULT_SEEDS;
  if (typeof raw === 'number') return checkedSeeds(raw, 1, raw, problems);
  const [first, last] = String(raw)
    .split('..')
    .map((part) => Number(part.trim()));
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) {
    problems.push({
      path: ['spec', 'seeds'],
      message: `seed range ${JSON.stringify(raw)} is out of range for integers`,
    });
    return DEFAULT_SEEDS;
  }
  if (last < first) {
    problems.push({
      path: ['spec', 'seeds'],
      message: `empty seed range ${JSON.stringify(raw)}: the last seed is below the first`,
    });
    return DEFAULT_SEEDS;
  }
  const problem = seedRangeProblem(first, last);
  if (problem) {
    problems.push({ path: ['spec', 'seeds'], message: `seeds ${JSON.stringify(raw)}: ${problem}` });
    return DEFAULT_SEEDS;
  }
  return { first, last };
}

function checkedSeeds(
  raw: unknown,
  first: number,
  last: number,
  problems: ValueProblem[],
): { first: number; last: number } {
  const problem = seedRangeProblem(first, last);
  if (!problem) return { first, last };
  problems.push({ path: ['spec', 'seeds'], message: `seeds ${JSON.stringify(raw)}: ${problem}` });
  return DEFAULT_SEEDS;
}
