// Writes a ReproCase as a plain Tekton PipelineRun: embedded pipelineSpec, each task's steps
// `sleep` and `exit` as its draws did (per attempt, by $(context.task.retry-count)), results
// written with `tee`. No randomness is left, so `tekton-sim run` and a real cluster replay it.
import { yamlPackage } from '../tekton/yaml-package.js';
import { formatGoDuration } from '../tekton/duration.js';
import type { AttemptDraw } from '../workload/index.js';
import type { ReproCase, ReproTask } from './repro-case.js';

export interface ReproducerHeader {
  /** Lines written as comments above the YAML. */
  comments: string[];
  /** Extra `tekton-sim run` flags needed to reproduce it (profile, default timeout). */
  runFlags: string[];
  /** The file name the command line should show. */
  file: string;
}

/** `--cancel MODE@DURATION` for the case's cancellation, if it has one. */
export function cancelFlag(repro: ReproCase): string | undefined {
  return repro.patch
    ? `--cancel ${repro.patch.status}@${formatGoDuration(repro.patch.atMs)}`
    : undefined;
}

export function runCommandFor(
  repro: ReproCase,
  header: Pick<ReproducerHeader, 'runFlags' | 'file'>,
): string {
  return ['tekton-sim run', header.file, ...header.runFlags, cancelFlag(repro)]
    .filter(Boolean)
    .join(' ');
}

export function renderReproducer(repro: ReproCase, header: ReproducerHeader): string {
  const comments = [...header.comments];
  if (repro.patch) {
    comments.push(
      `Cancellation: spec.status is patched to ${repro.patch.status} ${formatGoDuration(repro.patch.atMs)} after the run starts`,
    );
    comments.push(
      `(on a cluster: kubectl patch pipelinerun ${repro.name} --type merge -p '{"spec":{"status":"${repro.patch.status}"}}' at that time).`,
    );
  }
  comments.push(`Reproduce: ${runCommandFor(repro, header)}`);
  const document = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: repro.name, ...(repro.namespace ? { namespace: repro.namespace } : {}) },
    spec: {
      ...(repro.timeouts ? { timeouts: repro.timeouts } : {}),
      pipelineSpec: {
        tasks: repro.tasks.filter((task) => !task.isFinally).map(pipelineTask),
        ...(repro.tasks.some((task) => task.isFinally)
          ? { finally: repro.tasks.filter((task) => task.isFinally).map(pipelineTask) }
          : {}),
      },
    },
  };
  const yaml = yamlPackage().stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  return comments.map((line) => `# ${line}`.trimEnd()).join('\n') + '\n' + yaml;
}

function pipelineTask(task: ReproTask): Record<string, unknown> {
  const failing = task.attempts.find(
    (attempt) => attempt.exitCode !== 0 && attempt.failedContainer,
  );
  const stepName = failing?.failedContainer?.replace(/^step-/, '') || 'main';
  return {
    name: task.name,
    ...(task.runAfter.length > 0 && !task.isFinally ? { runAfter: task.runAfter } : {}),
    ...(task.when.length > 0 ? { when: task.when } : {}),
    ...(task.retries > 0 ? { retries: task.retries } : {}),
    ...(task.timeout !== undefined ? { timeout: task.timeout } : {}),
    ...(task.onError !== undefined ? { onError: task.onError } : {}),
    taskSpec: {
      ...(task.results.length > 0 ? { results: task.results.map((name) => ({ name })) } : {}),
      steps: [{ name: stepName, image: 'busybox', script: script(task.attempts) }],
    },
  };
}

/** One branch per attempt that differs from the last; the last attempt's body runs otherwise. */
export function script(attempts: readonly AttemptDraw[]): string {
  if (attempts.length === 0)
    return attemptBody({ durationMs: 0, exitCode: 0, results: [] }).join('\n') + '\n';
  const last = attempts[attempts.length - 1];
  const lines: string[] = [];
  attempts.slice(0, -1).forEach((attempt, index) => {
    if (sameAttempt(attempt, last)) return;
    lines.push(`if [ "$(context.task.retry-count)" = "${index}" ]; then`);
    lines.push(...attemptBody(attempt).map((line) => `  ${line}`));
    lines.push('fi');
  });
  lines.push(...attemptBody(last));
  return lines.join('\n') + '\n';
}

function attemptBody(attempt: AttemptDraw): string[] {
  const lines: string[] = [];
  let elapsedMs = 0;
  const results = [...attempt.results]
    .filter((result) => result.atMs <= attempt.durationMs)
    .sort((a, b) => a.atMs - b.atMs);
  for (const result of results) {
    if (result.atMs > elapsedMs) lines.push(`sleep ${seconds(result.atMs - elapsedMs)}`);
    elapsedMs = Math.max(elapsedMs, result.atMs);
    lines.push(`echo -n ${shellQuote(result.value)} | tee $(results.${result.name}.path)`);
  }
  if (attempt.durationMs > elapsedMs || lines.length === 0)
    lines.push(`sleep ${seconds(attempt.durationMs - elapsedMs)}`);
  lines.push(`exit ${attempt.exitCode}`);
  return lines;
}

function sameAttempt(a: AttemptDraw, b: AttemptDraw): boolean {
  return JSON.stringify(attemptBody(a)) === JSON.stringify(attemptBody(b));
}

/** Seconds with at most millisecond precision and no trailing zeros: `1.5`, `12`, `0.001`. */
function seconds(durationMs: number): string {
  return String(Number((Math.max(0, durationMs) / 1000).toFixed(3)));
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
