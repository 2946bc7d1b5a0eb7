import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from './run-cli.js';

const REPORT = 'test/fixtures/report/report.scenario.yaml';
const OTHER = 'test/fixtures/compare/bug-10512.scenario.yaml';
const FILES = ['report-attempts.csv', 'report-runs.csv', 'report.html', 'report.json', 'report.md'];

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'shard-merge-'));
const read = (directory: string) =>
  Object.fromEntries(
    FILES.map((file) => [file, fs.readFileSync(path.join(directory, file), 'utf8')]),
  );

async function shards(directory: string, count: number, ...args: string[]): Promise<string[]> {
  const parts: string[] = [];
  for (let index = 1; index <= count; index++) {
    const run = await cli('report', ...args, '--shard', `${index}/${count}`, '--out', directory);
    assert.is(run.code, 0, run.stderr);
    parts.push(path.join(directory, `part-${index}-of-${count}.json`));
  }
  return parts;
}

test('cli: merge of report --shard parts is byte-identical to one run, in every format', async () => {
  const scenarios = [REPORT, OTHER, '--seeds', '25'];
  const whole = fresh();
  assert.is((await cli('report', ...scenarios, '--out', whole)).code, 0);
  const parts = await shards(fresh(), 3, ...scenarios);
  const merged = fresh();
  // The order parts are named in does not matter.
  const run = await cli('merge', parts[2], parts[0], parts[1], '--out', merged);
  assert.is(run.code, 0, run.stderr);
  assert.equal(read(merged), read(whole));
  const printed = await cli('merge', ...parts);
  assert.is(printed.stdout, read(whole)['report.md']);
});

test('cli: shards of a scenario the kernel runs merge into the report the reference engine writes', async () => {
  // A shard carries the attempt rows and the series whatever the formats; the kernel makes
  // them. 40 seeds, so that most are not in the determinism sample (16 seeds, run through
  // their SeedResults) and go straight into the columns. The HTML is drawn from what
  // report.json holds (left out: its charts cost the most).
  const scenario = ['bench/simpy-equivalent.yaml', '--seeds', '40'];
  const formats = ['--format', 'md,csv,json'];
  const whole = fresh();
  const reference = await cli(
    'report',
    ...scenario,
    ...formats,
    '--engine',
    'reference',
    '--out',
    whole,
  );
  assert.is(reference.code, 0, reference.stderr);
  const parts = await shards(fresh(), 2, ...scenario);
  const merged = fresh();
  assert.is((await cli('merge', ...parts, ...formats, '--out', merged)).code, 0);
  const files = [
    'report-attempts.csv',
    'report-runs.csv',
    'report-timeseries.csv',
    'report.json',
    'report.md',
  ];
  const read = (directory: string) =>
    files.map((file) => fs.readFileSync(path.join(directory, file), 'utf8'));
  assert.equal(read(merged), read(whole));
  assert.match(read(merged)[2], /,pods_waiting_for_node,/);
});

test('cli: more shards than seeds: the empty shards still merge into the same report', async () => {
  const whole = fresh();
  assert.is((await cli('report', REPORT, '--seeds', '2', '--out', whole)).code, 0);
  const parts = await shards(fresh(), 4, REPORT, '--seeds', '2');
  const merged = fresh();
  assert.is((await cli('merge', ...parts, '--out', merged)).code, 0);
  assert.equal(read(merged), read(whole));
});

test('cli: report --shard out of range, or without --out, is exit 2 with one clear line', async () => {
  for (const shard of ['4/3', '0/3', '1/0', 'one/two', '1/10000001', '1/99999999999999999999']) {
    const run = await cli('report', REPORT, '--seeds', '3', '--shard', shard, '--out', fresh());
    assert.is(run.code, 2, shard);
    assert.match(
      run.stderr,
      new RegExp(`--shard: "${shard}" should be I/N with whole numbers 1 <= I <= N`),
    );
  }
  const noOut = await cli('report', REPORT, '--seeds', '3', '--shard', '1/2');
  assert.is(noOut.code, 2);
  assert.match(noOut.stderr, /--shard writes a partial result file; name its directory with --out/);
});

test('cli: merge refuses parts of other scenarios, seed ranges, versions, and missing or doubled shards', async () => {
  const parts = await shards(fresh(), 2, REPORT, '--seeds', '6');
  const otherRange = await shards(fresh(), 2, REPORT, '--seeds', '8');
  const otherScenario = await shards(fresh(), 2, OTHER, '--seeds', '6');
  const expectRefusal = async (pattern: RegExp, ...files: string[]) => {
    const merged = fresh();
    const run = await cli('merge', ...files, '--out', merged);
    assert.is(run.code, 2, run.stderr);
    assert.match(run.stderr, pattern);
    assert.equal(fs.readdirSync(merged), []);
  };
  await expectRefusal(
    /seeds 1\.\.6\) but .* seeds 1\.\.8\); parts of different scenarios or seed ranges do not merge/,
    otherRange[1],
    parts[0],
  );
  await expectRefusal(/is of report .* but .* is of bug-10512 /, otherScenario[1], parts[0]);
  await expectRefusal(/merge: shard\(s\) 2 of 2 missing; name every part/, parts[0]);
  await expectRefusal(/are both shard 1\/2/, parts[0], parts[0]);
  const older = path.join(fresh(), 'part-2-of-2.json');
  fs.writeFileSync(
    older,
    fs.readFileSync(parts[1], 'utf8').replace(/"version":"[^"]+"/, '"version":"0.0.1"'),
  );
  await expectRefusal(
    /was written by tekton-sim 0\.0\.1, .* rerun every shard with one version/,
    parts[0],
    older,
  );
  // A part in the format before the columnar store (one object per seed) is refused.
  const oldFormat = path.join(fresh(), 'part-2-of-2.json');
  fs.writeFileSync(
    oldFormat,
    fs.readFileSync(parts[1], 'utf8').replace(/"schemaVersion":3/, '"schemaVersion":1'),
  );
  await expectRefusal(
    /has partial schemaVersion 1 \(written by tekton-sim .*\); this tekton-sim reads 3: rerun every shard with one version/,
    parts[0],
    oldFormat,
  );
  const notPartial = path.join(fresh(), 'summary.json');
  fs.writeFileSync(notPartial, '{"runs": 3}\n');
  await expectRefusal(
    /is not a tekton-sim partial result \(kind: tekton-sim-partial\)/,
    notPartial,
  );
  await expectRefusal(
    /report\.scenario\.yaml is not JSON; name the part-I-of-N\.json files/,
    REPORT,
  );
  await expectRefusal(
    /^error: merge: cannot read no-such-part\.json: no such file or directory\n$/,
    'no-such-part.json',
  );
  const directory = path.dirname(parts[0]);
  await expectRefusal(
    new RegExp(
      `^error: merge: cannot read ${directory}: is a directory; name the part-I-of-N\\.json files in it \\(${directory}/part-\\*\\.json\\)\\n$`,
    ),
    directory,
  );
});

/** A part's header (its first line, with the pieces' list closed) and the lines after it. */
function splitPart(file: string): { header: ReturnType<typeof JSON.parse>; rest: string } {
  const text = fs.readFileSync(file, 'utf8');
  const end = text.indexOf('\n');
  const line = text.slice(0, end);
  assert.ok(line.endsWith(',"chunks":['), line.slice(-40));
  return { header: JSON.parse(`${line.slice(0, -',"chunks":['.length)}}`), rest: text.slice(end) };
}

const joinPart = (header: unknown, rest: string) =>
  `${JSON.stringify(header).slice(0, -1)},"chunks":[${rest}`;

test('cli: a part is one JSON object: its header on the first line, then one piece of a section a line', async () => {
  const [part] = await shards(fresh(), 2, REPORT, '--seeds', '6');
  const text = fs.readFileSync(part, 'utf8');
  const whole = JSON.parse(text);
  assert.is(whole.kind, 'tekton-sim-partial');
  assert.is(whole.schemaVersion, 3);
  const lines = text.split('\n');
  assert.is(lines.at(-2), ']}');
  assert.is(lines.at(-1), '');
  // Every column's bytes and the attempt rows are sections, in order, after the header.
  const { header } = splitPart(part);
  assert.equal(header.stores[0].status, {
    width: 'u8',
    length: 3,
    buffer: { section: 0, bytes: 3 },
  });
  const rows = header.attemptsCsv[0];
  assert.ok(rows.bytes > 0);
  assert.ok(whole.chunks.join('').includes('report,'), 'the attempt rows are text');
});

test('cli: merge refuses a part whose content was cut or edited, naming the file and what is wrong, exit 2', async () => {
  const parts = await shards(fresh(), 2, REPORT, '--seeds', '6');
  const { header: original, rest } = splitPart(parts[0]);
  const store = original.stores[0];
  const edits: [string, (part: typeof original) => void, string][] = [
    [
      'no shard',
      (part) => (part.shard = null),
      'its shard is not I/N with 1 <= I <= N <= 10000000',
    ],
    [
      'a scenario that is a number',
      (part) => (part.scenarios[0] = 3),
      'scenarios[0] is not an object',
    ],
    [
      'the seeds of another slice',
      (part) => (part.stores[0].firstSeed = 4),
      "stores[0] should hold seeds 1..3, the shard's slice of the scenario",
    ],
    [
      'a column cut short',
      (part) => (part.stores[0].status.buffer.bytes = 1),
      'stores[0].status holds 1 bytes, not 3 values of 1',
    ],
    [
      'two columns in one section',
      (part) => (part.stores[0].reason.buffer.section = 0),
      `its sections are not numbered 0..${original.attemptsCsv.at(-1).section}, each once`,
    ],
    [
      'a section outside a column',
      (part) => (part.stores[0].sparse.extra = { section: 99, bytes: 1 }),
      'stores[0].sparse.extra is a section outside a column',
    ],
    [
      'more bytes than the file holds',
      (part) => {
        const column = part.stores[0].rows.metrics.fields[0].values;
        column.length = 1e9;
        column.buffer.bytes = 1e9 * { u8: 1, u16: 2, i32: 4, f64: 8 }[column.width as string]!;
      },
      'its sections add up to',
    ],
    [
      'a negative row count',
      (part) => (part.stores[0].rows.rows = -1),
      'stores[0].rows.rows is not a row count',
    ],
    [
      'a metric name that is a number',
      (part) => (part.stores[0].rows.metrics.fields[0].field = 7),
      'stores[0].rows.metrics.fields[0].field is not a string',
    ],
    [
      'findings that are not a list',
      (part) => (part.stores[0].sparse.invariants = 'x'),
      'stores[0].sparse is not the violations and findings of the seeds',
    ],
  ];
  assert.is(store.seeds, 3);
  const expectRefused = async (text: string, problem: string, what: string) => {
    const edited = path.join(fresh(), 'part-1-of-2.json');
    fs.writeFileSync(edited, text);
    const merged = fresh();
    const run = await cli('merge', edited, parts[1], '--out', merged);
    assert.is(run.code, 2, `${what}: ${run.stderr}`);
    const prefix = `error: merge: ${edited} is not as report --shard wrote it (`;
    assert.ok(run.stderr.startsWith(prefix), `${what}: ${run.stderr}`);
    assert.ok(run.stderr.slice(prefix.length).includes(problem), `${what}: ${run.stderr}`);
    assert.ok(run.stderr.endsWith('); rerun its shard\n'), `${what}: ${run.stderr}`);
    assert.equal(fs.readdirSync(merged), []);
  };
  for (const [what, edit, problem] of edits) {
    const part = structuredClone(original);
    edit(part);
    await expectRefused(joinPart(part, rest), problem, what);
  }
  // The pieces after the header: cut anywhere, or edited, the part is refused.
  const text = fs.readFileSync(parts[0], 'utf8');
  const lines = text.split('\n');
  const bodyStart = lines[0].length + 1;
  for (const cut of [
    bodyStart + 5,
    Math.floor((bodyStart + text.length) / 2),
    text.length - 4,
    text.length - 1,
  ])
    await expectRefused(text.slice(0, cut), 'it ends ', `cut at ${cut} of ${text.length}`);
  const pieces: [string, (lines: string[]) => void, string][] = [
    [
      'a piece that is not base64',
      (l) => (l[1] = l[1].replace(/^"(.)/, '"!')),
      'the piece at byte',
    ],
    ['a piece that is not a string', (l) => (l[1] = '7,'), 'the line at byte'],
    ['a piece without its comma', (l) => (l[1] = l[1].slice(0, -1)), 'is not followed by a comma'],
    ['a piece too many', (l) => l.splice(-2, 0, ',"AAAA"'), ''],
    ['a line after the end', (l) => l.push('x'), 'it goes on after its closing ]}'],
  ];
  for (const [what, edit, problem] of pieces) {
    const edited = [...lines];
    edit(edited);
    await expectRefused(edited.join('\n'), problem, what);
  }
});

test.run();
