import * as assert from 'node:assert/strict';
import { OpsManagerError, type OpsManagerErrorKind } from '../../../src/opsManager/common/errors';
import { say } from './say';

type Expected = Partial<Pick<OpsManagerError, 'kind' | 'code' | 'status' | 'errorCode'>>;

/**
 * Asserts that `promise` rejects with an OpsManagerError matching `expected` (or of that kind), whose sentence for
 * the user (the VS Code layer's wording of its code and params) matches `message`, and returns it.
 */
export async function rejectsWith(
  promise: Promise<unknown>,
  expected: Expected | OpsManagerErrorKind,
  message?: RegExp,
): Promise<OpsManagerError> {
  const check: Expected = typeof expected === 'string' ? { kind: expected } : expected;
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OpsManagerError, `expected an OpsManagerError, got ${String(error)}`);
    if (check.kind !== undefined) assert.equal(error.kind, check.kind, error.message);
    if (check.status !== undefined) assert.equal(error.status, check.status, error.message);
    if (check.code !== undefined) assert.equal(error.code, check.code, error.message);
    if (check.errorCode !== undefined) assert.equal(error.errorCode, check.errorCode, error.message);
    if (message !== undefined) assert.match(say(error), message);
    return error;
  }
  assert.fail('expected a rejection');
}
