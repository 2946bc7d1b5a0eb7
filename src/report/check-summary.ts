// The summary of a `check` (built by check/summary.ts) rendered as text, Markdown or JSON by
// pure formatters over the one result object.
import type { CheckSummary, ClusterFigure } from '../check/summary.js';
import type { TimeoutShare } from '../check/timeout-shares.js';
import { formatGoDuration } from '../tekton/duration.js';
import { partialSentence } from './partial-banner.js';
import { toJsonText } from './serialize.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const intervalText = (share: TimeoutShare) =>
  `${percent(share.interval.low)}..${percent(share.interval.high)}`;

/** The timeout kinds some seed hit: a check of tuned timeouts is read for these. */
const timeoutsHit = (scenario: CheckSummary['scenarios'][number]) =>
  scenario.timeouts.filter((timeout) => timeout.count > 0);

export function formatCheckSummaryText(summary: CheckSummary): string {
  const lines: string[] = [];
  lines.push(
    `tekton-sim check: ${summary.scenarios.length} scenario(s), ${summary.runs} runs; determinism checked on ${summary.settings.determinismSeeds}, ${summary.settings.determinismCompares}`,
  );
  if (summary.partial) lines.push(`partial result: ${partialSentence(summary.partial)}`);
  for (const scenario of summary.scenarios) {
    lines.push('');
    lines.push(
      `scenario ${scenario.name} (${scenario.file}), profile ${scenario.profile}${tektonConfigNote(scenario.tektonConfig)}, seeds ${scenario.seeds.first}..${scenario.seeds.last}: ${scenario.runs} runs${pipelineRunsNote(scenario)}`,
    );
    lines.push(
      scenario.pipelineRuns === undefined
        ? '  outcomes'
        : `  outcomes of ${scenario.pipelineRuns} PipelineRuns`,
    );
    for (const reason of scenario.reasons)
      lines.push(
        `    ${reason.reason.padEnd(34)} ${String(reason.runs).padStart(7)}  ${percent(reason.share).padStart(6)}`,
      );
    const hit = timeoutsHit(scenario);
    if (hit.length === 0) lines.push('  timeouts hit: none');
    else {
      lines.push('  timeouts hit (seeds, share, 95% interval)');
      // As wide as the outcomes' column, or the longest kind (a skip reason's words).
      const width = Math.max(34, ...hit.map((timeout) => timeout.kind.length));
      for (const timeout of hit)
        lines.push(
          `    ${timeout.kind.padEnd(width)} ${String(timeout.count).padStart(7)}  ${percent(timeout.share).padStart(6)}  ${intervalText(timeout)}`,
        );
    }
    lines.push('  invariants');
    for (const invariant of scenario.invariants) {
      lines.push(
        `    ${invariant.held ? 'held    ' : 'VIOLATED'}  ${invariant.name.padEnd(20)}${invariant.held ? '' : ` ${invariant.violatedRuns} run(s)`}`,
      );
      for (const example of invariant.examples) {
        lines.push(`      seed ${example.seed}: ${example.message}`);
        lines.push(`        ${example.replay}`);
      }
    }
    if (scenario.findings.length > 0) {
      lines.push('  known Tekton bugs reproduced (not invariant failures)');
      for (const finding of scenario.findings) {
        lines.push(
          `    ${finding.bug}  ${finding.runs} run(s) (${percent(finding.share)}), seeds ${finding.seeds.join(', ')}: ${finding.message}`,
        );
      }
    }
    if (scenario.cluster && scenario.cluster.length > 0)
      lines.push(...clusterLines(scenario.cluster));
    if (scenario.expectations.length > 0) {
      lines.push('  expectations');
      for (const expectation of scenario.expectations) {
        const interval = expectation.interval ? ` ${expectation.interval}` : '';
        lines.push(
          `    ${EXPECTATION_WORDS[expectation.verdict]}  ${expectation.text}  (observed ${expectation.observed}${interval})`,
        );
      }
    }
  }
  lines.push('');
  lines.push(resultLine(summary));
  return lines.map((line) => line.trimEnd()).join('\n') + '\n';
}

/**
 * The cluster figures as a table. Columns are 10 characters wide (8 for the sample count), or
 * wider when a value needs it, with two spaces before the longest: a saturated controller's
 * scheduling latency of hours (`2h18m23.5s`) ran into the next column.
 */
function clusterLines(figures: readonly ClusterFigure[]): string[] {
  const values = figures.map((figure) =>
    [figure.mean, figure.p50, figure.p95, figure.max].map((value) => showFigure(figure, value)),
  );
  const valueWidth = Math.max(10, ...values.flat().map((text) => text.length + 2));
  const samplesWidth = Math.max(8, ...figures.map((figure) => String(figure.samples).length + 2));
  const header = ['mean', 'p50', 'p95', 'max'].map((name) => name.padStart(valueWidth)).join('');
  return [
    `  cluster (per PipelineRun or TaskRun; rates per seed)${' '.repeat(3)}${header}${'n'.padStart(samplesWidth)}`,
    ...figures.map(
      (figure, index) =>
        `    ${figure.name.padEnd(51)}${values[index].map((text) => text.padStart(valueWidth)).join('')}${String(figure.samples).padStart(samplesWidth)}`,
    ),
  ];
}

/** With a cluster a seed runs many PipelineRuns: say how many, since the outcomes count them. */
function pipelineRunsNote(scenario: CheckSummary['scenarios'][number]): string {
  return scenario.pipelineRuns === undefined ? '' : ` (${scenario.pipelineRuns} PipelineRuns)`;
}

/** A figure's value: a Go duration for times (to the 0.1 s), else a number to 3 places. */
function showFigure(figure: ClusterFigure, value: number): string {
  if (figure.unit === 'ms') return formatGoDuration(Math.round(value / 100) * 100);
  if (figure.unit === 'share') return `${(value * 100).toFixed(1)}%`;
  return String(Number(value.toFixed(3)));
}

function resultLine(summary: CheckSummary): string {
  const inconclusive = summary.inconclusiveExpectations;
  const unsure = `${inconclusive} expectation(s) inconclusive (more seeds would settle them)`;
  if (summary.ok)
    return inconclusive === 0
      ? 'result: every invariant and expectation held'
      : `result: nothing violated; ${unsure}`;
  return `result: ${summary.violatedInvariants} invariant(s) and ${summary.violatedExpectations} expectation(s) violated${inconclusive === 0 ? '' : `; ${unsure}`}`;
}

const EXPECTATION_WORDS = { held: 'held    ', violated: 'VIOLATED', inconclusive: 'inconclusive' };

const MARKDOWN_EXPECTATION_WORDS = {
  held: 'held',
  violated: '**violated**',
  inconclusive: 'inconclusive',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

type InvariantLines = Pick<CheckSummary['scenarios'][number], 'invariants' | 'findings'>;

/** The invariants table, each violated one's first seeds, and the known Tekton bugs found. */
export function invariantMarkdownLines({ invariants, findings }: InvariantLines): string[] {
  const lines = ['', '| Invariant | Result | Runs violating |', '|---|---|---:|'];
  for (const invariant of invariants)
    lines.push(
      `| ${invariant.name} | ${invariant.held ? 'held' : '**violated**'} | ${invariant.violatedRuns} |`,
    );
  for (const invariant of invariants.filter((line) => !line.held)) {
    lines.push('', `### ${invariant.name}: first seeds`, '');
    for (const example of invariant.examples)
      lines.push(`- seed ${example.seed}: ${example.message}`, `  \`${example.replay}\``);
  }
  if (findings.length > 0) {
    lines.push('', '### Known Tekton bugs reproduced', '');
    for (const finding of findings)
      lines.push(
        `- ${finding.bug}: ${finding.runs} run(s) (${percent(finding.share)}), seeds ${finding.seeds.join(', ')}. ${finding.message}`,
      );
  }
  return lines;
}

export function formatCheckSummaryMarkdown(summary: CheckSummary): string {
  const lines: string[] = ['# tekton-sim check', ''];
  lines.push(
    `${summary.scenarios.length} scenario(s), ${summary.runs} runs; determinism checked on ${summary.settings.determinismSeeds}, ${summary.settings.determinismCompares}.`,
    '',
  );
  if (summary.partial) lines.push(`> **Partial result:** ${partialSentence(summary.partial)}.`, '');
  for (const scenario of summary.scenarios) {
    lines.push(`## ${scenario.name}`, '');
    lines.push(
      `File \`${scenario.file}\`, profile \`${scenario.profile}\`${tektonConfigNote(scenario.tektonConfig, '`')}, seeds ${scenario.seeds.first}..${scenario.seeds.last}, ${scenario.runs} runs${pipelineRunsNote(scenario)}.`,
      '',
    );
    lines.push(
      `| Outcome | ${scenario.pipelineRuns === undefined ? 'Runs' : 'PipelineRuns'} | Share |`,
      '|---|---:|---:|',
    );
    for (const reason of scenario.reasons)
      lines.push(`| ${cell(reason.reason)} | ${reason.runs} | ${percent(reason.share)} |`);
    const hit = timeoutsHit(scenario);
    if (hit.length === 0) lines.push('', 'No seed hit a timeout.');
    else {
      lines.push('', '| Timeout hit | Seeds | Share | 95% interval |', '|---|---:|---:|---|');
      for (const timeout of hit)
        lines.push(
          `| ${cell(timeout.kind)} | ${timeout.count} | ${percent(timeout.share)} | ${intervalText(timeout)} |`,
        );
    }
    lines.push(...invariantMarkdownLines(scenario));
    if (scenario.cluster && scenario.cluster.length > 0) {
      lines.push(
        '',
        '| Cluster figure | Mean | p50 | p95 | Max | n |',
        '|---|---:|---:|---:|---:|---:|',
      );
      for (const figure of scenario.cluster)
        lines.push(
          `| ${figure.name} | ${[figure.mean, figure.p50, figure.p95, figure.max].map((value) => showFigure(figure, value)).join(' | ')} | ${figure.samples} |`,
        );
    }
    if (scenario.expectations.length > 0) {
      lines.push('', '| Expectation | Result | Observed |', '|---|---|---|');
      for (const expectation of scenario.expectations) {
        lines.push(
          `| \`${cell(expectation.text)}\` | ${MARKDOWN_EXPECTATION_WORDS[expectation.verdict]} | ${cell(expectation.observed)}${expectation.interval ? ` ${cell(expectation.interval)}` : ''} |`,
        );
      }
    }
    lines.push('');
  }
  lines.push(`**${resultLine(summary)}**`);
  return lines.join('\n') + '\n';
}

/** `, Tekton config: enable-api-fields=beta, ...` when ConfigMaps changed the defaults. */
function tektonConfigNote(changes: readonly string[] | undefined, quote = ''): string {
  if (!changes || changes.length === 0) return '';
  return `, Tekton config ${changes.map((change) => `${quote}${change}${quote}`).join(', ')}`;
}

export function formatCheckSummaryJson(summary: CheckSummary): string {
  return toJsonText(summary);
}
