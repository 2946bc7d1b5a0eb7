// The tree of a jq program of the subset, as jq-parse.ts builds it and jq-eval.ts runs it.
import type { Json } from './jq-values.js';

export type Node =
  | { kind: 'identity' }
  | { kind: 'literal'; value: Json }
  | { kind: 'string'; parts: (string | Node)[] }
  | { kind: 'index'; target: Node; key: Node }
  | { kind: 'slice'; target: Node; from: Node | undefined; to: Node | undefined }
  | { kind: 'iterate'; target: Node }
  | { kind: 'try'; body: Node }
  | { kind: 'pipe' | 'comma' | 'alternative' | 'and' | 'or'; left: Node; right: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'negate'; operand: Node }
  | { kind: 'array'; body: Node | undefined }
  | { kind: 'object'; entries: { key: Node; value: Node }[] }
  | { kind: 'if'; condition: Node; then: Node; otherwise: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'variable'; name: string }
  | { kind: 'bind'; source: Node; name: string; body: Node };
