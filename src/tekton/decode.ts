// The typing step between YAML and the v1 types: what Kubernetes' and Tekton's Go JSON decoding
// does before any validation rule runs. A value of the wrong type (`retries: "3"`, `tasks: foo`)
// makes the API server refuse the whole object, so such a resource is reported and not loaded;
// everything downstream can then trust the shapes in types.ts. Only fields that types.ts names
// are checked; unknown fields pass through untouched for validation to warn about.

/** What a field must hold. `paramValue` is Tekton's string | string[] | map[string]string. */
export type Shape =
  | 'string'
  | 'integer'
  | 'paramValue'
  | 'any'
  | { list: Shape }
  | { mapOf: Shape }
  | { fields: Record<string, Shape> };

export interface DecodeProblem {
  /** Tekton-style field path, e.g. `spec.tasks[0].retries`. */
  fieldPath: string;
  message: string;
}

const PARAM: Shape = { fields: { name: 'string', value: 'paramValue' } };
const PARAMS: Shape = { list: PARAM };
const STRINGS: Shape = { list: 'string' };

const PARAM_SPEC: Shape = {
  fields: {
    name: 'string',
    type: 'string',
    description: 'string',
    default: 'paramValue',
    enum: STRINGS,
    properties: { mapOf: { fields: { type: 'string' } } },
  },
};

const OBJECT_REF: Shape = {
  fields: {
    name: 'string',
    kind: 'string',
    apiVersion: 'string',
    resolver: 'string',
    bundle: 'string',
    params: PARAMS,
  },
};

const STEP: Shape = {
  fields: {
    name: 'string',
    image: 'string',
    script: 'string',
    command: STRINGS,
    args: STRINGS,
    onError: 'string',
    timeout: 'string',
    ref: { fields: { name: 'string', resolver: 'string', params: PARAMS } },
    params: PARAMS,
    results: { list: { fields: { name: 'string', type: 'string', description: 'string' } } },
    workingDir: 'string',
    workspaces: { list: 'any' },
  },
};

/** A StepAction's spec: the container fields a step takes from it, its params and results. */
export const STEP_ACTION_SPEC: Shape = {
  fields: {
    description: 'string',
    image: 'string',
    command: STRINGS,
    args: STRINGS,
    script: 'string',
    workingDir: 'string',
    params: { list: PARAM_SPEC },
    results: { list: { fields: { name: 'string', type: 'string', description: 'string' } } },
  },
};

const TASK_SPEC: Shape = {
  fields: {
    params: { list: PARAM_SPEC },
    results: { list: { fields: { name: 'string', type: 'string', description: 'string' } } },
    steps: { list: STEP },
    sidecars: { list: STEP },
    workspaces: { list: 'any' },
    description: 'string',
    apiVersion: 'string',
    kind: 'string',
  },
};

const WHEN_EXPRESSION: Shape = {
  fields: { input: 'string', operator: 'string', values: STRINGS, cel: 'string' },
};

// Pipelines nest (pipeline tasks may embed a pipelineSpec), so the task shape is filled in below.
const PIPELINE_TASK_FIELDS: Record<string, Shape> = {};
const PIPELINE_TASK: Shape = { fields: PIPELINE_TASK_FIELDS };

const PIPELINE_SPEC: Shape = {
  fields: {
    displayName: 'string',
    description: 'string',
    params: { list: PARAM_SPEC },
    tasks: { list: PIPELINE_TASK },
    finally: { list: PIPELINE_TASK },
    results: {
      list: {
        fields: { name: 'string', type: 'string', description: 'string', value: 'paramValue' },
      },
    },
    workspaces: { list: 'any' },
  },
};

Object.assign(PIPELINE_TASK_FIELDS, {
  name: 'string',
  displayName: 'string',
  description: 'string',
  taskRef: OBJECT_REF,
  taskSpec: TASK_SPEC,
  pipelineRef: OBJECT_REF,
  pipelineSpec: PIPELINE_SPEC,
  runAfter: STRINGS,
  params: PARAMS,
  when: { list: WHEN_EXPRESSION },
  retries: 'integer',
  timeout: 'string',
  matrix: {
    fields: { params: PARAMS, include: { list: { fields: { name: 'string', params: PARAMS } } } },
  },
  onError: 'string',
  workspaces: { list: 'any' },
  runIf: STRINGS,
} satisfies Record<string, Shape>);

const PIPELINE_RUN_SPEC: Shape = {
  fields: {
    pipelineRef: OBJECT_REF,
    pipelineSpec: PIPELINE_SPEC,
    params: PARAMS,
    status: 'string',
    timeouts: { fields: { pipeline: 'string', tasks: 'string', finally: 'string' } },
    taskRunSpecs: {
      list: {
        fields: { pipelineTaskName: 'string', timeout: 'string', serviceAccountName: 'string' },
      },
    },
    taskRunTemplate: { fields: { serviceAccountName: 'string' } },
    workspaces: { list: 'any' },
    managedBy: 'string',
  },
};

const TASK_RUN_SPEC: Shape = {
  fields: {
    params: PARAMS,
    serviceAccountName: 'string',
    taskRef: OBJECT_REF,
    taskSpec: TASK_SPEC,
    status: 'string',
    statusMessage: 'string',
    retries: 'integer',
    timeout: 'string',
    workspaces: { list: 'any' },
    stepSpecs: { list: 'any' },
    sidecarSpecs: { list: 'any' },
    managedBy: 'string',
  },
};

export const METADATA_SHAPE: Shape = {
  fields: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    uid: 'string',
    labels: { mapOf: 'string' },
    annotations: { mapOf: 'string' },
  },
};

export const SPEC_SHAPES = {
  Pipeline: PIPELINE_SPEC,
  PipelineRun: PIPELINE_RUN_SPEC,
  Task: TASK_SPEC,
  TaskRun: TASK_RUN_SPEC,
} as const;

/**
 * Checks `value` (at `fieldPath`) against `shape`, normalising in place as Go's decoding does:
 * a null field is the same as an absent one (removed), and a param value that is not a string,
 * a list of strings or a mapping of strings becomes text, as Tekton's ParamValue decoder does.
 * Returns the value to keep (possibly normalised) and appends problems found.
 */
export function decodeValue(
  value: unknown,
  shape: Shape,
  fieldPath: string,
  problems: DecodeProblem[],
): unknown {
  if (shape === 'any') return value;
  if (shape === 'string') {
    if (typeof value !== 'string') problems.push(mismatch(fieldPath, 'a string', value));
    return value;
  }
  if (shape === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value))
      problems.push(mismatch(fieldPath, 'an integer', value));
    // Go's int holds up to 2^63 - 1 and refuses more when decoding; JavaScript holds integers
    // exactly only below 2^53, so that is the largest a simulated count (retries) can be.
    else if (!Number.isSafeInteger(value))
      problems.push(
        mismatch(fieldPath, `an integer from -${MAX_SAFE} to ${MAX_SAFE} (2^53 - 1)`, value),
      );
    return value;
  }
  if (shape === 'paramValue') return decodeParamValue(value);
  if ('list' in shape) {
    if (!Array.isArray(value)) {
      problems.push(mismatch(fieldPath, 'a list', value));
      return value;
    }
    for (let index = 0; index < value.length; index += 1) {
      value[index] = decodeValue(
        nullToEmpty(value[index], shape.list),
        shape.list,
        `${fieldPath}[${index}]`,
        problems,
      );
    }
    return value;
  }
  if (!isPlainObject(value)) {
    problems.push(mismatch(fieldPath, 'a mapping', value));
    return value;
  }
  for (const key of Object.keys(value)) {
    // Own keys only: a YAML key such as `__proto__` must not find Object.prototype.
    const fieldShape =
      'mapOf' in shape
        ? shape.mapOf
        : Object.hasOwn(shape.fields, key)
          ? shape.fields[key]
          : undefined;
    if (fieldShape === undefined) continue;
    if (value[key] === null && fieldShape !== 'paramValue') {
      delete value[key];
      continue;
    }
    value[key] = decodeValue(value[key], fieldShape, `${fieldPath}.${key}`, problems);
  }
  return value;
}

/**
 * Tekton's ParamValue decoder never fails: a list of strings is an array, a mapping of strings
 * an object, a JSON string its text, and anything else (a number, a boolean, a list of
 * mappings) becomes a string holding its JSON text.
 */
function decodeParamValue(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  if (isPlainObject(value) && Object.values(value).every((item) => typeof item === 'string'))
    return value;
  return goJsonText(value);
}

/** JSON as Go's encoding/json writes it: sorted map keys, HTML characters escaped. */
export function goJsonText(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (isPlainObject(item)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(item).sort()) sorted[key] = sortKeys(item[key]);
      return sorted;
    }
    return item;
  };
  return JSON.stringify(sortKeys(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// A null list item decodes in Go to the element type's zero value.
function nullToEmpty(item: unknown, shape: Shape): unknown {
  if (item !== null) return item;
  if (shape === 'string' || shape === 'paramValue') return '';
  if (typeof shape === 'object' && 'fields' in shape) return {};
  return item;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function mismatch(fieldPath: string, expected: string, value: unknown): DecodeProblem {
  return { fieldPath, message: `expected ${expected}, got ${describeValue(value)}` };
}

/** `a string "x"`, `a list`, `a mapping`, `the number 3`: how a YAML value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `a string "${value.length > 40 ? value.slice(0, 37) + '...' : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
