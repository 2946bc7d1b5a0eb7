// Strings that repeat over many rows (reasons, task outcomes, PipelineRun names, the set of
// invariants a seed violated) kept once each; rows hold their small integer codes.
export class StringTable {
  private readonly codes = new Map<string, number>();
  readonly strings: string[] = [];

  constructor(strings: readonly string[] = []) {
    for (const text of strings) this.code(text);
  }

  code(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(text);
      this.codes.set(text, code);
    }
    return code;
  }

  /** The code of `text` if it was ever seen; -1 otherwise (so it matches no row). */
  find(text: string): number {
    return this.codes.get(text) ?? -1;
  }

  text(code: number): string | undefined {
    return Number.isNaN(code) ? undefined : this.strings[code];
  }

  /** Codes of `other` translated into this table, index by other's code. */
  absorb(other: StringTable): number[] {
    return other.strings.map((text) => this.code(text));
  }
}
