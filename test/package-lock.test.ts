// `npm install` on a fresh clone must leave package-lock.json as committed: npm rewrites the
// lock's root entry whenever it disagrees with package.json (a stale bin path did exactly
// that), and the README's first command would then leave the clone dirty.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const MANIFEST_FIELDS_NPM_LOCKS = [
  'name',
  'version',
  'license',
  'bin',
  'engines',
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

test('package-lock: the root entry records package.json as npm would', () => {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Record<string, unknown>;
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
    name: string;
    version: string;
    packages: Record<string, Record<string, unknown>>;
  };
  assert.is(lock.name, manifest.name);
  assert.is(lock.version, manifest.version);
  const root = lock.packages[''];
  for (const field of MANIFEST_FIELDS_NPM_LOCKS)
    assert.equal(root[field], manifest[field], `packages[""].${field}`);
  // Every dependency is locked at a version.
  const declared = { ...(manifest.dependencies ?? {}), ...(manifest.devDependencies ?? {}) };
  for (const name of Object.keys(declared))
    assert.ok(lock.packages[`node_modules/${name}`]?.version, `node_modules/${name} is locked`);
});

test.run();
