// Mutations of YAML text, line by line: lines deleted, repeated, swapped, re-indented or
// taken from another file, the text cut short, stray characters, a number made extreme. Most
// results are not YAML any more, or not the same YAML, so these reach the `yaml` package's
// error paths and our diagnostics, and the documents that still parse are strange ones.
import { HOSTILE_VALUES, STRAY_TEXT } from './hostile-values.js';
import type { FuzzRandom } from './random.js';

export function mutateLines(text: string, random: FuzzRandom, others: readonly string[]): string {
  const lines = text.split('\n');
  const at = random.below(lines.length);
  switch (random.below(8)) {
    case 0:
      lines.splice(at, 1 + random.below(3));
      break;
    case 1:
      lines.splice(at, 0, lines[random.below(lines.length)]);
      break;
    case 2: {
      const other = random.below(lines.length);
      [lines[at], lines[other]] = [lines[other], lines[at]];
      break;
    }
    case 3:
      lines[at] = random.next() < 0.5 ? `  ${lines[at]}` : lines[at].replace(/^ {1,2}/, '');
      break;
    case 4:
      return text.slice(0, random.below(text.length + 1));
    case 5: {
      const line = lines[at];
      const column = random.below(line.length + 1);
      lines[at] = line.slice(0, column) + random.pick(STRAY_TEXT) + line.slice(column);
      break;
    }
    case 6: {
      // A number anywhere becomes an extreme one.
      lines[at] = lines[at].replace(/\d+/, String(random.pick(HOSTILE_VALUES)));
      break;
    }
    default: {
      const source = others.length > 0 ? random.pick(others).split('\n') : lines;
      lines.splice(at, 0, random.pick(source));
    }
  }
  return lines.join('\n');
}
