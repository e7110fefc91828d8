import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';

/**
 * Asserts that no secret appears anywhere in `value`: for an error that is its message, stack, every own field
 * (url, detail, reason, parameters, …) and its cause chain, since core/log writes the fields and the UI shows the
 * message. Checking only `message` let a redactUrl that returned the whole link through: `error.url` reached the log.
 */
export function assertNoSecrets(value: unknown, secrets: readonly string[], what = 'the error'): void {
  const text = inspect(value, { depth: 20, showHidden: true, breakLength: Infinity, maxStringLength: null });
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      const at = text.indexOf(form);
      assert.ok(at < 0, `${what} carries a secret (${form}) near: …${text.slice(Math.max(0, at - 80), at + 80)}…`);
    }
  }
}
