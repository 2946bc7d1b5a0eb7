// Types of check-tree.mjs for the tests that import it.
export function treeProblems(
  stagedLines: readonly string[],
  linkTarget: (object: string) => string,
): string[];
