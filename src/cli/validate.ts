// `tekton-sim validate FILE|DIR...`: what Tekton's admission webhook would say about the files,
// one `file:line:col: severity: message (field path)` line each, then a summary line.
import {
  formatDiagnostic,
  InputError,
  type Diagnostic,
  loadFiles,
  buildValidationReport,
  inputErrorReport,
  type ValidationCounts,
  type ValidationReport,
  validateScenarios,
} from '../index.js';
import { EXIT_FAILURE, EXIT_INPUT_ERROR, EXIT_SUCCESS } from './errors.js';
import { SIMULATOR_TEKTON_CONFIG } from '../model/tekton-config.js';
import { validationOptionsOf } from '../tekton/validate/options.js';
import { CONFIGMAP_OPTION, configMapsOption } from './options.js';
import type { CliCommand } from './io.js';

interface ValidateArguments {
  paths: string[];
  output: 'text' | 'json';
  quiet: boolean;
  configmap?: string | string[];
}

interface Output {
  write(text: string): unknown;
}

/**
 * Runs the command and returns its exit code; input errors are thrown unless JSON was asked
 * for. Tekton resources get the webhook's checks; Scenario documents are compiled as `check`
 * would compile them. `-` reads standard input when `readStdin` is given.
 */
export function runValidate(
  args: ValidateArguments,
  output: Output,
  readStdin?: () => Uint8Array,
): number {
  let report: ValidationReport;
  try {
    // The notes of --configmap files join the report's diagnostics, text or JSON.
    const configNotes: Diagnostic[] = [];
    const configMaps = configMapsOption(args.configmap);
    if (configMaps) configNotes.push(...configMaps.reading.notes);
    const set = loadFiles(args.paths, { readStdin });
    report = buildValidationReport(
      set,
      [...validateScenarios(set, { configMaps }), ...configNotes],
      validationOptionsOf(configMaps?.reading.config ?? SIMULATOR_TEKTON_CONFIG),
    );
  } catch (error) {
    if (!(error instanceof InputError) || args.output !== 'json') throw error;
    output.write(renderJson(inputErrorReport(error), args.quiet));
    return EXIT_INPUT_ERROR;
  }
  output.write(
    args.output === 'json' ? renderJson(report, args.quiet) : renderText(report, args.quiet),
  );
  return report.counts.errors > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

export function renderText(report: ValidationReport, quiet: boolean): string {
  const lines = visible(report.diagnostics, quiet).map(formatDiagnostic);
  lines.push(summaryLine(report.counts));
  return lines.join('\n') + '\n';
}

export function renderJson(report: ValidationReport, quiet: boolean): string {
  const diagnostics = visible(report.diagnostics, quiet).map((d) => ({
    severity: d.severity,
    message: d.message,
    fieldPath: d.fieldPath ?? null,
    file: d.location?.file ?? null,
    line: d.location?.line ?? null,
    column: d.location?.column ?? null,
    resource: d.resource ?? null,
  }));
  return (
    JSON.stringify({ files: report.files, counts: report.counts, diagnostics }, null, 2) + '\n'
  );
}

/** `3 files, 2 Pipelines, 1 PipelineRun, 4 Tasks: 1 error, 2 warnings` */
export function summaryLine(counts: ValidationCounts): string {
  const found = [
    plural(counts.files, 'file'),
    plural(counts.pipelines, 'Pipeline'),
    plural(counts.pipelineRuns, 'PipelineRun'),
    plural(counts.tasks, 'Task'),
    // Named only when there are some, so the line reads as it did before TaskRuns were read.
    ...(counts.taskRuns ? [plural(counts.taskRuns, 'TaskRun')] : []),
  ].join(', ');
  const line = `${found}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  // Only when it matters: a step read in part runs with the rest assumed to succeed at once.
  if (!counts.stepsNotFullySimulated) return line;
  return `${line}; ${counts.stepsNotFullySimulated} of ${plural(counts.steps, 'step')} not fully simulated (run prints what is assumed)`;
}

function visible(diagnostics: Diagnostic[], quiet: boolean): Diagnostic[] {
  return quiet ? diagnostics.filter((d) => d.severity !== 'note') : diagnostics;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const validateCommand: CliCommand<ValidateArguments> = {
  command: 'validate <paths..>',
  describe: "Check Tekton YAML files or directories as Tekton's admission webhook would",
  builder: (yargs) =>
    yargs
      .positional('paths', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'YAML files, directories to search for .yaml/.yml files, or - for standard input',
      })
      .option('output', {
        alias: 'o',
        choices: ['text', 'json'] as const,
        default: 'text' as const,
        describe: 'text: file:line:col lines and a summary; json: the same as data',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'hide notes' })
      .option('configmap', CONFIGMAP_OPTION)
      .example('$0 validate pipeline.yaml', 'check one file')
      .example('$0 validate .tekton/ -o json', 'check a directory, print JSON'),
  run: (args, io) => runValidate(args, io.stdout, io.readStdin),
};

export default validateCommand;
