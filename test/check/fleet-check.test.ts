import { rowStoreOf } from '../../src/check/store/row-store.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateExpectations } from '../../src/check/expectations.js';
import { fleetMetrics } from '../../src/check/fleet-metrics.js';
import { traceHash } from '../../src/check/invariants/determinism.js';
import { runFleetSeedResult } from '../../src/runner/run-fleet-seed.js';
import { parseExpectation } from '../../src/workload/expectation.js';
import { loadScenarios, runFleetSeed } from '../../src/workload/index.js';

const [shared] = loadScenarios(['scenarios/shared-cluster.yaml']);

test('fleet check: a seed of the shared cluster holds every invariant and gives a row per PipelineRun', () => {
  const result = runFleetSeedResult(shared, 1, { twice: true });
  assert.equal(result.violations, []);
  assert.is(result.runMetrics?.length, 30);
  assert.ok(result.traceHash);
  const first = result.runMetrics![0].cluster!;
  assert.ok(first.seed!.pipelineRunsPerHour > 0);
  assert.ok(first.seed!.utilisation > 0 && first.seed!.utilisation <= 1);
});

test("fleet check: the trace hash, made a run at a time, is that of every run's trace in one text", () => {
  // Hashed a PipelineRun at a time so that a big seed never builds one string of all its
  // traces; the bytes hashed, and so the hash, are those of the single text.
  const fleet = runFleetSeed(shared, 3, { trace: true });
  const whole = traceHash(
    fleet.runs.flatMap((run) => run.trace),
    JSON.stringify(fleet.log),
  );
  assert.is(runFleetSeedResult(shared, 3, { twice: true }).traceHash, whole);
});

test('fleet check: the cluster metric names parse, with their units', () => {
  const parse = (text: string) => parseExpectation(text, []);
  assert.equal(
    [
      'scheduling-latency.p95 <= 5s',
      'pod-wait.max < 1m',
      'pod-start.mean <= 20s',
      'queue-wait.p50 <= 0s',
      'finally-delay.p99 <= 1s',
      'throttled-by-quota.max <= 0s',
      'throttled-by-node.p90 <= 1m',
    ].map((text) => {
      const parsed = parse(text);
      return 'error' in parsed ? parsed.error : `${parsed.kind} ${parsed.statistic} ${parsed.unit}`;
    }),
    [
      'scheduling-latency p95 ms',
      'pod-wait max ms',
      'pod-start mean ms',
      'queue-wait p50 ms',
      'finally-delay p99 ms',
      'throttled-by-quota max ms',
      'throttled-by-node p90 ms',
    ],
  );
  const rate = parse('throughput.pipelineruns-per-hour.mean >= 60');
  assert.ok(!('error' in rate) && rate.unit === 'count' && rate.threshold === 60);
  const share = parse('utilisation.mean <= 80%');
  assert.ok(!('error' in share) && share.threshold === 0.8);
  const wrong = parse('pod-wait.p42 <= 1s');
  assert.ok('error' in wrong && wrong.error.includes('pod-wait.p42'));
});

test('fleet check: latencies pool every TaskRun of every seed; rates take one value a seed', () => {
  const rows = [1, 2, 3].flatMap((seed) =>
    fleetMetrics(runFleetSeed(shared, seed), shared.fleet!.cluster!.nodes, seed),
  );
  const expectations = ['pod-wait.max >= 0s', 'throughput.taskruns-per-minute.mean >= 0'].map(
    (text) =>
      parseExpectation(text, []) as Exclude<ReturnType<typeof parseExpectation>, { error: string }>,
  );
  const [podWait, rate] = evaluateExpectations(expectations, rowStoreOf(rows));
  const taskRuns = rows.reduce((sum, row) => sum + row.cluster!.podWaitMs.length, 0);
  assert.is(podWait.sampleSize, taskRuns);
  assert.ok(taskRuns > 90);
  assert.is(rate.sampleSize, 3);
});

test.run();
