// The package version, read from package.json two levels up from both src/cli and dist/cli.
import fs from 'node:fs';

export function packageVersion(): string {
  const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
