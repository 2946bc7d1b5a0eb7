// csv-stringify, loaded the first time a CSV is written: `check` loads the report modules for
// its summary but writes CSV only when asked, and loading the package costs about 11 ms of
// CPU, a fiftieth of a `check` of 100,000 seeds. Node resolves it to its CommonJS build.
import { createRequire } from 'node:module';
import type { Input, Options } from 'csv-stringify/sync';

type CsvStringify = typeof import('csv-stringify/sync');

let loaded: CsvStringify | undefined;

/** csv-stringify's synchronous stringify(). */
export function stringify(input: Input, options?: Options): string {
  loaded ??= createRequire(import.meta.url)('csv-stringify/sync') as CsvStringify;
  return loaded.stringify(input, options);
}
