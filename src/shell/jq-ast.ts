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
  | { kind: 'comma'; items: Node[] }
  | { kind: 'pipe' | 'alternative' | 'and' | 'or'; left: Node; right: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'negate'; operand: Node }
  | { kind: 'array'; body: Node | undefined }
  | { kind: 'object'; entries: { key: Node; value: Node }[] }
  | { kind: 'if'; condition: Node; then: Node; otherwise: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'variable'; name: string }
  | { kind: 'bind'; source: Node; name: string; body: Node };

/** The nodes directly under `node`. */
export function children(node: Node): Node[] {
  switch (node.kind) {
    case 'string':
      return node.parts.filter((part): part is Node => typeof part !== 'string');
    case 'index':
      return [node.target, node.key];
    case 'slice':
      return [node.target, node.from, node.to].filter((child) => child !== undefined);
    case 'iterate':
      return [node.target];
    case 'try':
      return [node.body];
    case 'comma':
      return node.items;
    case 'pipe':
    case 'alternative':
    case 'and':
    case 'or':
    case 'binary':
      return [node.left, node.right];
    case 'negate':
      return [node.operand];
    case 'array':
      return node.body ? [node.body] : [];
    case 'object':
      return node.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'if':
      return [node.condition, node.then, node.otherwise];
    case 'call':
      return node.args;
    case 'bind':
      return [node.source, node.body];
    default:
      return [];
  }
}

/** How many nodes the longest path from the root passes (without recursion). */
export function treeDepth(root: Node): number {
  let deepest = 0;
  const pending: [Node, number][] = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    deepest = Math.max(deepest, depth);
    for (const child of children(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}
