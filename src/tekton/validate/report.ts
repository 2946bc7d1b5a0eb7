// Field paths and the collector of validation diagnostics. A Tekton field path (the text in
// its messages, e.g. `spec.tasks[0].params[image].value`) is not always a YAML path: Tekton
// names params by key, the file holds them by index. Both are built together here so every
// message can say what Tekton says and still point at the line the user wrote.
import type { Diagnostic, Severity } from '../diagnostics.js';
import { parseFieldPath, type TektonResource, type YamlPath } from '../resource.js';

export class FieldPath {
  private constructor(
    /** Tekton's spelling, e.g. `spec.finally[1].params[p].value`. */
    readonly text: string,
    /** Where the node sits in the YAML document. */
    readonly yaml: YamlPath,
  ) {}

  static parse(text: string): FieldPath {
    return new FieldPath(text, parseFieldPath(text));
  }

  child(name: string): FieldPath {
    return new FieldPath(this.text ? `${this.text}.${name}` : name, [...this.yaml, name]);
  }

  index(position: number): FieldPath {
    return new FieldPath(`${this.text}[${position}]`, [...this.yaml, position]);
  }

  /** Tekton's `params[name]` form, for a list item found at `position` in the file. */
  keyed(listName: string, key: string, position: number): FieldPath {
    const text = `${this.text ? `${this.text}.` : ''}${listName}[${key}]`;
    return new FieldPath(text, [...this.yaml, listName, position]);
  }

  /** The same Tekton text pointing somewhere else in the file (Tekton's name for a key differs). */
  spelled(text: string): FieldPath {
    return new FieldPath(text, this.yaml);
  }
}

/** Collects the diagnostics of one resource, each located in the file it came from. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly resource: TektonResource) {}

  /**
   * A v1beta1 resource is validated by v1beta1's webhook code, whose messages differ in places
   * (e.g. step scripts name the unknown variable).
   */
  get isV1beta1(): boolean {
    return this.resource.originalApiVersion === 'tekton.dev/v1beta1';
  }

  /**
   * Tekton's FieldError: one message and its paths (Tekton prints several paths joined by
   * ", "). `at` is where to point in the file when the first path is not the best place (or
   * when Tekton gives no path at all).
   */
  error(
    message: string,
    paths: FieldPath | readonly FieldPath[],
    at?: FieldPath,
    details?: string,
  ): void {
    this.add('error', message, paths, at, details);
  }

  warning(message: string, paths: FieldPath | readonly FieldPath[], at?: FieldPath): void {
    this.add('warning', message, paths, at);
  }

  /** How many diagnostics have been reported, for `discardSince`. */
  mark(): number {
    return this.diagnostics.length;
  }

  /** Forgets what was reported after `mark`: for Go code that returns one error alone. */
  discardSince(mark: number): void {
    this.diagnostics.splice(mark);
  }

  private add(
    severity: Severity,
    message: string,
    pathOrPaths: FieldPath | readonly FieldPath[],
    at: FieldPath | undefined,
    details?: string,
  ): void {
    const paths = pathOrPaths instanceof FieldPath ? [pathOrPaths] : pathOrPaths;
    const anchor = at ?? paths[0];
    const diagnostic: Diagnostic = {
      severity,
      message,
      resource: `${this.resource.kind}/${this.resource.metadata?.name ?? ''}`,
    };
    if (paths.length > 0) diagnostic.fieldPath = paths.map((path) => path.text).join(', ');
    if (anchor) diagnostic.location = this.locate(anchor);
    if (details) diagnostic.details = details;
    this.diagnostics.push(diagnostic);
  }

  /**
   * The diagnostics as knative's FieldError.Error() prints them: errors with the same message
   * and details are one error whose paths are all of theirs, sorted (byte order, as Go's
   * sort of strings). The merged error keeps the place of the first one reported.
   */
  merged(): Diagnostic[] {
    const result: Diagnostic[] = [];
    const byKey = new Map<string, { diagnostic: Diagnostic; paths: string[]; count: number }>();
    for (const diagnostic of this.diagnostics) {
      if (diagnostic.severity !== 'error' || diagnostic.fieldPath === undefined) {
        result.push(diagnostic);
        continue;
      }
      const key = JSON.stringify([diagnostic.message, diagnostic.details ?? '']);
      const paths = diagnostic.fieldPath.split(', ');
      const earlier = byKey.get(key);
      if (earlier) {
        // mergePaths: a path already there is not repeated.
        for (const path of paths) if (!earlier.paths.includes(path)) earlier.paths.push(path);
        earlier.count += 1;
        continue;
      }
      const copy = { ...diagnostic };
      byKey.set(key, { diagnostic: copy, paths, count: 1 });
      result.push(copy);
    }
    for (const { diagnostic, paths, count } of byKey.values()) {
      if (count > 1) diagnostic.fieldPath = paths.sort(byteOrder).join(', ');
    }
    return result;
  }

  private locate(path: FieldPath) {
    return this.resource.source.locate(writtenPath(this.resource.sourcePaths, path.yaml));
  }
}

/**
 * Where a v1 field was written. A converted v1beta1 resource records the fields conversion
 * moved (spec.timeouts.pipeline came from spec.timeout); the longest moved ancestor of `yaml`
 * decides, so the message points at the user's text.
 */
export function writtenPath(
  sourcePaths: Record<string, YamlPath> | undefined,
  yaml: YamlPath,
): YamlPath {
  if (!sourcePaths) return yaml;
  let best: { length: number; written: YamlPath } | undefined;
  for (const [moved, written] of Object.entries(sourcePaths)) {
    const movedYaml = parseFieldPath(moved);
    const isAncestor =
      movedYaml.length <= yaml.length && movedYaml.every((segment, i) => segment === yaml[i]);
    if (isAncestor && (!best || movedYaml.length > best.length)) {
      best = { length: movedYaml.length, written };
    }
  }
  return best ? [...best.written, ...yaml.slice(best.length)] : yaml;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
