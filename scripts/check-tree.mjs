#!/usr/bin/env node
// What the commit holds, checked before the tests run: no link to a place outside the
// repository (a worktree's `node_modules` link, which names a path of the machine it was made
// on, was once committed), and nothing under folders that are installed or built (node_modules,
// dist). Reads `git ls-files -s`; prints one line per problem and exits 1 when there is any.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders that are installed or built, never committed. */
const GENERATED_FOLDERS = ['node_modules', 'dist'];

/**
 * The problems of a tree given as `git ls-files -s` lines (mode, object, stage, path) and a
 * way to read a link's target by its object.
 */
export function treeProblems(stagedLines, linkTarget) {
  const problems = [];
  for (const line of stagedLines) {
    const match = /^(\d+) ([0-9a-f]+) \d+\t(.*)$/.exec(line);
    if (!match) continue;
    const [, mode, object, file] = match;
    const top = file.split('/')[0];
    if (GENERATED_FOLDERS.includes(top))
      problems.push(`${file}: under ${top}/, which is installed or built, never committed`);
    if (mode !== '120000') continue;
    const target = linkTarget(object);
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    if (path.posix.isAbsolute(target) || resolved.startsWith('..'))
      problems.push(`${file}: a link to ${target}, outside the repository`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  const problems = treeProblems(git('ls-files', '-s').split('\n'), (object) =>
    git('cat-file', 'blob', object),
  );
  for (const problem of problems) console.log(problem);
  console.log(`tree: ${problems.length} problem(s)`);
  process.exit(problems.length > 0 ? 1 : 0);
}
