// How the bench measures: CPU time of this process around a piece of work, and CPU time,
// wall time and peak RSS of a child process. CPU time rather than wall time is the basis of
// every single-threaded ratio, because a bench machine shared with other work stretches wall
// time by however busy it is, and stretches both sides of a ratio unevenly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Timed<T> {
  value: T;
  cpuS: number;
  wallS: number;
}

/** Runs `work` once in this process and returns its value with the CPU and wall time taken. */
export function timed<T>(work: () => T): Timed<T> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  const value = work();
  const cpu = process.cpuUsage(cpuBefore);
  const wallS = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  return { value, cpuS: (cpu.user + cpu.system) / 1e6, wallS };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  const value = await work();
  const cpu = process.cpuUsage(cpuBefore);
  const wallS = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  return { value, cpuS: (cpu.user + cpu.system) / 1e6, wallS };
}

export interface ChildRun {
  stdout: string;
  stderr: string;
  status: number | null;
  /** User plus system CPU seconds of the child and its threads. */
  cpuS: number;
  wallS: number;
  peakRssMb: number;
}

const TIME_BINARY = '/usr/bin/time';
const TIME_MARKER = 'BENCH-TIME';

export function canMeasureChildren(): boolean {
  return existsSync(TIME_BINARY);
}

/** Runs a command to completion under GNU time, which reports its CPU time and peak RSS. */
export function runChild(command: string, args: readonly string[], cwd: string): ChildRun {
  const wallBefore = process.hrtime.bigint();
  const child = spawnSync(TIME_BINARY, ['-f', `${TIME_MARKER} %U %S %M`, command, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallS = Number(process.hrtime.bigint() - wallBefore) / 1e9;
  const stderrLines = child.stderr.split('\n');
  const timeLine = stderrLines.find((line) => line.startsWith(TIME_MARKER)) ?? '';
  const [, userS, systemS, rssKb] = timeLine.split(' ');
  return {
    stdout: child.stdout,
    stderr: stderrLines.filter((line) => !line.startsWith(TIME_MARKER)).join('\n'),
    status: child.status,
    cpuS: Number(userS) + Number(systemS),
    wallS,
    peakRssMb: Number(rssKb) / 1024,
  };
}
