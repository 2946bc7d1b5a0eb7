// The CEL subset Tekton's `when: [{cel: ...}]` needs: the one entry point for everything
// outside src/cel/. compile.ts says what the subset holds.
export { type CelProgram, compileCel } from './compile.js';
export { CelError, type CelErrorKind } from './error.js';
export type { CelMapKey, CelValue } from './value.js';
