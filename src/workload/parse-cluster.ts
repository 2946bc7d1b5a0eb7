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
import {
  durationWithinBounds,
  formatBound,
  MAX_ARRIVALS,
  MAX_ARRIVALS_PER_MINUTE,
  MAX_CONCURRENT_PIPELINE_RUNS,
  MAX_KUBE_API_BURST,
  MAX_KUBE_API_QPS,
  MAX_NODES,
  MAX_PODS_PER_NODE,
  MAX_QUOTA_PODS,
  MAX_SLOTS,
  MAX_THREADS_PER_CONTROLLER,
  MAX_WEIGHT,
  MIN_ARRIVALS_PER_MINUTE,
  MIN_KUBE_API_QPS,
  withinBounds,
} from './limits.js';
import { parseDistribution, type ValueProblem } from './parse-distribution.js';

type Raw = Record<string, unknown>;

export function parseCluster(raw: Raw, problems: ValueProblem[]): ClusterModel {
  const path = ['spec', 'cluster'];
  const controller = (raw.controller ?? {}) as Raw;
  const faults = (raw.faults ?? {}) as Raw;
  const unlimitedRate = controller.kubeApiQPS === 'unlimited';
  checkController(controller, [...path, 'controller'], problems);
  if (typeof (raw.quota as Raw | undefined)?.pods === 'number') {
    const bounds = {
      min: 1,
      max: MAX_QUOTA_PODS,
      what: 'quota pods',
      path: [...path, 'quota', 'pods'],
    };
    withinBounds((raw.quota as Raw).pods as number, bounds, problems);
  }
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

function checkController(controller: Raw, path: SchemaPath, problems: ValueProblem[]): void {
  const { threadsPerController, kubeApiQPS, kubeApiBurst } = controller;
  if (typeof threadsPerController === 'number') {
    const bounds = {
      min: 1,
      max: MAX_THREADS_PER_CONTROLLER,
      what: 'threadsPerController',
      path: [...path, 'threadsPerController'],
    };
    withinBounds(threadsPerController, bounds, problems);
  }
  // 0 is the controller's own default; any other rate is one the bucket can serve in time.
  if (typeof kubeApiQPS === 'number' && kubeApiQPS !== 0) {
    const bounds = {
      min: MIN_KUBE_API_QPS,
      max: MAX_KUBE_API_QPS,
      what: 'kubeApiQPS',
      path: [...path, 'kubeApiQPS'],
      besides: '0 for the default, or "unlimited"',
    };
    withinBounds(kubeApiQPS, bounds, problems);
  }
  if (typeof kubeApiBurst === 'number') {
    const bounds = {
      min: 0,
      max: MAX_KUBE_API_BURST,
      what: 'kubeApiBurst',
      path: [...path, 'kubeApiBurst'],
    };
    withinBounds(kubeApiBurst, bounds, problems);
  }
}

function parseNodes(raw: Raw, path: SchemaPath, problems: ValueProblem[]) {
  if (raw.slots !== undefined && raw.nodes !== undefined) {
    problems.push({
      path: [...path, 'nodes'],
      message: 'give either slots or nodes, not both: slots is a shorthand for one pool of slots',
    });
    return undefined;
  }
  if (typeof raw.slots === 'number') {
    const bounds = { min: 1, max: MAX_SLOTS, what: 'slots', path: [...path, 'slots'] };
    return withinBounds(raw.slots, bounds, problems) ? slotNodes(raw.slots) : undefined;
  }
  if (raw.nodes === undefined) return undefined;
  const pools: NodePoolSpec[] = (raw.nodes as Raw[]).map((pool, index) => {
    const at = [...path, 'nodes', index];
    const { name, count, ...resources } = pool;
    if (typeof resources.pods === 'number') {
      const bounds = { min: 1, max: MAX_PODS_PER_NODE, what: 'pods', path: [...at, 'pods'] };
      withinBounds(resources.pods, bounds, problems);
    }
    return {
      name: name as string,
      count: (count ?? 1) as number,
      allocatable: parseResources(resources, at, problems),
    };
  });
  // Each node is an object per seed, so the count over all pools is what is bounded.
  let total = 0;
  for (const [index, pool] of pools.entries()) {
    total += pool.count;
    if (total > MAX_NODES) {
      problems.push({
        path: [...path, 'nodes', index, 'count'],
        message: `${formatBound(total)} nodes over the pools up to this one; a cluster has at most ${formatBound(MAX_NODES)}`,
      });
      return undefined;
    }
  }
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
  if (!durationWithinBounds(milliseconds, raw, path, problems)) return 0;
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
  // A CSV that gave no row has had its one error (unreadable, bad rows, or empty) already.
  if (process.kind === 'csv' && listed === 0) return undefined;
  const count = (raw.count ?? listed) as number;
  const countBounds = {
    min: 1,
    max: MAX_ARRIVALS,
    what: raw.count === undefined ? `arrivals (the entries of ${process.kind})` : 'count',
    path: raw.count === undefined ? [...path, process.kind] : [...path, 'count'],
  };
  if (!withinBounds(count, countBounds, problems)) return undefined;
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
  mix.forEach((entry, index) => {
    const bounds = {
      min: 0,
      max: MAX_WEIGHT,
      what: 'weight',
      path: [...path, 'mix', index, 'weight'],
    };
    withinBounds(entry.weight, bounds, problems);
  });
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
      const bounds = {
        min: MIN_ARRIVALS_PER_MINUTE,
        max: MAX_ARRIVALS_PER_MINUTE,
        what: 'arrival rate perMinute',
        path: [...path, 'poisson', 'perMinute'],
      };
      return withinBounds(perMinute, bounds, problems) ? { kind, perMinute } : undefined;
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

export function parseAdmission(raw: Raw, problems: ValueProblem[]): AdmissionModel {
  const per = (raw.per ?? 'global') as string;
  const bounds = {
    min: 1,
    max: MAX_CONCURRENT_PIPELINE_RUNS,
    what: 'maxConcurrent',
    path: ['spec', 'admission', 'maxConcurrent'],
  };
  withinBounds(raw.maxConcurrent as number, bounds, problems);
  return {
    maxConcurrent: raw.maxConcurrent as number,
    per: per === 'global' || per === 'pipeline' ? { kind: per } : { kind: 'label', key: per },
    order: 'fifo',
  };
}
