// The executable starts a command's worker threads before it reads its arguments with yargs;
// it asks for them only when a seed-running command names a count it will accept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { warmUpFileOf, workerThreadsWanted } from '../../src/cli/early-workers.js';
import { MAX_WORKERS } from '../../src/runner/threads.js';

test('cli: early workers: --workers N of check, report and compare wants N-1 threads', () => {
  assert.is(workerThreadsWanted(['check', 'a.yaml', '--workers', '2']), 1);
  assert.is(workerThreadsWanted(['report', '--workers=3', 'a.yaml']), 2);
  assert.is(workerThreadsWanted(['compare', 'a.yaml', 'b.yaml', '--workers', '4']), 3);
  // The last one given counts, as yargs takes it.
  assert.is(workerThreadsWanted(['check', '--workers', '3', 'a.yaml', '--workers', '2']), 1);
});

test('cli: early workers: none for other commands, one worker, no count, or a count refused later', () => {
  for (const args of [
    ['run', 'a.yaml', '--workers', '2'],
    ['check', 'a.yaml'],
    ['check', 'a.yaml', '--workers', '1'],
    ['check', 'a.yaml', '--workers', '0'],
    ['check', 'a.yaml', '--workers', '2.5'],
    ['check', 'a.yaml', '--workers', 'two'],
    ['check', 'a.yaml', '--workers'],
    ['check', 'a.yaml', '--workers', String(MAX_WORKERS + 1)],
    [],
  ])
    assert.is(workerThreadsWanted(args), 0, args.join(' '));
});

test('cli: early workers: the threads warm up on the first YAML file named, if any', () => {
  assert.is(warmUpFileOf(['check', 'a.yaml', 'b.yml', '--workers', '2']), 'a.yaml');
  assert.is(warmUpFileOf(['compare', '--seeds', '10', 'dir/A.YML', '--workers=2']), 'dir/A.YML');
  assert.is(warmUpFileOf(['check', 'scenarios', '--workers', '2']), undefined);
  assert.is(warmUpFileOf(['check.yaml']), undefined, 'not the command');
});

test.run();
