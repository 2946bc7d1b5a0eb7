// Output for queries of tools we do not simulate, where scripts only pass the answer on:
// `git rev-parse` prints a commit id that later steps record and check for being set. The
// tool stays "not simulated" (compiling warns about it); only its answer is stood in for,
// derived from the arguments so the same query gives the same id.

/** What the command prints, or undefined when we have no stand-in for it. */
export function standInOutput(name: string, argv: readonly string[]): string | undefined {
  if (name !== 'git') return undefined;
  const subcommand = argv.indexOf('rev-parse');
  if (subcommand < 0) return undefined;
  const operands = argv.slice(subcommand + 1);
  const short = operands.some((operand) => operand.startsWith('--short'));
  const refs = operands.filter((operand) => !operand.startsWith('-'));
  return (refs.length > 0 ? refs : ['HEAD'])
    .map((ref) => {
      const id = commitId(ref);
      return `${short ? id.slice(0, 7) : id}\n`;
    })
    .join('');
}

/** 40 hex digits from FNV-1a over the ref, five rounds with different seeds. */
function commitId(ref: string): string {
  let id = '';
  for (let round = 0; round < 5; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let index = 0; index < ref.length; index++) {
      hash ^= ref.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    id += hash.toString(16).padStart(8, '0');
  }
  return id;
}
