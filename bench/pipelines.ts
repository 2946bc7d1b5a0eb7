// The pipelines of figure 3, generated as PipelineRun YAML: every task's one step sleeps a
// second, so the run's cost is the controller's and the engine's, not the drawing of numbers.

export interface GeneratedPipeline {
  name: string;
  tasks: number;
  edges: number;
  yaml: string;
}

/** `dependencies[i]` lists the tasks task i runs after. */
function pipelineRun(name: string, dependencies: readonly (readonly number[])[]): string {
  const tasks = dependencies.map((after, index) => {
    const runAfter =
      after.length === 0 ? '' : `\n        runAfter: [${after.map(taskName).join(', ')}]`;
    return `      - name: ${taskName(index)}${runAfter}
        taskSpec:
          steps:
            - name: run
              image: alpine
              script: sleep 1`;
  });
  return `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: ${name}
spec:
  timeouts:
    pipeline: "0"
  pipelineSpec:
    tasks:
${tasks.join('\n')}
`;
}

function taskName(index: number): string {
  return `t${index}`;
}

function generated(name: string, dependencies: number[][]): GeneratedPipeline {
  const edges = dependencies.reduce((sum, after) => sum + after.length, 0);
  return { name, tasks: dependencies.length, edges, yaml: pipelineRun(name, dependencies) };
}

/** clone -> 8 parallel -> deploy: the 10-task reference. */
export function tenTasks(): GeneratedPipeline {
  const tests = Array.from({ length: 8 }, () => [0]);
  return generated('ten-tasks', [[], ...tests, [1, 2, 3, 4, 5, 6, 7, 8]]);
}

export function chain(tasks: number): GeneratedPipeline {
  return generated(
    `chain-${tasks}`,
    Array.from({ length: tasks }, (_, i) => (i === 0 ? [] : [i - 1])),
  );
}

export function fanOut(tasks: number): GeneratedPipeline {
  return generated(
    `fan-out-${tasks}`,
    Array.from({ length: tasks }, (_, i) => (i === 0 ? [] : [0])),
  );
}

/** `layers` layers of `width` tasks, each task after every task of the layer before. */
export function layered(layers: number, width: number): GeneratedPipeline {
  const dependencies: number[][] = [];
  for (let layer = 0; layer < layers; layer++) {
    const previous =
      layer === 0 ? [] : Array.from({ length: width }, (_, i) => (layer - 1) * width + i);
    for (let i = 0; i < width; i++) dependencies.push(previous);
  }
  return generated(`layered-${layers}x${width}`, dependencies);
}
