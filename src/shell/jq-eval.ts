// Running a parsed jq program on one input: each node is a generator of outputs, as jq
// backtracks through them. Where jq 1.6 combines two streams the order is its own: a binary
// operator and a string's interpolations take the right side (the last interpolation) as the
// outer loop, `and`, `or`, `{...}` and `[a, b]` the left. Every node visited and every value
// iterated counts a step, an error caught ERROR_STEPS; past JQ_STEP_LIMIT the run stops with
// Bounded.
import { type Env, type Evaluation, callBuiltin } from './jq-builtins.js';
import type { Node } from './jq-ast.js';
import { arithmetic, index, iterate, slice } from './jq-ops.js';
import {
  Bounded,
  type Json,
  JqError,
  JQ_STEP_LIMIT,
  JQ_TEXT_LIMIT,
  compare,
  toJson,
  truthy,
} from './jq-values.js';

/** An error raised and caught (`?`, `//`) costs as much as this many steps. */
const ERROR_STEPS = 100;

export class Evaluator implements Evaluation {
  private steps = 0;

  charge(steps: number): void {
    this.steps += steps;
    if (this.steps > JQ_STEP_LIMIT) throw new Bounded();
  }

  *run(node: Node, input: Json, env: Env): Generator<Json> {
    this.charge(1);
    switch (node.kind) {
      case 'identity':
        yield input;
        return;
      case 'literal':
        yield node.value;
        return;
      case 'variable':
        yield env.get(node.name) ?? null;
        return;
      case 'string':
        yield* this.interpolate(node.parts, node.parts.length, input, env);
        return;
      case 'index':
        for (const target of this.run(node.target, input, env))
          for (const key of this.run(node.key, input, env)) yield index(target, key);
        return;
      case 'slice':
        for (const target of this.run(node.target, input, env))
          for (const to of this.optional(node.to, input, env))
            for (const from of this.optional(node.from, input, env)) yield slice(target, from, to);
        return;
      case 'iterate':
        for (const target of this.run(node.target, input, env))
          for (const item of iterate(target)) {
            this.charge(1);
            yield item;
          }
        return;
      case 'try':
        try {
          for (const value of this.run(node.body, input, env)) yield value;
        } catch (error) {
          if (!(error instanceof JqError)) throw error;
          this.charge(ERROR_STEPS);
        }
        return;
      case 'pipe':
        for (const value of this.run(node.left, input, env))
          yield* this.run(node.right, value, env);
        return;
      case 'comma':
        for (const item of node.items) yield* this.run(item, input, env);
        return;
      case 'alternative':
        yield* this.alternative(node.left, node.right, input, env);
        return;
      case 'and':
      case 'or':
        for (const left of this.run(node.left, input, env)) {
          if (truthy(left) === (node.kind === 'or')) {
            yield node.kind === 'or';
            continue;
          }
          for (const right of this.run(node.right, input, env)) yield truthy(right);
        }
        return;
      case 'binary':
        for (const right of this.run(node.right, input, env))
          for (const left of this.run(node.left, input, env))
            yield this.binary(node.op, left, right);
        return;
      case 'negate':
        for (const value of this.run(node.operand, input, env)) {
          if (typeof value !== 'number') throw new JqError(`${toJson(value)} cannot be negated`);
          yield -value;
        }
        return;
      case 'array': {
        const items: Json[] = [];
        if (node.body)
          for (const value of this.run(node.body, input, env)) {
            this.charge(1);
            items.push(value);
          }
        yield items;
        return;
      }
      case 'object':
        yield* this.object(node.entries, 0, new Map(), input, env);
        return;
      case 'if':
        for (const condition of this.run(node.condition, input, env))
          yield* this.run(truthy(condition) ? node.then : node.otherwise, input, env);
        return;
      case 'call':
        yield* callBuiltin(this, node.name, node.args, input, env);
        return;
      case 'bind':
        for (const value of this.run(node.source, input, env))
          yield* this.run(node.body, input, new Map(env).set(node.name, value));
        return;
    }
  }

  private *optional(node: Node | undefined, input: Json, env: Env): Generator<Json> {
    if (node === undefined) yield null;
    else yield* this.run(node, input, env);
  }

  /** `a // b`: a's outputs that are neither false nor null (its errors ignored), else b's. */
  private *alternative(left: Node, right: Node, input: Json, env: Env): Generator<Json> {
    let any = false;
    try {
      for (const value of this.run(left, input, env))
        if (truthy(value)) {
          any = true;
          yield value;
        }
    } catch (error) {
      if (!(error instanceof JqError)) throw error;
      this.charge(ERROR_STEPS);
    }
    if (!any) yield* this.run(right, input, env);
  }

  private binary(op: string, left: Json, right: Json): Json {
    switch (op) {
      case '==':
        return compare(left, right) === 0;
      case '!=':
        return compare(left, right) !== 0;
      case '<':
        return compare(left, right) < 0;
      case '<=':
        return compare(left, right) <= 0;
      case '>':
        return compare(left, right) > 0;
      case '>=':
        return compare(left, right) >= 0;
    }
    return arithmetic(op, left, right, (n) => this.charge(n));
  }

  /** The strings of parts[0..count), the last interpolation's outputs the outer loop. */
  private *interpolate(
    parts: readonly (string | Node)[],
    count: number,
    input: Json,
    env: Env,
  ): Generator<string> {
    if (count === 0) {
      yield '';
      return;
    }
    const part = parts[count - 1];
    if (typeof part === 'string') {
      for (const prefix of this.interpolate(parts, count - 1, input, env)) yield prefix + part;
      return;
    }
    for (const value of this.run(part, input, env)) {
      const text = typeof value === 'string' ? value : toJson(value);
      for (const prefix of this.interpolate(parts, count - 1, input, env)) {
        if (prefix.length + text.length > JQ_TEXT_LIMIT) throw new Bounded();
        this.charge(1);
        yield prefix + text;
      }
    }
  }

  /** The objects of entries[at..] added to `built`, the first entry's outputs outermost. */
  private *object(
    entries: readonly { key: Node; value: Node }[],
    at: number,
    built: Map<string, Json>,
    input: Json,
    env: Env,
  ): Generator<Json> {
    if (at === entries.length) {
      yield built;
      return;
    }
    for (const key of this.run(entries[at].key, input, env)) {
      if (typeof key !== 'string') throw new JqError(`Object keys must be strings`);
      for (const value of this.run(entries[at].value, input, env)) {
        this.charge(built.size + 1);
        yield* this.object(entries, at + 1, new Map(built).set(key, value), input, env);
      }
    }
  }
}
