// /dev/urandom and /dev/random, which the kernel gives every container: reading one gives bytes
// nobody wrote, as many as the reader asks for. Scripts draw random names and payloads from it
// (`tr -dc A-Za-z0-9 </dev/urandom | head -c 2500`, as Tekton's large-results example does), and
// what they check is the amount, never the bytes. The interpreter reads whole files, so a read
// here is a block of pseudo-random bytes, one character per byte, long enough for any such
// pipeline; the same script gives the same bytes on every run, so runs stay deterministic.

/** The random devices, by path. */
export const RANDOM_DEVICES: ReadonlySet<string> = new Set(['/dev/urandom', '/dev/random']);

/** Bytes one read gives: 256 KiB, of which `tr -dc A-Za-z0-9` keeps about 62 000. */
export const RANDOM_READ_BYTES = 256 * 1024;

/** The `read`-th read's bytes (xorshift32 seeded by the read's number), as latin1 text. */
export function randomDeviceRead(read: number): string {
  let state = (0x9e3779b9 ^ Math.imul(read + 1, 0x85ebca6b)) >>> 0 || 1;
  const codes = new Array<number>(RANDOM_READ_BYTES);
  for (let i = 0; i < RANDOM_READ_BYTES; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    codes[i] = state & 0xff;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) {
    text += String.fromCharCode(...codes.slice(i, i + 8192));
  }
  return text;
}
