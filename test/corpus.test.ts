// Every file of the shared corpus of real Tekton YAML (../shared/corpus/tekton beside the
// repository, or $TEKTON_SIM_CORPUS) loads, validates and resolves without a crash, and
// validation finds no error where real Tekton accepts the file. The corpus is third-party
// data kept outside the project; when it is absent this test says so and skips.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildValidationReport } from '../src/index.js';
import { formatDiagnostic, InputError } from '../src/tekton/diagnostics.js';
import { loadFiles } from '../src/tekton/load.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDirectory = process.env.TEKTON_SIM_CORPUS
  ? path.resolve(process.env.TEKTON_SIM_CORPUS)
  : path.resolve(repositoryRoot, '..', 'shared', 'corpus', 'tekton');
const indexFile = path.join(corpusDirectory, 'INDEX.tsv');

/**
 * Files that real Tekton v1.15 would reject too, so errors are expected; each with the reason,
 * checked against Tekton's webhook. The corpus comes from repositories that applied these
 * files to older Tekton releases; the ones below name a ClusterTask, which v1.15 no longer has
 * (tektoncd/pipeline 5a3a86ad2 removed it, and its own example with it).
 */
const CLUSTER_TASK =
  'a `kind: ClusterTask` taskRef: v1.15 knows no ClusterTask, so PipelineTask.Validate takes it for a custom task without apiVersion (validateCustomTask)';
const SIDECAR_SCRIPT_AND_COMMAND =
  'a sidecar with both `script` and `command`: Sidecar.Validate (container_validation.go) refuses it, as v1.0 to v1.15 all do; Tekton applies this file at the previous release in its upgrade test';
const PLACEHOLDER_TASK_NAME =
  'a template whose taskRef name is the placeholder `$REPLACE_ME`: validateRef (container_validation.go) refuses a name that is not a Kubernetes qualified name (validation.IsQualifiedName)';
const EXPECTED_TO_FAIL: Record<string, string> = {
  'konflux-ci__build-definitions/pipelines__template-build__template-build.yaml':
    PLACEHOLDER_TASK_NAME,
  'tektoncd__pipeline/test__upgrade__simpleResources.yaml': SIDECAR_SCRIPT_AND_COMMAND,
  'tektoncd__pipeline/examples__v1beta1__pipelineruns__clustertask-pipelinerun.yaml': CLUSTER_TASK,
  'tektoncd__catalog/task__rhacs-generic__0.1__samples__pipeline.yaml': CLUSTER_TASK,
  'tektoncd__catalog/task__ansible-builder__0.1__samples__1-pipeline.yaml': CLUSTER_TASK,
};

/** The `file` column of INDEX.tsv (names may start with a dot, so the index is the truth, not a glob). */
function corpusFiles(): string[] {
  const [header, ...rows] = fs
    .readFileSync(indexFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const fileColumn = header.split('\t').indexOf('file');
  assert.ok(fileColumn >= 0, 'INDEX.tsv has a file column');
  return rows.map((row) => row.split('\t')[fileColumn]);
}

if (!fs.existsSync(indexFile)) {
  // A plain passing test rather than test.skip: the runner's closing line counts uvu's
  // skipped tests against its total.
  test('corpus: absent, skipped', () => {
    const shown = process.env.TEKTON_SIM_CORPUS ?? path.relative(repositoryRoot, corpusDirectory);
    console.log(`corpus: ${shown} not found, skipping`);
  });
} else {
  test('corpus: every file loads, validates and resolves; no errors where Tekton accepts the file', () => {
    const totals = {
      files: 0,
      pipelines: 0,
      pipelineRuns: 0,
      tasks: 0,
      opaqueTasks: 0,
      unresolvedRuns: 0,
      errors: 0,
    };
    const unexpected: string[] = [];
    const files = corpusFiles();
    for (const name of files) {
      const file = path.join(corpusDirectory, name);
      let report: ReturnType<typeof buildValidationReport>;
      try {
        report = buildValidationReport(loadFiles([file]));
      } catch (error) {
        // Input errors are findings to list; anything else is a crash and fails at once.
        if (!(error instanceof InputError)) throw error;
        unexpected.push(...error.diagnostics.map((d) => `${name}: ${formatDiagnostic(d)}`));
        continue;
      }
      totals.files += 1;
      totals.pipelines += report.counts.pipelines;
      totals.pipelineRuns += report.counts.pipelineRuns;
      totals.tasks += report.counts.tasks;
      totals.opaqueTasks += report.counts.opaqueTasks;
      totals.errors += report.counts.errors;
      totals.unresolvedRuns += report.diagnostics.filter((d) =>
        d.message.startsWith('cannot simulate PipelineRun'),
      ).length;
      if (name in EXPECTED_TO_FAIL) continue;
      for (const diagnostic of report.diagnostics) {
        if (diagnostic.severity === 'error')
          unexpected.push(`${name}: ${formatDiagnostic(diagnostic)}`);
      }
    }
    console.log(
      `corpus: ${totals.files} files, ${totals.pipelines} Pipelines, ${totals.pipelineRuns} PipelineRuns, ` +
        `${totals.tasks} Tasks, ${totals.opaqueTasks} opaque refs, ` +
        `${totals.unresolvedRuns} PipelineRuns whose Pipeline is in another file or remote, ${totals.errors} errors`,
    );
    assert.is(totals.files, files.length, 'every file loads');
    assert.equal(unexpected, [], 'no errors outside EXPECTED_TO_FAIL');
    assert.ok(totals.pipelines + totals.pipelineRuns > 0);
  });
}

test.run();
