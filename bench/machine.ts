// What the bench ran on, without naming the machine: cores, CPU model, Node's version and how
// busy the machine was (a loaded machine stretches wall times; see measure.ts).
import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  loadAverage1m: number;
  totalMemoryGb: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    totalMemoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}
