// The names of the files a bench run keeps in reports/bench/: a Markdown and a JSON file per
// set of figures run (`latest` for all of them, `latest-1-2` for `--only 1,2`, `-quick` added
// for --quick), so that each file is the latest run of its set. A file named otherwise is not
// the bench's and would be a second "latest" beside the real one.

/** The file name without extension for a run of `only` (undefined: every figure). */
export function reportStem(only: readonly string[] | undefined, quick: boolean): string {
  const figures = only === undefined ? 'latest' : `latest-${[...only].sort().join('-')}`;
  return quick ? `${figures}-quick` : figures;
}

/** True for a name reportStem gives, with `.md` or `.json`. */
export function isReportFileName(name: string): boolean {
  const match = /^latest((?:-[1-6])*)(-quick)?\.(md|json)$/.exec(name);
  if (!match) return false;
  const figures = match[1] === '' ? undefined : match[1].slice(1).split('-');
  return `${reportStem(figures, match[2] !== undefined)}.${match[3]}` === name;
}
