// Types of check-imports.mjs for the tests that import it.
export type ImportGraph = ReadonlyMap<string, readonly string[]>;
export function relativeImports(text: string): string[];
export function withoutComments(text: string): string;
export function readImportGraph(root: string, sourceDirectory?: string): Map<string, string[]>;
export function topFolder(file: string): string;
export function importProblems(graph: ImportGraph, modelFolder?: string): string[];
export function cycles(graph: ImportGraph): string[][];
