// The table-driven kernel: a scenario compiled once into flat tables, seeds run over typed
// arrays reused from seed to seed. Each scenario keeps its one runner (per thread), made the
// first time it is asked for.
import type { CompiledScenario } from '../workload/compile.js';
import { compileKernel } from './compile.js';
import { KernelRunner } from './run.js';

export { compileKernel, type Kernel, type KernelCompilation } from './compile.js';
export { KernelColumns } from './columns.js';
export { KernelRunner } from './run.js';

/** Which engine runs the seeds: the kernel where it is exact (auto), or always one of the two. */
export type EngineChoice = 'auto' | 'reference' | 'kernel';
export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'reference', 'kernel'];

const runners = new WeakMap<CompiledScenario, KernelRunner | string>();

/** The scenario's kernel runner, or the sentence saying why the kernel cannot run it. */
export function kernelRunnerFor(scenario: CompiledScenario): KernelRunner | string {
  let runner = runners.get(scenario);
  if (runner === undefined) {
    const compiled = compileKernel(scenario);
    runner = 'reason' in compiled ? compiled.reason : new KernelRunner(compiled.kernel);
    runners.set(scenario, runner);
  }
  return runner;
}
