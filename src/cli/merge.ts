// `tekton-sim merge PART...`: the partial results of `report --shard I/N` put back together
// into exactly the report one run over all seeds would have written, in every format.
import fs from 'node:fs';
import type { Argv } from 'yargs';
import { buildReportResult } from '../check/report-result.js';
import { renderReportFiles, REPORT_FORMATS } from '../report/report-files.js';
import { formatReportMarkdown } from '../report/report-markdown.js';
import { mergePartials, parsePartial } from '../runner/partial.js';
import { InputError } from '../tekton/diagnostics.js';
import { describeFileSystemError } from '../tekton/files.js';
import { EXIT_SUCCESS, UsageError } from './errors.js';
import type { CliCommand } from './io.js';
import { writeOutputFiles } from './output-files.js';
import { parseFormats, refuseFilesWithoutOut } from './report.js';

interface MergeArguments {
  parts: string[];
  out?: string;
  format: string;
}

function readPart(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    // A directory is most likely the --out of the shards: name the files in it instead.
    const hint =
      (error as NodeJS.ErrnoException).code === 'EISDIR'
        ? `; name the part-I-of-N.json files in it (${file}/part-*.json)`
        : '';
    throw new InputError({
      severity: 'error',
      message: `merge: cannot read ${file}: ${describeFileSystemError(error)}${hint}`,
    });
  }
}

export const mergeCommand: CliCommand<MergeArguments> = {
  command: 'merge [parts..]',
  describe: 'Merge the partial results of report --shard I/N into the full report',
  builder: (yargs: Argv) =>
    yargs
      .positional('parts', { type: 'string', array: true, describe: 'part-I-of-N.json files' })
      .option('out', { type: 'string', describe: 'Write the report files into this directory' })
      .option('format', {
        type: 'string',
        default: REPORT_FORMATS.join(','),
        describe: `Formats to write, comma-separated: ${REPORT_FORMATS.join(', ')}`,
      }) as unknown as Argv<MergeArguments>,
  run: async (args, io) => {
    const files = args.parts ?? [];
    if (files.length === 0)
      throw new UsageError(
        'name the part-I-of-N.json files to merge',
        "Run 'tekton-sim merge --help' for usage.",
      );
    const formats = parseFormats(args.format);
    refuseFilesWithoutOut('merge', args.format, REPORT_FORMATS.join(','), args.out);
    const merged = mergePartials(
      files.map((file) => ({ file, part: parsePartial(file, readPart(file)) })),
    );
    const result = buildReportResult(merged.scenarios, merged.stores, merged.version);
    if (args.out === undefined) {
      io.stdout.write(formatReportMarkdown(result));
      return EXIT_SUCCESS;
    }
    const rendered = await renderReportFiles(
      result,
      merged.stores,
      formats,
      undefined,
      merged.attemptsCsv,
    );
    io.stderr.write(
      `report written: ${writeOutputFiles(args.out, rendered, '--out').join(', ')}\n`,
    );
    return EXIT_SUCCESS;
  },
};

export default mergeCommand;
