// Types of build-schema-verdict.mjs for the tests that import it.
export function verdictSource(root?: string): string;
export function explainerSource(root?: string, options?: { packed?: boolean }): string;
export function subschemaPointers(schema: object): string[];
export function staleGeneratedFiles(root?: string): string[];
