// re2js, loaded the first time a pattern is compiled (a CEL matches(), a step script's
// `[[ =~ ]]`, `grep` or `sed`): every command loads the CEL and shell modules, few compile a
// pattern, and loading the package costs about 13 ms of CPU. Node resolves it to its
// CommonJS build, the one instance every caller sees (so `instanceof` holds across them).
// cel/ and shell/ each keep a copy of this loader: neither may import the simulator's files.
import { createRequire } from 'node:module';

type Re2Package = typeof import('re2js');

let loaded: Re2Package | undefined;

export function re2Package(): Re2Package {
  loaded ??= createRequire(import.meta.url)('re2js') as Re2Package;
  return loaded;
}
