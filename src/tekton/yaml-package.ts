// The `yaml` package, loaded the first time a file needs it: the fast reader
// (yaml-fast-path.ts) reads most Tekton files without it, and loading it costs about 45 ms
// of CPU, a tenth of a `tekton-sim run`. Node resolves the package to the same CommonJS build
// for `require` as for `import`, so this is the one instance every importer sees.
import { createRequire } from 'node:module';

type YamlPackage = typeof import('yaml');

let loaded: YamlPackage | undefined;

export function yamlPackage(): YamlPackage {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlPackage;
  return loaded;
}
