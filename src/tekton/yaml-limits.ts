// The bounds on what one YAML file may make the parser do: its size, how many documents it
// holds, how deep its collections nest and how far its aliases expand. Real Tekton files are
// far inside every bound; a file outside one is refused with a message naming that limit, so
// a hostile or broken file costs a few milliseconds instead of the stack, the heap or minutes.
import type { CST } from 'yaml';
import { MAX_FILE_SIZE_BYTES } from './files.js';
import { yamlPackage } from './yaml-package.js';

/** Collections inside collections; a PipelineRun with an embedded Pipeline and Task nests about 15. */
export const MAX_NESTING_DEPTH = 100;

/** Documents in one file; Tekton's own repositories hold at most a dozen per file. */
export const MAX_DOCUMENTS_PER_FILE = 1000;

/**
 * Nodes that aliases may stand for in one document (the `yaml` package's maxAliasCount):
 * Kubernetes files rarely use aliases, and the cap keeps a "billion laughs" document small.
 */
export const MAX_ALIAS_EXPANSIONS = 100;

export interface LimitProblem {
  message: string;
  /** Offset in the text where the limit was crossed. */
  offset: number;
}

export type TokenScan =
  | {
      tokens: CST.Token[];
      /** True when the text holds an alias (`*name`): only then can two values be one object. */
      aliases: boolean;
    }
  | { problem: LimitProblem };

/**
 * The concrete syntax tree of `text`, or the first limit it crosses. Lexing stops as soon as
 * flow collections nest too deep or the document past the limit is complete, because the
 * composer that turns tokens into nodes recurses once per level and would otherwise exhaust
 * the stack. Every document counts, an empty one too (a `---` at the end of a file starts one).
 */
export function scanYamlTokens(text: string, onNewLine: (offset: number) => void): TokenScan {
  const sizeBytes = Buffer.byteLength(text, 'utf8');
  if (sizeBytes > MAX_FILE_SIZE_BYTES) return { problem: sizeProblem(sizeBytes) };
  const yaml = yamlPackage();
  const parser = new yaml.Parser(onNewLine);
  const tokens: CST.Token[] = [];
  let offset = 0;
  let flowDepth = 0;
  let nextIsScalarText = false;
  let documentCount = 0;
  let aliases = false;
  /** Keeps the parser's tokens; a document past the limit is the problem, where it starts. */
  const keep = (produced: Iterable<CST.Token>): TokenScan | undefined => {
    for (const token of produced) {
      if (token.type === 'document' && ++documentCount > MAX_DOCUMENTS_PER_FILE)
        return { problem: documentsProblem(token.offset) };
      tokens.push(token);
    }
    return undefined;
  };
  onNewLine(0);
  for (const lexeme of new yaml.Lexer().lex(text)) {
    // The lexeme after a scalar marker is the scalar's raw text, where brackets are only text.
    const type: string | null = nextIsScalarText ? 'scalar-text' : yaml.CST.tokenType(lexeme);
    nextIsScalarText = type === 'scalar';
    if (type === 'alias') aliases = true;
    if (type === 'flow-map-start' || type === 'flow-seq-start') flowDepth += 1;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flowDepth -= 1;
    if (flowDepth > MAX_NESTING_DEPTH) return { problem: depthProblem(offset) };
    const overLimit = keep(parser.next(lexeme));
    if (overLimit) return overLimit;
    offset += lexeme.length;
  }
  // The parser hands over a document when the next one begins, so the last one comes only
  // now; it counts as much as the others (once left out, a file one over the limit was read).
  const overLimit = keep(parser.end());
  if (overLimit) return overLimit;
  for (const token of tokens) {
    const tooDeepOffset = offsetBeyondDepth(token);
    if (tooDeepOffset !== undefined) return { problem: depthProblem(tooDeepOffset) };
  }
  return { tokens, aliases };
}

/** The message for the `yaml` package's alias-count error, which names no limit. */
export function aliasLimitMessage(): string {
  return `aliases expand to more than ${MAX_ALIAS_EXPANSIONS} nodes in one document (the limit); write the values out instead`;
}

/** True for the `yaml` package's error about too many alias expansions. */
export function isAliasLimitError(error: unknown): boolean {
  return error instanceof ReferenceError && /alias count/i.test(error.message);
}

/**
 * Where a collection sits deeper than MAX_NESTING_DEPTH, walking the tree with an explicit
 * stack so that the check itself cannot overflow one.
 */
function offsetBeyondDepth(root: CST.Token): number | undefined {
  const { isCollection } = yamlPackage().CST;
  const pending: Array<[CST.Token, number]> = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [token, depth] = next;
    if (token.type === 'document') {
      if (token.value) pending.push([token.value, depth]);
      continue;
    }
    if (!isCollection(token)) continue;
    if (depth + 1 > MAX_NESTING_DEPTH) return token.offset;
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1]);
      if (item.value) pending.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

function sizeProblem(sizeBytes: number): LimitProblem {
  return {
    message: `YAML text is ${formatMebibytes(sizeBytes)}; the limit is ${formatMebibytes(MAX_FILE_SIZE_BYTES)} per file (a Kubernetes object cannot exceed about 1.5 MiB)`,
    offset: 0,
  };
}

function depthProblem(offset: number): LimitProblem {
  return {
    message: `YAML collections nest deeper than ${MAX_NESTING_DEPTH} levels (the limit); no Tekton resource nests that deep`,
    offset,
  };
}

function documentsProblem(offset: number): LimitProblem {
  return {
    message: `more than ${MAX_DOCUMENTS_PER_FILE} YAML documents in one file (the limit); split the file`,
    offset,
  };
}

function formatMebibytes(sizeBytes: number): string {
  return `${(sizeBytes / (1024 * 1024)).toFixed(1)} MiB`;
}
