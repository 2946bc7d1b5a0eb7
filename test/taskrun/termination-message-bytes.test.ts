// The 4096-byte termination message is measured as Go's encoding/json writes it. Tekton v1.15
// is built with Go 1.26: since Go 1.22, \b and \f are two-byte short escapes, as in
// JSON.stringify; `<`, `>`, `&` (HTML escaping) and U+2028/U+2029 stay six-byte \u escapes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { messageOverflow } from '../../src/taskrun/termination-message.js';

const overflows = (value: string) => messageOverflow(new Map([['r', value]]), undefined, undefined);

/** The longest run of `x` that still fits beside StartedAt. */
function longestFitting(): number {
  let length = 0;
  while (overflows('x'.repeat(length + 1)) === undefined) length++;
  return length;
}

test('termination message: \\b and \\f count two bytes, as Go 1.22+ writes them', () => {
  const fits = longestFitting();
  assert.ok(fits > 3900 && fits < 4096, String(fits));
  assert.is(overflows('x'.repeat(fits + 1)), 'final');
  // Two bytes each, like `\n`: the same total fits, one more does not.
  assert.is(overflows(`${'x'.repeat(fits - 2)}\b`), undefined);
  assert.is(overflows(`${'x'.repeat(fits - 2)}\f`), undefined);
  assert.is(overflows(`${'x'.repeat(fits - 1)}\b`), 'final');
});

test('termination message: <, > and & count six bytes (\\u003c ...), as Go escapes them', () => {
  const fits = longestFitting();
  assert.is(overflows(`${'x'.repeat(fits - 6)}<`), undefined);
  assert.is(overflows(`${'x'.repeat(fits - 5)}&`), 'final');
});

test.run();
