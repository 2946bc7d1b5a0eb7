// spec.cluster, spec.arrivals and spec.admission of a schema-valid Scenario to their models:
// quantities to integers, durations to milliseconds, Tekton's controller defaults applied,
// and the values the schema cannot judge checked here (a rate of 0 or less, two arrival
// processes at once). Checks that need the PipelineRuns (a mix naming an unknown one, a pod
// too big for every node) come later, in check-cluster.ts.
import { DEFAULT_THREADS_PER_CONTROLLER } from '../cluster/work-queue.js';
import { expandPools, slotNodes, type NodePoolSpec } from '../cluster/nodes.js';
import { parseQuantity, unitOf } from '../cluster/quantity.js';
import type { ResourceList } from '../cluster/resources.js';
import { controllerRateLimit } from '../cluster/token-bucket.js';
import { parseGoDuration } from '../tekton/duration.js';
import type { ArrivalProcess, ArrivalsSpec } from './arrivals.js';
import type { AdmissionModel, ClusterModel, OutageModel } from './cluster-model.js';
import type { SchemaPath } from './field-path.js';
import { parseDistribution, type ValueProblem } from './parse-distribution.js';

type Raw = Record<string, unknown>;

export function parseCluster(raw: Raw, problems: ValueProblem[]): ClusterModel {
  const path = ['spec', 'cluster'];
  const controller = (raw.controller ?? {}) as Raw;
  const faults = (raw.faults ?? {}) as Raw;
  const unlimitedRate = controller.kubeApiQPS === 'unlimited';
  const rate = controllerRateLimit(
    unlimitedRate ? undefined : (controller.kubeApiQPS as number | undefined),
    controller.kubeApiBurst as number | undefined,
  );
  return {
    nodes: parseNodes(raw, path, problems),
    defaultRequest: parseResources(raw.podRequests, [...path, 'podRequests'], problems),
    podStartupMs:
      raw.podStartup === undefined
        ? undefined
        : parseDistribution(raw.podStartup, [...path, 'podStartup'], 'duration', problems),
    quota:
      raw.quota === undefined ? undefined : parseResources(raw.quota, [...path, 'quota'], problems),
    controller: {
      workers: (controller.threadsPerController ?? DEFAULT_THREADS_PER_CONTROLLER) as number,
      reconcileMs: parseDurationField(
        controller.reconcile,
        [...path, 'controller', 'reconcile'],
        problems,
      ),
      qps: unlimitedRate ? Number.POSITIVE_INFINITY : rate.qps,
      burst: rate.burst,
    },
    faults: {
      podEviction: (faults.podEviction ?? 0) as number,
      imagePullFailure: (faults.imagePullFailure ?? 0) as number,
      nodeLoss: parseOutage(faults.nodeLoss, [...path, 'faults', 'nodeLoss'], problems),
      controllerRestart: parseOutage(
        faults.controllerRestart,
        [...path, 'faults', 'controllerRestart'],
        problems,
      ),
    },
  };
}

function parseNodes(raw: Raw, path: SchemaPath, problems: ValueProblem[]) {
  if (raw.slots !== undefined && raw.nodes !== undefined) {
    problems.push({
      path: [...path, 'nodes'],
      message: 'give either slots or nodes, not both: slots is a shorthand for one pool of slots',
    });
    return undefined;
  }
  if (typeof raw.slots === 'number') return slotNodes(raw.slots);
  if (raw.nodes === undefined) return undefined;
  const pools: NodePoolSpec[] = (raw.nodes as Raw[]).map((pool, index) => {
    const at = [...path, 'nodes', index];
    const { name, count, ...resources } = pool;
    return {
      name: name as string,
      count: (count ?? 1) as number,
      allocatable: parseResources(resources, at, problems),
    };
  });
  const names = pools.map((pool) => pool.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      problems.push({
        path: [...path, 'nodes', index, 'name'],
        message: `node pool "${name}" is named twice; pool names must differ`,
      });
  });
  return expandPools(pools);
}

function parseResources(raw: unknown, path: SchemaPath, problems: ValueProblem[]): ResourceList {
  const list: Record<string, number> = {};
  for (const [name, text] of Object.entries((raw ?? {}) as Raw)) {
    const parsed = parseQuantity(text, unitOf(name));
    if ('error' in parsed) problems.push({ path: [...path, name], message: parsed.error });
    else list[name] = parsed.value;
  }
  return list;
}

function parseOutage(raw: unknown, path: SchemaPath, problems: ValueProblem[]) {
  if (raw === undefined) return undefined;
  const outage = raw as Raw;
  const forMs = parseDurationField(outage.for, [...path, 'for'], problems);
  return { probability: outage.probability as number, forMs } satisfies OutageModel;
}

function parseDurationField(raw: unknown, path: SchemaPath, problems: ValueProblem[]): number {
  if (raw === undefined) return 0;
  const milliseconds = parseGoDuration(raw as string);
  if (milliseconds === undefined || milliseconds < 0) {
    problems.push({ path, message: `${JSON.stringify(raw)} must be a Go duration of 0 or more` });
    return 0;
  }
  return Math.round(milliseconds);
}

const PROCESSES = ['poisson', 'interval', 'at', 'csv'] as const;

/**
 * spec.arrivals; `readCsv` reads a CSV file named relative to the Scenario and reports its
 * own problems (the loader owns files).
 */
export function parseArrivals(
  raw: Raw,
  problems: ValueProblem[],
  readCsv: (file: string, path: SchemaPath) => { atMs: number; pipelineRun?: string }[],
): ArrivalsSpec | undefined {
  const path = ['spec', 'arrivals'];
  const given = PROCESSES.filter((name) => raw[name] !== undefined);
  if (given.length !== 1) {
    problems.push({
      path: given.length === 0 ? path : [...path, given[1]],
      message:
        given.length === 0
          ? 'arrivals need one of poisson, interval, at or csv to say when PipelineRuns arrive'
          : `arrivals take one of poisson, interval, at or csv, not both ${given[0]} and ${given[1]}`,
    });
    return undefined;
  }
  const process = parseProcess(given[0], raw, path, problems, readCsv);
  if (process === undefined) return undefined;
  const listed =
    process.kind === 'at' ? process.atMs.length : process.kind === 'csv' ? process.rows.length : 1;
  const count = (raw.count ?? listed) as number;
  if ((process.kind === 'at' || process.kind === 'csv') && count > listed) {
    problems.push({
      path: [...path, 'count'],
      message: `count ${count} is more than the ${listed} arrival(s) ${process.kind} lists`,
    });
  }
  const mix = ((raw.mix ?? []) as Raw[]).map((entry) => ({
    pipelineRun: entry.pipelineRun as string,
    weight: (entry.weight ?? 1) as number,
  }));
  if (mix.length > 0 && mix.every((entry) => entry.weight === 0)) {
    problems.push({
      path: [...path, 'mix'],
      message: 'every weight in the mix is 0: at least one PipelineRun must have a weight above 0',
    });
  }
  return { count, process, mix };
}

function parseProcess(
  kind: (typeof PROCESSES)[number],
  raw: Raw,
  path: SchemaPath,
  problems: ValueProblem[],
  readCsv: (file: string, path: SchemaPath) => { atMs: number; pipelineRun?: string }[],
): ArrivalProcess | undefined {
  switch (kind) {
    case 'poisson': {
      const perMinute = (raw.poisson as Raw).perMinute as number;
      if (perMinute > 0) return { kind, perMinute };
      problems.push({
        path: [...path, 'poisson', 'perMinute'],
        message: `arrival rate ${perMinute} per minute must be above 0`,
      });
      return undefined;
    }
    case 'interval': {
      const intervalMs = parseDurationField(raw.interval, [...path, 'interval'], problems);
      return { kind, intervalMs };
    }
    case 'at':
      return {
        kind,
        atMs: (raw.at as string[]).map((text, index) =>
          parseDurationField(text, [...path, 'at', index], problems),
        ),
      };
    case 'csv':
      return { kind, rows: readCsv(raw.csv as string, [...path, 'csv']) };
  }
}

export function parseAdmission(raw: Raw): AdmissionModel {
  const per = (raw.per ?? 'global') as string;
  return {
    maxConcurrent: raw.maxConcurrent as number,
    per: per === 'global' || per === 'pipeline' ? { kind: per } : { kind: 'label', key: per },
    order: 'fifo',
  };
}
