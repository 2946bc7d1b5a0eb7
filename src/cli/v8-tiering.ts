// Imported first by the executable (main.ts), before any other module runs. V8 optimises a
// function with TurboFan once it has run for an "interrupt budget" of bytecode (128 KB by
// default). A command of tekton-sim runs a great deal of code a few thousand times, once per
// task or seed, so V8 optimised hundreds of functions that then ran only briefly, and those
// compilations, on threads of their own, were a third of the CPU time of `tekton-sim run` of a
// 5,000-task pipeline. Four times the budget leaves that work to functions that stay hot:
// `run` of that pipeline 1.46 -> 1.03 s of CPU, `check` of 10,000 seeds 1.71 -> 1.61 s.
// Only the executable sets it: the library leaves its host's V8 as it finds it.
//
// `check` is the exception: its seeds now run on the table-driven kernel, a few small functions
// that every seed runs, which gain from being optimised early; with the default budget a check
// of bench/simpy-equivalent.yaml takes 2.16-2.30 instead of 2.30-2.34 s of CPU at 100,000
// seeds (runs alternated on a loaded machine), 0.88-0.91 instead of 0.93-0.95 s at 10,000.
import { createRequire } from 'node:module';

/** The V8 flags this process set (none for `check`); the code cache is kept per set of flags. */
export const V8_FLAGS_SET = process.argv[2] === 'check' ? '' : '--interrupt-budget=524288';
// node:v8 is loaded only to set flags: loading it (with the heap utilities it brings) cost
// `check`, which sets none, about 0.6 ms of CPU.
if (V8_FLAGS_SET !== '')
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(
    V8_FLAGS_SET,
  );
