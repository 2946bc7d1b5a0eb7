// Where a field of an overridden resource was written. A Scenario's overrides are merged into
// the PipelineRun (or its Pipeline) before validation, so Tekton's rules judge the merged
// resource; its errors must still point at what the user wrote: the override's own line when
// the override wrote the field, the resource's line otherwise.
import type { SourceDocument, YamlPath } from '../tekton/resource.js';
import type { SchemaPath } from './field-path.js';

/** One merge patch: applied at `at` in the resource, written at `written` in the Scenario. */
export interface PatchSite {
  at: YamlPath;
  patch: unknown;
  written: SchemaPath;
}

/**
 * `base` with the fields the patches wrote located in the Scenario; sites are tried in order,
 * so a deeper site (a task's override) goes before the one that holds it (the pipeline's).
 */
export function patchedSource(
  base: SourceDocument,
  scenario: SourceDocument,
  sites: readonly PatchSite[],
): SourceDocument {
  if (sites.length === 0) return base;
  return {
    file: base.file,
    documentIndex: base.documentIndex,
    locate(path) {
      const written = writtenAt(sites, path);
      return written ? scenario.locate(written) : base.locate(path);
    },
  };
}

/** Where in the Scenario the value at `path` of the resource was written; undefined: not there. */
export function writtenAt(sites: readonly PatchSite[], path: YamlPath): SchemaPath | undefined {
  for (const site of sites) {
    const rest = pathWithin(path, site.at);
    if (rest && wrote(site.patch, rest)) return [...site.written, ...rest];
  }
  return undefined;
}

/** The rest of `path` below `prefix`, or undefined when it is not below it. */
function pathWithin(path: YamlPath, prefix: YamlPath): YamlPath | undefined {
  if (path.length <= prefix.length) return undefined;
  for (let index = 0; index < prefix.length; index++)
    if (path[index] !== prefix[index]) return undefined;
  return path.slice(prefix.length);
}

/**
 * Whether the merge patch decided the value at `rest`: maps merge, so a key the patch does not
 * name keeps the resource's value; a list or scalar in the patch replaces all below it.
 */
function wrote(patch: unknown, rest: YamlPath): boolean {
  let node = patch;
  for (const segment of rest) {
    if (!isPlainObject(node)) return true;
    if (!Object.hasOwn(node, String(segment))) return false;
    node = node[String(segment)];
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
