// The built executable, spawned as a user runs it: a few cases only (a process costs 0.2 to
// 0.4 s of CPU), compared byte for byte with the same command run in-process, so the
// in-process tests speak for dist/ too, and the failures only a process can show (a full
// standard output, Ctrl-C, the packages start-up loads). Each case starts its processes
// before it does its own in-process work, and the cases with several processes start them
// all at once, so the processes overlap with each other and with this one instead of taking
// turns. dist/ is rebuilt first when it is missing or older than any source file (CI's
// `npm ci` has built it already, through the `prepare` script).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const executable = path.join(root, 'dist', 'cli', 'main.js');
const FULL_DEVICE = '/dev/full';

function newestSourceMs(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    const ms = entry.isDirectory() ? newestSourceMs(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, ms);
  }
  return newest;
}

function ensureBuilt(): void {
  const inputsMs = Math.max(
    newestSourceMs(path.join(root, 'src')),
    fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
  );
  if (fs.existsSync(executable) && fs.statSync(executable).mtimeMs >= inputsMs) return;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.is(build.status, 0, `build failed:\n${build.stdout}${build.stderr}`);
  // As `npm run build`: the worker threads run the bundle of their modules, and the
  // executable is the bundle made from the sources.
  for (const script of ['build-worker.mjs', 'bundle-cli.mjs']) {
    const bundle = spawnSync(process.execPath, [path.join(root, 'scripts', script)], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.is(bundle.status, 0, `${script} failed:\n${bundle.stdout}${bundle.stderr}`);
  }
  // tsc leaves an unchanged file alone; touch the entry so the next check sees a fresh build.
  const now = new Date();
  fs.utimesSync(executable, now, now);
}

const childEnv = { ...process.env, NO_COLOR: '1', TEKTON_SIM_DEBUG: '' };

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts node with `nodeArgs` and resolves when it ends. Not spawnSync: the caller goes on
 * with its own work (or starts more processes) while this one runs. With `stdoutPath` its
 * standard output is that file (stdout is then '').
 */
function spawnNode(nodeArgs: string[], stdoutPath?: string): Promise<Finished> {
  const stdoutFile = stdoutPath === undefined ? undefined : fs.openSync(stdoutPath, 'w');
  const child = spawn(process.execPath, nodeArgs, {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', stdoutFile ?? 'pipe', 'pipe'],
  });
  if (stdoutFile !== undefined) fs.closeSync(stdoutFile);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const spawnBuilt = (...args: string[]) => spawnNode([executable, ...args]);

/** As spawnBuilt, with standard output going to the file at `stdoutPath`. */
const spawnBuiltWritingTo = (stdoutPath: string, ...args: string[]) =>
  spawnNode([executable, ...args], stdoutPath);

test.before(ensureBuilt);

test('cli: smoke: dist run -o json prints what main() prints in-process, exit 0', async () => {
  const args = ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml', '-o', 'json'];
  const running = spawnBuilt(...args);
  const inProcess = await runCli(...args);
  const built = await running;
  assert.is(built.code, 0, built.stderr);
  assert.match(built.stdout, /"reason": "PipelineRunTimeout"/);
  assert.is(built.stdout, inProcess.stdout);
});

test('cli: smoke: dist run -o yaml (the yaml package from its own script) prints what main() prints', async () => {
  const args = ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml', '-o', 'yaml'];
  const running = spawnBuilt(...args);
  const inProcess = await runCli(...args);
  const built = await running;
  assert.is(built.code, 0, built.stderr);
  assert.match(built.stdout, /reason: PipelineRunTimeout/);
  assert.is(built.stdout, inProcess.stdout);
});

test('cli: smoke: dist bad input is one line on stderr, exit 2, no stack trace', async () => {
  const built = await spawnBuilt('validate', 'no-such-file.yaml');
  assert.is(built.code, 2);
  assert.is(built.stdout, '');
  assert.is(built.stderr, 'error: no-such-file.yaml: no such file or directory\n');
});

test('cli: smoke: check with 2 worker threads in another process gives the bytes of 1 worker here', async () => {
  // Comparing two runs inside one process only catches global state; a second process with
  // a different worker count also catches anything that depends on load order or threads.
  // 5 seeds cut every scenario into 4 chunks over the 2 threads (one chunk of 2 seeds, three
  // of 1), as 10 did; more seeds add CPU, not another way for the merge to go wrong.
  const args = ['check', 'scenarios', '--seeds', '5'];
  const running = spawnBuilt(...args, '--workers', '2', '-o', 'json');
  const inProcess = await runCli(...args, '--workers', '1', '-o', 'json');
  const built = await running;
  assert.is(built.code, inProcess.code, built.stderr);
  assert.ok(JSON.parse(built.stdout).runs >= 6 * 5, built.stdout.slice(0, 200));
  assert.is(built.stdout, inProcess.stdout);
});

test('cli: smoke: bad input with --workers 2 (threads started before the arguments are read) is one line, exit 2, at once', async () => {
  const runs = await Promise.all([
    spawnBuilt('check', 'no-such-file.yaml', '--workers', '2'),
    spawnBuilt('check', 'bench/simpy-equivalent.yaml', '--seeds', '0', '--workers=2'),
  ]);
  for (const built of runs) {
    assert.is(built.code, 2, built.stderr);
    assert.is(built.stdout, '');
    assert.is(built.stderr.trim().split('\n').length, 1, built.stderr);
  }
});

test('cli: smoke: Ctrl-C stops a check on worker threads: exit 130, the report not written', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-interrupt-'));
  const directory = path.join(parent, 'report');
  // The directory is made just before the first seed, when Ctrl-C is already being watched.
  // The file system tells when it is (watched before the process starts, so it is not
  // missed), instead of a look every 20 ms while the process runs seeds on three threads.
  const watcher = fs.watch(parent);
  const made = new Promise<void>((resolve) =>
    watcher.on('change', () => fs.existsSync(directory) && resolve()),
  );
  const child = spawn(
    process.execPath,
    [
      executable,
      'check',
      'scenarios/tep-0046-hello-world.scenario.yaml',
      '--seeds',
      '1000000',
    ].concat(['--workers', '2', '--report', directory]),
    { cwd: root, env: { ...process.env, NO_COLOR: '1', TEKTON_SIM_DEBUG: '' } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal)),
  );
  await Promise.race([made, exited]);
  watcher.close();
  child.kill('SIGINT');
  assert.is(await exited, 130, output);
  assert.match(output, /partial result: interrupted \(Ctrl-C\)|interrupted before the first seed/);
  // Nothing was written, so the directory the run made for the report is gone again.
  assert.not.ok(fs.existsSync(directory), output);
});

test('cli: smoke: with its code caches missing, damaged or in use, the executable and its worker threads print the same bytes', async () => {
  // A copy of the executable, so that its cache files are this test's own.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-code-cache-'));
  const cli = path.join(copy, 'dist', 'cli');
  fs.mkdirSync(cli, { recursive: true });
  for (const name of ['main.js', 'main-script.cjs', 'worker-main.js', 'worker-script.cjs'])
    fs.copyFileSync(path.join(root, 'dist', 'cli', name), path.join(cli, name));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(copy, 'package.json'));
  for (const name of ['node_modules', 'schema', path.join('dist', 'runner')])
    fs.symlinkSync(path.join(root, name), path.join(copy, name));
  const args = ['check', 'scenarios/tep-0046-hello-world.scenario.yaml', '--seeds', '20'];
  // With two workers the worker thread loads its code from worker-script.cjs.
  const spawnCopy = () => spawnNode([path.join(cli, 'main.js'), ...args, '--workers', '2']);
  const cacheOf = (script: string) => {
    const names = fs.readdirSync(cli).filter((name) => name.startsWith(`${script}.`));
    assert.equal(names.length, 2, `${script}: the script and the one cache the run wrote`);
    return path.join(cli, names.find((name) => name.endsWith('.cache')) ?? '');
  };

  const withoutCache = spawnCopy();
  const inProcess = await runCli(...args);
  const runs = [await withoutCache];
  // Both caches are damaged for the same run: each thread checks and writes its own script's
  // cache alone (script-loader.ts), so one run shows both written anew and the next shows both
  // left alone, with three processes instead of five (each about 0.3 s of CPU).
  const scripts = ['main-script', 'worker-script'];
  const cachePaths = scripts.map(cacheOf);
  const damaged = cachePaths.map((cachePath) => {
    const bytes = fs.readFileSync(cachePath);
    for (let at = Math.floor(bytes.length / 2); at < bytes.length; at += 7) bytes[at] ^= 0x5a;
    fs.writeFileSync(cachePath, bytes);
    return bytes;
  });
  runs.push(await spawnCopy());
  const rewritten = cachePaths.map((cachePath) => fs.readFileSync(cachePath));
  for (const [index, script] of scripts.entries())
    assert.not.equal(
      rewritten[index],
      damaged[index],
      `${script}: the damaged cache was written anew`,
    );
  runs.push(await spawnCopy());
  for (const [index, script] of scripts.entries())
    assert.equal(
      fs.readFileSync(cachePaths[index]),
      rewritten[index],
      `${script}: the cache in use was left alone`,
    );
  assert.equal(
    fs.readdirSync(cli).filter((name) => name.endsWith('.tmp')),
    [],
    'no temporary file left',
  );
  for (const run of runs) {
    assert.is(run.code, inProcess.code, run.stderr);
    assert.is(run.stdout, inProcess.stdout);
  }
});

test("cli: smoke: dist report --format html draws the charts with the chart packages' script as main() does", async () => {
  // The executable loads vega and vega-lite from a script of their own (scripts/bundle-cli.mjs);
  // in-process they are the packages' ES modules.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-charts-'));
  const args = ['report', 'test/fixtures/report/report.scenario.yaml', '--seeds', '5'];
  const options = ['--workers', '1', '--format', 'html', '--out'];
  const running = spawnBuilt(...args, ...options, path.join(folder, 'built'));
  const inProcess = await runCli(...args, ...options, path.join(folder, 'in-process'));
  const built = await running;
  assert.is(built.code, inProcess.code, built.stderr);
  const html = (name: string) => fs.readFileSync(path.join(folder, name, 'report.html'), 'utf8');
  assert.match(html('built'), /<svg/);
  assert.is(html('built'), html('in-process'));
});

// A failing standard output is a property of the process (main.ts listens on the real
// stream), so only a spawned executable can show it.
test('cli: output: a full device is one clear line and exit 2, not a stack trace', async () => {
  if (!fs.existsSync(FULL_DEVICE)) {
    console.log(`  (skipped: no ${FULL_DEVICE} on this system)`);
    return;
  }
  const commands = [
    ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml'],
    ['run', 'scenarios/tep-0046-4-timeouts-tasks.yaml', '-o', 'yaml'],
    ['validate', 'scenarios'],
  ];
  const finished = await Promise.all(
    commands.map((args) => spawnBuiltWritingTo(FULL_DEVICE, ...args)),
  );
  for (const { code, stderr } of finished) {
    assert.is(code, 2, stderr);
    assert.is(
      stderr,
      'tekton-sim: cannot write standard output: no space left on the device (ENOSPC)\n',
    );
  }
});

test('package: the exports map gives the built library (same names as src/index.ts) and main()', async () => {
  const source = await import('../../src/index.js');
  // Specifiers in variables: the type checker must not need dist/ to exist.
  const [library, cliEntry] = ['tekton-sim', 'tekton-sim/cli'];
  const built = (await import(library)) as Record<string, unknown>;
  assert.equal(Object.keys(built).sort(), Object.keys(source).sort());
  const cli = (await import(cliEntry)) as Record<string, unknown>;
  assert.type(cli.main, 'function');
});

test('cli: smoke: a check of a scenario loads none of the yaml, csv-stringify and re2js packages', async () => {
  // Each costs 10-45 ms of CPU to load; the fast YAML reader reads the scenario, its steps
  // compile no pattern, and nothing writes YAML or CSV unless asked. A resolve hook names every package file loaded.
  const hooks = `export async function resolve(specifier, context, next) {
    const resolved = await next(specifier, context);
    if (/node_modules\\/(yaml|csv-stringify|re2js)\\//.test(resolved.url)) process.stderr.write('loaded ' + resolved.url + '\\n');
    return resolved;
  }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const child = await spawnNode([
    '--import',
    `data:text/javascript,${encodeURIComponent(register)}`,
    executable,
    'check',
    'bench/simpy-equivalent.yaml',
    '--seeds',
    '20',
    '--workers',
    '1',
  ]);
  assert.is(child.code, 0, child.stderr);
  assert.not.match(child.stderr, /loaded /);
});
test.run();
