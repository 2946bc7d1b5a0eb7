// How Tekton's webhook reads `$(params.…)` references inside one string (its substitution
// package): the same regular expression, the same loose splitting of dotted names, and the
// same four checks (unknown name, wrong type, whole object, array not alone). Each check gives
// at most one message for the whole value, as Tekton's does, naming the value and not the
// reference. The quirks are Tekton's and are kept on purpose: the webhook's answer is what a
// user gets from `kubectl apply`.
import { ParamReferenceMessages } from '../../model/reasons.js';

// Any text up to the first `)`, optionally ending in `[*]`; `.` stops at a newline as Go's does.
const NAME = String.raw`[^\n]*?(\[\*\])?`;
// Only whole-array or whole-object references: `$(params.x[*])`, `$(params["x"][*])`.
const STAR_NAME = String.raw`[_a-zA-Z0-9.-]+\[\*\]`;
const ARRAY_INDEX = /\[([0-9])*\*?\]/g;

/**
 * Patterns by mode, name and prefix. Validation asks for the same few patterns once per string
 * field and per parameter (the prefix holds parameter names), and compiling one costs more
 * than matching it. Bounded, as the prefixes come from the user's files.
 */
const patterns = new Map<string, RegExp | undefined>();
const MAX_CACHED_PATTERNS = 1024;

/** Tekton's braceMatchingRegex around a prefix such as `params` or `params\.myObject`. */
function braceMatching(
  prefix: string,
  name: string,
  mode: 'every' | 'first' | 'whole',
): RegExp | undefined {
  const key = `${mode} ${name} ${prefix}`;
  if (patterns.has(key)) return patterns.get(key);
  if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
  const pattern = compileBraceMatching(prefix, name, mode);
  patterns.set(key, pattern);
  return pattern;
}

function compileBraceMatching(
  prefix: string,
  name: string,
  mode: 'every' | 'first' | 'whole',
): RegExp | undefined {
  const source = String.raw`(\$(\(${prefix}(\.(?<var1>${name})|\["(?<var2>${name})"\]|\['(?<var3>${name})'\])\)))`;
  try {
    if (mode === 'whole') return new RegExp(`^${source}$`);
    return new RegExp(source, mode === 'every' ? 'g' : '');
  } catch {
    // Tekton builds the pattern from a param name without escaping it; a name that does not
    // compile makes Tekton find no reference at all.
    return undefined;
  }
}

interface ExtractedVariables {
  /** The first dotted component (or the bracketed name) of each reference. */
  names: string[];
  /** Tekton's error for a reference with more than two dotted components. */
  error?: string;
}

/** ExtractVariablesFromString: undefined when `value` holds no reference with this prefix. */
function extractVariables(value: string, prefix: string): ExtractedVariables | undefined {
  // Every pattern here starts with `$(`; most strings hold none, and looking costs less than
  // finding the pattern.
  if (!value.includes('$(')) return undefined;
  const pattern = braceMatching(prefix, NAME, 'every');
  if (!pattern) return undefined;
  const matches = [...value.matchAll(pattern)];
  if (matches.length === 0) return undefined;
  const names: string[] = [];
  for (const match of matches) {
    const dotted = match.groups?.var1 ?? '';
    if (dotted.includes('.')) {
      if (dotted.split('.').length > 2) {
        return { names, error: ParamReferenceMessages.tooManyDotComponents(value, prefix) };
      }
      names.push(dotted.split('.', 1)[0] ?? '');
      continue;
    }
    names.push(dotted || match.groups?.var2 || match.groups?.var3 || '');
  }
  return { names };
}

/**
 * ValidateNoReferencesToUnknownVariables: every reference names one of `known`. `withDetail`
 * is its ...WithDetail twin, which names the unknown variable (v1beta1 uses it for scripts).
 */
export function unknownVariableError(
  value: string,
  prefix: string,
  known: ReadonlySet<string>,
  withDetail = false,
): string | undefined {
  const extracted = extractVariables(value, prefix);
  if (!extracted) return undefined;
  if (extracted.error) return extracted.error;
  for (const name of extracted.names) {
    const trimmed = name.replace(ARRAY_INDEX, '');
    if (!known.has(trimmed)) {
      return withDetail
        ? ParamReferenceMessages.nonExistentVariableDetail(trimmed, value)
        : ParamReferenceMessages.nonExistentVariable(value);
    }
  }
  return undefined;
}

/** ValidateNoReferencesToProhibitedVariables: no reference to an array (indexing is allowed). */
export function prohibitedVariableError(
  value: string,
  prefix: string,
  prohibited: ReadonlySet<string>,
): string | undefined {
  const extracted = extractVariables(value, prefix);
  if (!extracted) return undefined;
  if (extracted.error) return extracted.error;
  return extracted.names.some((name) => prohibited.has(withoutStar(name)))
    ? ParamReferenceMessages.variableTypeInvalid(value)
    : undefined;
}

/** ValidateNoReferencesToEntireProhibitedVariables: `$(params.obj)` but not `$(params.obj.key)`. */
export function entireProhibitedVariableError(
  value: string,
  prefix: string,
  prohibited: ReadonlySet<string>,
): string | undefined {
  if (!value.includes('$(')) return undefined;
  const pattern = braceMatching(prefix, NAME, 'every');
  if (!pattern) return undefined;
  for (const match of value.matchAll(pattern)) {
    const name = match.groups?.var1 || match.groups?.var2 || match.groups?.var3 || '';
    if (prohibited.has(withoutStar(name))) return ParamReferenceMessages.variableTypeInvalid(value);
  }
  return undefined;
}

/** ValidateVariableReferenceIsIsolated: an array reference must be the whole value. */
export function notIsolatedError(
  value: string,
  prefix: string,
  arrays: ReadonlySet<string>,
): string | undefined {
  const extracted = extractVariables(value, prefix);
  if (!extracted) return undefined;
  if (extracted.error) return extracted.error;
  const firstMatch = braceMatching(prefix, NAME, 'first')?.exec(value)?.[0] ?? '';
  const usesArray = extracted.names.some((name) => arrays.has(withoutStar(name)));
  return usesArray && value.length !== firstMatch.length
    ? ParamReferenceMessages.notProperlyIsolated(value)
    : undefined;
}

/** ValidateWholeArrayOrObjectRefInStringVariable's test: the value is exactly `$(params.x[*])`. */
export function isWholeStarReference(value: string, prefix: string): boolean {
  if (!value.startsWith('$(')) return false;
  return braceMatching(prefix, STAR_NAME, 'whole')?.test(value) ?? false;
}

function withoutStar(name: string): string {
  return name.endsWith('[*]') ? name.slice(0, -3) : name;
}
