// Where the bench finds what it does not own: the built CLI, the SimPy baseline and the
// corpus, all relative to the project root; the baseline and corpus live beside the project
// and are never copied into it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
export const SIMPY_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'baselines', 'simpy');
export const CORPUS_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'corpus', 'tekton');
export const SIMPY_EQUIVALENT = path.join(PROJECT_ROOT, 'bench', 'simpy-equivalent.yaml');
/** Preloaded into a child to report each thread's CPU (figure 5). */
export const THREAD_CPU = path.join(PROJECT_ROOT, 'bench', 'thread-cpu.cjs');
export const COMPILER_PERF = path.join(
  CORPUS_DIR,
  'kubeflow__kfp-tekton',
  'sdk__python__tests__compiler__testdata__compiler_perf.yaml',
);
export const PYTHON = '/usr/bin/python3';

export function present(file: string): boolean {
  return existsSync(file);
}
