// The options of `tekton-sim run`, shared by its PipelineRun and TaskRun paths.
export interface RunArguments {
  files: string[];
  pipelinerun?: string;
  taskrun?: string;
  seed: string;
  profile: string;
  cancel?: string;
  'default-timeout'?: string;
  configmap?: string | string[];
  'start-time': string;
  output: 'table' | 'yaml' | 'json';
  cluster?: string;
  slots?: string;
  at?: string;
}
