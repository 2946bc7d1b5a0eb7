// The step-script interpreter: the one entry point for everything outside src/shell/.
// A step's `script` (or `command` + `args`) compiles once into a StepProgram; each run gives
// the step's duration, exit code and results in virtual time.
export {
  FileView,
  type Mount,
  normalisePath,
  type PathKind,
  type StepFileSource,
  Volume,
} from './files.js';
export type { StepOutcome, StepProgram, StepResult, StepRunOptions } from './program.js';
export { compileStep, type StepSource } from './step.js';
