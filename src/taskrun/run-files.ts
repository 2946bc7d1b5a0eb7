// Every volume of one simulated run, by key, made on first use, and the run's file warnings.
import type { Volume } from '../shell/index.js';

/** Every volume of one simulated run, and the guesses about files it had to make. */
export class RunFiles {
  private readonly volumes = new Map<string, Volume>();
  private readonly reported = new Set<string>();
  readonly warnings: string[] = [];

  volume(key: string, make: () => Volume): Volume {
    let volume = this.volumes.get(key);
    if (!volume) {
      volume = make();
      this.volumes.set(key, volume);
    }
    return volume;
  }

  warn(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warnings.push(message);
  }
}
