// `tekton-sim merge PART...`: the partial results of `report --shard I/N` put back together
// into exactly the report one run over all seeds would have written, in every format.
import type { Argv } from 'yargs';
import { buildReportResult } from '../check/report-result.js';
import { renderReportFiles, REPORT_FORMATS } from '../report/report-files.js';
import { formatReportMarkdown } from '../report/report-markdown.js';
import { appendPartStores, emptyStores, orderPartials } from '../runner/partial.js';
import { type AttemptsSpool, openAttemptsSpool } from './attempts-spool.js';
import { EXIT_SUCCESS, UsageError } from './errors.js';
import type { CliCommand } from './io.js';
import { writeOutputFiles } from './output-files.js';
import { readPartHeader, readPartSections } from './part-file.js';
import { parseFormats, refuseFilesWithoutOut } from './report.js';

interface MergeArguments {
  parts: string[];
  out?: string;
  format: string;
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
    // Every header first, so parts that do not belong together are refused before any is read.
    const { scenarios, ordered, version } = orderPartials(
      files.map((file) => readPartHeader(file)),
    );
    const stores = emptyStores(scenarios);
    // The attempt rows go to a temporary file as they are read, filed by scenario; they are
    // read (and so checked) even when no CSV is asked for.
    const spool = openAttemptsSpool();
    const csv = args.out !== undefined && formats.includes('csv');
    try {
      for (const part of ordered) {
        const buffers = readPartSections(part, (scenario, text) => {
          if (csv) spool.write(text, scenario);
        });
        appendPartStores(stores, part.file, part.header, buffers);
      }
      const result = buildReportResult(scenarios, stores, version);
      if (args.out === undefined) {
        io.stdout.write(formatReportMarkdown(result));
        return EXIT_SUCCESS;
      }
      const rendered = await renderReportFiles(
        result,
        stores,
        formats,
        undefined,
        scenariosInOrder(spool, scenarios.length),
      );
      io.stderr.write(
        `report written: ${writeOutputFiles(args.out, rendered, '--out').join(', ')}\n`,
      );
      return EXIT_SUCCESS;
    } finally {
      spool.dispose();
    }
  },
};

/** Every scenario's attempt rows in turn, each in shard order as they were spooled. */
function* scenariosInOrder(spool: AttemptsSpool, count: number): Generator<Uint8Array> {
  for (let index = 0; index < count; index++) yield* spool.bytes(index);
}

export default mergeCommand;
