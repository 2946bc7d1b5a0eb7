// Types of test-build.mjs for the tests that import it.
export const COMPILED_FOLDERS: readonly string[];
export function buildRootOf(root: string): string;
export function compiledPath(root: string, sourceFile: string, buildRoot?: string): string;
export function buildTests(root: string, buildRoot?: string): Promise<number>;
