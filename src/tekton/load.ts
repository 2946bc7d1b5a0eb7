// Files and YAML text to typed Tekton resources (always in v1 shape) plus the simulator's own
// documents. Problems with a whole file (missing, binary, malformed YAML, not Tekton) stop
// loading with an InputError listing every such problem; problems with one resource (a field
// of the wrong type, no name) are diagnostics in the LoadedSet, and that resource is left out,
// as the Kubernetes API server would refuse it.
import type { Diagnostic } from './diagnostics.js';
import { InputError } from './diagnostics.js';
import { convertV1beta1Spec, locateField } from './convert.js';
import type { DecodeProblem } from './decode.js';
import {
  decodeValue,
  describeValue,
  isPlainObject,
  METADATA_SHAPE,
  SPEC_SHAPES,
  STEP_ACTION_SPEC,
} from './decode.js';
import { decodeText, expandPaths, fileProblem, readTextFile } from './files.js';
import type {
  PipelineResource,
  PipelineRunResource,
  SourceDocument,
  StepActionResource,
  TaskResource,
  TaskRunResource,
  TektonResource,
  YamlPath,
} from './resource.js';
import type { ObjectMeta, StepActionSpec, TektonKind } from './types.js';
import { nestedSource, parseYaml } from './yaml-source.js';
import { EMPTY_FILE_MESSAGE, emptyFileError } from './empty-file.js';

/** A document of the simulator's own (apiVersion `tekton-sim...`), e.g. a Scenario. */
export interface ExtraDocument {
  apiVersion: string;
  kind: string;
  /** The document as plain JavaScript. */
  value: Record<string, unknown>;
  source: SourceDocument;
}

/** A Tekton document the API server would refuse to decode; reported, not loaded. */
export interface RejectedResource {
  kind: TektonKind;
  name?: string;
  source: SourceDocument;
}

export interface LoadedSet {
  /** Every file read, in load order. */
  files: string[];
  resources: TektonResource[];
  pipelines: PipelineResource[];
  pipelineRuns: PipelineRunResource[];
  tasks: TaskResource[];
  /** TaskRuns, which `run --taskrun` simulates on their own and `validate` checks. */
  taskRuns: TaskRunResource[];
  /**
   * StepActions (tekton.dev/v1alpha1 and v1beta1), which steps use by `ref.name`. Kept apart
   * from `resources`: nothing is run or validated as a resource of its own.
   */
  stepActions: StepActionResource[];
  extraDocuments: ExtraDocument[];
  /**
   * Data of the ConfigMaps and Secrets (v1) among the files, by `ConfigMap/name` or
   * `Secret/name`, Secret values decoded: what a workspace bound to one shows as files.
   */
  volumeSources: Map<string, Record<string, string>>;
  rejected: RejectedResource[];
  /** Notes (ignored documents, generateName), warnings and per-resource errors. */
  diagnostics: Diagnostic[];
}

export const TEKTON_API_VERSIONS = ['tekton.dev/v1', 'tekton.dev/v1beta1'] as const;
const TEKTON_KINDS: readonly string[] = [
  'Pipeline',
  'PipelineRun',
  'Task',
  'TaskRun',
] satisfies TektonKind[];
/** The versions Tekton v1.15 serves StepActions at (v1beta1 is stored, v1alpha1 converted). */
export const STEP_ACTION_API_VERSIONS = ['tekton.dev/v1alpha1', 'tekton.dev/v1beta1'] as const;
const SIMULATOR_API_PREFIX = 'tekton-sim';
const TOP_LEVEL_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

/**
 * The path that stands for standard input, and its name in messages. Users type `-`; the
 * command line hands it over as this name because yargs drops a lone `-` from positionals.
 */
export const STDIN_PATH = '<stdin>';

export interface LoadOptions {
  /** Reads standard input, for STDIN_PATH; without it that path is an ordinary file name. */
  readStdin?: () => Uint8Array;
}

/**
 * Loads files and directories (recursively, `.yaml`/`.yml`), and standard input for `-` when
 * a reader is given. Throws an InputError naming every file that cannot be used; otherwise
 * returns the resources of all files together.
 */
export function loadFiles(paths: readonly string[], options: LoadOptions = {}): LoadedSet {
  const set = emptySet();
  const readsStdin = options.readStdin !== undefined && paths.includes(STDIN_PATH);
  const { files, problems } = expandPaths(
    readsStdin ? paths.filter((given) => given !== STDIN_PATH) : paths,
  );
  const fatal = [...problems];
  if (readsStdin && options.readStdin) {
    const read = decodeText(options.readStdin(), STDIN_PATH);
    if ('problem' in read) fatal.push(read.problem);
    else {
      set.files.push(STDIN_PATH);
      fatal.push(...loadFileText(set, read.text, STDIN_PATH, true));
    }
  }
  for (const input of files) {
    const read = readTextFile(input.path);
    if ('problem' in read) {
      fatal.push(read.problem);
      continue;
    }
    set.files.push(input.path);
    fatal.push(...loadFileText(set, read.text, input.path, input.explicit));
  }
  // A directory the user named must contribute something, or they named the wrong one.
  for (const given of paths) {
    const fromHere = files.filter((input) => !input.explicit && input.from === given);
    if (
      fromHere.length === 0 ||
      fatal.some((problem) => fromHere.some((input) => mentions(problem, input.path)))
    ) {
      continue;
    }
    const contributed = [
      ...set.resources,
      ...set.stepActions,
      ...set.rejected,
      ...set.extraDocuments,
    ].some((item) => fromHere.some((input) => input.path === item.source.file));
    if (!contributed) {
      const which =
        fromHere.length === 1 ? 'the one YAML file' : `none of the ${fromHere.length} YAML files`;
      const verb = fromHere.length === 1 ? 'holds no' : 'holds a';
      fatal.push(
        fileProblem(
          given,
          `${which} in this directory ${verb} Tekton Pipeline, PipelineRun, Task or TaskRun`,
        ),
      );
    }
  }
  if (fatal.length > 0) throw new InputError(fatal);
  return set;
}

/** Loads YAML text as if read from `file` (which is only used in messages). */
export function loadText(text: string, file: string): LoadedSet {
  const set = emptySet();
  set.files.push(file);
  const fatal = text.includes('\0')
    ? [fileProblem(file, 'binary file (contains NUL bytes), not YAML text')]
    : [];
  if (fatal.length === 0) fatal.push(...loadFileText(set, text, file, true));
  if (fatal.length > 0) throw new InputError(fatal);
  return set;
}

/**
 * Adds one file's documents to `set`; returns the problems that make the file unusable.
 * A file found in a directory walk may hold other YAML (a kustomization, a config): if it
 * holds nothing for us it is skipped with a note. A file the user named must be ours.
 */
function loadFileText(set: LoadedSet, text: string, file: string, explicit: boolean): Diagnostic[] {
  const parsed = parseYaml(text, file);
  const syntaxErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (syntaxErrors.length > 0) return syntaxErrors;

  const fileSet = emptySet();
  fileSet.diagnostics.push(...parsed.diagnostics);
  const fatal: Diagnostic[] = [];
  const foreignKinds: string[] = [];
  const documents = parsed.documents.filter((document) => !document.empty);
  for (const document of documents) {
    if (!isPlainObject(document.value)) {
      fatal.push({
        severity: 'error',
        message: `document ${document.index + 1} is ${describeValue(document.value)}, not a mapping with apiVersion and kind`,
        location: document.source.locate([]),
      });
      continue;
    }
    loadDocument(fileSet, document.value, document.source, foreignKinds, document.unshared);
  }
  if (fatal.length > 0) return fatal;

  const start = { file, line: 1, column: 1 };
  if (documents.length === 0) {
    if (explicit) return [emptyFileError(file)];
    set.diagnostics.push({
      severity: 'note',
      message: `${EMPTY_FILE_MESSAGE}; skipped`,
      location: start,
    });
    return [];
  }
  const ours =
    fileSet.resources.length +
    fileSet.stepActions.length +
    fileSet.rejected.length +
    fileSet.extraDocuments.length;
  if (ours === 0) {
    const found = foreignKinds.length > 0 ? unique(foreignKinds).join(', ') : 'no kinds';
    const message = `not a Tekton file: no Pipeline, PipelineRun, Task or TaskRun of tekton.dev/v1 or tekton.dev/v1beta1 (found ${found})`;
    if (explicit) return [{ severity: 'error', message, location: start }];
    set.diagnostics.push({ severity: 'note', message: `${message}; skipped`, location: start });
    return [];
  }
  mergeInto(set, fileSet);
  return [];
}

function loadDocument(
  set: LoadedSet,
  value: Record<string, unknown>,
  source: SourceDocument,
  foreignKinds: string[],
  unshared: boolean,
): void {
  const { apiVersion, kind } = value;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
    // kubectl's `List` (and typed lists such as `PipelineList`): each item is a document.
    value.items.forEach((item, index) => {
      const itemSource = nestedSource(source, ['items', index]);
      if (isPlainObject(item)) loadDocument(set, item, itemSource, foreignKinds, unshared);
      else {
        set.diagnostics.push({
          severity: 'warning',
          message: `${kind} item ${index} is ${describeValue(item)}, not an object; ignored`,
          location: itemSource.locate([]),
        });
      }
    });
    return;
  }
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    foreignKinds.push('a document without apiVersion and kind');
    set.diagnostics.push({
      severity: 'warning',
      message: 'document has no apiVersion and kind, so it is not a Kubernetes object; ignored',
      location: source.locate([]),
    });
    return;
  }
  if (apiVersion.startsWith(SIMULATOR_API_PREFIX)) {
    set.extraDocuments.push({ apiVersion, kind, value, source });
    return;
  }
  const isTektonVersion = (TEKTON_API_VERSIONS as readonly string[]).includes(apiVersion);
  if (isTektonVersion && TEKTON_KINDS.includes(kind)) {
    // Each resource needs values of its own, as loading changes them in place: YAML aliases
    // may share objects between documents, so those are copied first.
    const own = unshared ? value : structuredClone(value);
    loadResource(set, own, kind as TektonKind, apiVersion, source);
    return;
  }
  if (
    kind === 'StepAction' &&
    (STEP_ACTION_API_VERSIONS as readonly string[]).includes(apiVersion)
  ) {
    loadStepAction(set, unshared ? value : structuredClone(value), apiVersion, source);
    return;
  }
  foreignKinds.push(`${kind} (${apiVersion})`);
  const volumeData = apiVersion === 'v1' ? volumeSourceData(kind, value) : undefined;
  if (volumeData) {
    const name = isPlainObject(value.metadata) ? String(value.metadata.name ?? '') : '';
    set.volumeSources.set(`${kind}/${name}`, volumeData);
  }
  set.diagnostics.push({
    severity: 'note',
    message: volumeData
      ? `${kind} (${apiVersion}) is not simulated itself; workspaces bound to it show its keys as files`
      : ignoredReason(kind, apiVersion),
    location: source.locate(['kind']),
  });
}

/** A ConfigMap's data, or a Secret's data decoded and stringData; undefined for other kinds. */
function volumeSourceData(
  kind: string,
  value: Record<string, unknown>,
): Record<string, string> | undefined {
  if (kind !== 'ConfigMap' && kind !== 'Secret') return undefined;
  const data: Record<string, string> = {};
  const strings = (field: unknown, decode: boolean) => {
    if (!isPlainObject(field)) return;
    for (const [key, entry] of Object.entries(field)) {
      if (typeof entry !== 'string') continue;
      data[key] = decode ? Buffer.from(entry, 'base64').toString('utf8') : entry;
    }
  };
  strings(value.data, kind === 'Secret');
  if (kind === 'Secret') strings(value.stringData, false);
  return data;
}

function ignoredReason(kind: string, apiVersion: string): string {
  if (kind === 'ClusterTask') {
    return 'ignored ClusterTask: ClusterTasks are deprecated and not loaded; taskRefs to them stay opaque';
  }
  if (kind === 'StepAction' && apiVersion.startsWith('tekton.dev/')) {
    return `ignored StepAction of ${apiVersion}: only tekton.dev/v1alpha1 and tekton.dev/v1beta1 are supported`;
  }
  if (apiVersion.startsWith('tekton.dev/') && TEKTON_KINDS.includes(kind)) {
    return `ignored ${kind} of ${apiVersion}: only tekton.dev/v1 and tekton.dev/v1beta1 are supported`;
  }
  return `ignored ${kind} (${apiVersion}): not a Pipeline, PipelineRun, Task, TaskRun or StepAction`;
}

function decodeMetadata(value: Record<string, unknown>, problems: DecodeProblem[]): ObjectMeta {
  return decodeValue(value.metadata ?? {}, METADATA_SHAPE, 'metadata', problems) as ObjectMeta;
}

/** The decoding problems of one resource, as errors at their places in its file. */
function reportProblems(
  set: LoadedSet,
  problems: readonly DecodeProblem[],
  located: Parameters<typeof locateField>[0],
  label: string,
): void {
  for (const problem of problems) {
    set.diagnostics.push({
      severity: 'error',
      message: problem.message,
      fieldPath: problem.fieldPath,
      location: locateField(located, problem.fieldPath),
      resource: label,
    });
  }
}

/**
 * A StepAction: its name and spec, decoded as the API server would; one of the wrong shape is
 * reported and left out, so a step that uses it finds it missing.
 */
function loadStepAction(
  set: LoadedSet,
  value: Record<string, unknown>,
  apiVersion: string,
  source: SourceDocument,
): void {
  const problems: DecodeProblem[] = [];
  const metadata = decodeMetadata(value, problems);
  const spec = decodeValue(value.spec ?? {}, STEP_ACTION_SPEC, 'spec', problems) as StepActionSpec;
  const name = resourceName('StepAction', metadata, problems);
  const label = `StepAction/${name ?? ''}`;
  if (problems.length > 0 || name === undefined) {
    reportProblems(set, problems, { source }, label);
    return;
  }
  set.stepActions.push({
    kind: 'StepAction',
    originalApiVersion: apiVersion,
    metadata: { ...metadata, name },
    spec,
    source,
  });
}

/** `value` becomes the resource's own: conversion and decoding change it in place. */
function loadResource(
  set: LoadedSet,
  value: Record<string, unknown>,
  kind: TektonKind,
  apiVersion: string,
  source: SourceDocument,
): void {
  const problems: DecodeProblem[] = [];
  const metadata = decodeMetadata(value, problems);
  let spec: unknown = value.spec ?? {};
  let sourcePaths: Record<string, YamlPath> = {};
  let timeoutAndTimeouts = false;
  let v1OnlyFields: ReturnType<typeof convertV1beta1Spec>['unknownFields'] = [];
  if (apiVersion === 'tekton.dev/v1beta1' && isPlainObject(spec)) {
    // The key of the resource's own taskSpec deprecations (a name not yet checked here).
    const ownName =
      typeof metadata.name === 'string' && metadata.name !== ''
        ? metadata.name
        : typeof metadata.generateName === 'string'
          ? metadata.generateName.replace(/-+$/, '')
          : '';
    const converted = convertV1beta1Spec(kind, spec, ownName);
    spec = converted.spec;
    sourcePaths = converted.sourcePaths;
    timeoutAndTimeouts = converted.timeoutAndTimeouts;
    v1OnlyFields = converted.unknownFields;
    // What v1 cannot hold, ConvertTo keeps in annotations of the object converted.
    if (Object.keys(converted.annotations).length > 0)
      metadata.annotations = { ...metadata.annotations, ...converted.annotations };
  }
  spec = decodeValue(spec, SPEC_SHAPES[kind], 'spec', problems);

  const located = { source, sourcePaths };
  const name = resourceName(kind, metadata, problems);
  const label = `${kind}/${name ?? ''}`;
  // A v1 name in a v1beta1 document: unknown to v1beta1's types (convert.ts `v1Only`).
  for (const unknown of v1OnlyFields) {
    set.diagnostics.push({
      severity: 'warning',
      message: `unknown field "${unknown.key}"`,
      fieldPath: unknown.field,
      location: source.locate(unknown.path),
      resource: label,
    });
  }
  for (const key of Object.keys(value)) {
    if (TOP_LEVEL_FIELDS.has(key)) continue;
    set.diagnostics.push({
      severity: 'warning',
      message: `unknown field "${key}"`,
      fieldPath: key,
      location: source.locate([key]),
      resource: label,
    });
  }
  if (problems.length > 0 || name === undefined) {
    reportProblems(set, problems, located, label);
    set.rejected.push({ kind, name, source });
    return;
  }
  if (!metadata.name) {
    set.diagnostics.push({
      severity: 'note',
      message: `no metadata.name; using generateName "${metadata.generateName}" without its trailing "-" as the name`,
      fieldPath: 'metadata.generateName',
      location: source.locate(['metadata', 'generateName']),
      resource: label,
    });
  }
  const resource = {
    kind,
    apiVersion: 'tekton.dev/v1',
    originalApiVersion: apiVersion,
    metadata: { ...metadata, name },
    spec,
    source,
    ...(Object.keys(sourcePaths).length > 0 ? { sourcePaths } : {}),
    ...(timeoutAndTimeouts ? { v1beta1TimeoutAndTimeouts: true } : {}),
  } as TektonResource;
  addResource(set, resource);
}

/** metadata.name, or generateName without its trailing dashes; undefined (with a problem) if neither. */
function resourceName(
  kind: TektonKind | 'StepAction',
  metadata: ObjectMeta,
  problems: DecodeProblem[],
): string | undefined {
  if (typeof metadata.name === 'string' && metadata.name !== '') return metadata.name;
  if (
    typeof metadata.generateName === 'string' &&
    metadata.generateName.replace(/-+$/, '') !== ''
  ) {
    return metadata.generateName.replace(/-+$/, '');
  }
  if (problems.some((problem) => problem.fieldPath.startsWith('metadata'))) return undefined;
  // The API server's own words for a missing name.
  problems.push({
    fieldPath: 'metadata.name',
    message: `Required value: name or generateName is required (${kind})`,
  });
  return undefined;
}

function addResource(set: LoadedSet, resource: TektonResource): void {
  set.resources.push(resource);
  if (resource.kind === 'Pipeline') set.pipelines.push(resource);
  else if (resource.kind === 'PipelineRun') set.pipelineRuns.push(resource);
  else if (resource.kind === 'TaskRun') set.taskRuns.push(resource);
  else set.tasks.push(resource);
}

function mergeInto(set: LoadedSet, part: LoadedSet): void {
  for (const resource of part.resources) addResource(set, resource);
  set.stepActions.push(...part.stepActions);
  set.extraDocuments.push(...part.extraDocuments);
  for (const [key, data] of part.volumeSources) set.volumeSources.set(key, data);
  set.rejected.push(...part.rejected);
  set.diagnostics.push(...part.diagnostics);
}

function emptySet(): LoadedSet {
  return {
    files: [],
    resources: [],
    pipelines: [],
    pipelineRuns: [],
    tasks: [],
    taskRuns: [],
    stepActions: [],
    extraDocuments: [],
    volumeSources: new Map(),
    rejected: [],
    diagnostics: [],
  };
}

function mentions(problem: Diagnostic, file: string): boolean {
  return problem.location?.file === file || problem.message.startsWith(`${file}: `);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
