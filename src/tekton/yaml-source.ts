// YAML text to plain JavaScript values, keeping the parsed node tree so that any field of any
// document can later be located as file:line:column. This is the only file that knows the
// `yaml` package's node API; everything after it works on plain values and SourceDocuments.
import type { Document, Node, Scalar } from 'yaml';
import type { Diagnostic, SourceLocation } from './diagnostics.js';
import type { SourceDocument, YamlPath } from './resource.js';
import { type FastYaml, readFastYaml } from './yaml-fast-path.js';
import { yamlPackage } from './yaml-package.js';
import {
  aliasLimitMessage,
  isAliasLimitError,
  MAX_ALIAS_EXPANSIONS,
  scanYamlTokens,
} from './yaml-limits.js';

export interface ParsedDocument {
  /** 0-based index of the document in the file. */
  index: number;
  /** The document as plain JavaScript (strings, numbers, booleans, null, arrays, objects). */
  value: unknown;
  /** True for a document with no content: only comments, a bare `---`, or an explicit null. */
  empty: boolean;
  /**
   * True when no part of `value` is shared with another document or another part of this one
   * (there are no YAML aliases), so whoever loads it may change it in place without a copy.
   */
  unshared: boolean;
  source: SourceDocument;
}

export interface ParsedYaml {
  documents: ParsedDocument[];
  /** Syntax errors (the file cannot be used) and parser warnings, each with a position. */
  diagnostics: Diagnostic[];
}

// A file with hundreds of syntax errors is one problem as far as the user is concerned; the
// first few say where to look and the rest would only scroll them away.
const MAX_SYNTAX_ERRORS_PER_FILE = 10;

/** Parses every document of a YAML stream. Never throws on bad input; problems become diagnostics. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const fast = readFastYaml(text);
  return fast ? fromFastPath(fast, file) : parseWithYamlPackage(text, file);
}

/** What the fast reader found, in the shape the `yaml` package's path gives. */
export function fromFastPath(fast: FastYaml, file: string): ParsedYaml {
  const positionOf = (offset: number): SourceLocation => {
    const line = lineOf(fast.lineStarts, offset);
    return { file, line: line + 1, column: offset - fast.lineStarts[line] + 1 };
  };
  const documents = fast.documents.map(
    (document, index): ParsedDocument => ({
      index,
      value: document.value,
      empty: document.value === null,
      unshared: true,
      source: {
        file,
        documentIndex: index,
        locate: (path) => positionOf(document.locateOffset(path)),
      },
    }),
  );
  return { documents, diagnostics: [] };
}

/** The 0-based line holding `offset`: the last line that starts at or before it. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The `yaml` package's reading of `text`: what parseYaml gives when the fast path gives up. */
export function parseWithYamlPackage(text: string, file: string): ParsedYaml {
  const { Composer, LineCounter } = yamlPackage();
  const lineCounter = new LineCounter();
  const positionOf = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const scan = scanYamlTokens(text, lineCounter.addNewLine);
  if ('problem' in scan) {
    const { message, offset } = scan.problem;
    return {
      documents: [],
      diagnostics: [{ severity: 'error', message, location: positionOf(offset) }],
    };
  }
  // YAML 1.2 core schema as the yaml package defaults to, plus `<<` merge keys, which the Go
  // YAML library behind kubectl also accepts. Duplicate keys stay errors: kubectl rejects them.
  // logLevel 'error' keeps the library from printing process warnings of its own on stderr.
  const composer = new Composer({ merge: true, logLevel: 'error' });
  const streamDocuments: Document.Parsed[] = Array.from(composer.compose(scan.tokens));

  const diagnostics: Diagnostic[] = [];
  let errorCount = 0;
  for (const document of streamDocuments) {
    for (const error of document.errors) {
      errorCount += 1;
      if (errorCount > MAX_SYNTAX_ERRORS_PER_FILE) continue;
      diagnostics.push({
        severity: 'error',
        message: `YAML syntax error: ${error.message}`,
        location: positionOf(error.pos[0]),
      });
    }
    for (const warning of document.warnings) {
      diagnostics.push({
        severity: 'warning',
        message: `YAML: ${warning.message}`,
        location: positionOf(warning.pos[0]),
      });
    }
  }
  if (errorCount > MAX_SYNTAX_ERRORS_PER_FILE) {
    diagnostics.push({
      severity: 'error',
      message: `${errorCount - MAX_SYNTAX_ERRORS_PER_FILE} more YAML syntax errors not shown`,
      location: { file, line: 1, column: 1 },
    });
  }
  if (errorCount > 0) return { documents: [], diagnostics };

  const conversionErrors: Diagnostic[] = [];
  const documents = streamDocuments.map((document, index): ParsedDocument => {
    let value: unknown = null;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      // Raised while building values, not while parsing: an undefined alias, a merge of a
      // non-mapping, too many aliases (a "billion laughs" document).
      const reason = isAliasLimitError(error)
        ? aliasLimitMessage()
        : error instanceof Error
          ? error.message
          : String(error);
      conversionErrors.push({
        severity: 'error',
        message: `YAML error: ${reason}`,
        location: positionOf(startOf(document.contents) ?? 0),
      });
    }
    return {
      index,
      value,
      empty: value === null || value === undefined,
      // The package makes every value anew except where an alias names an anchored node (a
      // merge key's map is copied in entry by entry), so without aliases nothing is shared
      // and the loader need not copy the document before changing it.
      unshared: !scan.aliases,
      source: {
        file,
        documentIndex: index,
        locate: (path) => positionOf(locateOffset(document, path)),
      },
    };
  });
  if (conversionErrors.length > 0)
    return { documents: [], diagnostics: [...diagnostics, ...conversionErrors] };
  return { documents, diagnostics };
}

/**
 * A view of part of a document as if it were a document of its own: a kubectl `List` item is
 * located through `items[i]`, so its fields keep the line numbers of the file.
 */
export function nestedSource(source: SourceDocument, prefix: YamlPath): SourceDocument {
  return {
    file: source.file,
    documentIndex: source.documentIndex,
    locate: (path) => source.locate([...prefix, ...path]),
  };
}

/**
 * Offset of the node at `path`, or of the nearest ancestor that exists. A mapping entry is
 * located at its key (`timeout: 1h` points at `timeout`), which is where an editor should put
 * the cursor, and which also works when the value is empty or on the next lines.
 */
function locateOffset(document: Document.Parsed, path: YamlPath): number {
  const { isAlias, isMap, isScalar, isSeq } = yamlPackage();
  let node: unknown = document.contents;
  let offset = startOf(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    let next: unknown;
    let nextOffset: number | undefined;
    if (isMap(node)) {
      const pair = pairWithKey(node.items, String(segment), isScalar);
      if (!pair) break;
      next = pair.value;
      nextOffset = startOf(pair.key);
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      nextOffset = startOf(next);
    }
    if (nextOffset === undefined) break;
    node = next;
    offset = nextOffset;
  }
  return offset;
}

/**
 * The first pair whose key is a scalar written `key`. A loop with the wanted text made once:
 * every field of a file is located from the document's root, so this runs for each key
 * on the way, many times over for a large file.
 */
function pairWithKey<P extends { key: unknown }>(
  items: readonly P[],
  key: string,
  isScalar: (node: unknown) => node is Scalar,
): P | undefined {
  for (const item of items) {
    const itemKey = item.key;
    if (isScalar(itemKey) && String(itemKey.value) === key) return item;
  }
  return undefined;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
