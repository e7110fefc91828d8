// The SHA-1 a finished download is checked against: given, or read again from the restore job (Ops Manager adds
// `hashes` after a download). A missing or unusable hash leaves the file unverified, with the reason.

import type { DownloadOptions } from './options';
import { cancelledError } from './errors';
import { OpsManagerError } from '../common';

const SHA1_HEX = /^[0-9a-f]{40}$/u;

export async function expectedHash(
  options: DownloadOptions,
  signal: AbortSignal | undefined,
): Promise<{ sha1?: string; reason?: string }> {
  if (options.expectedSha1 !== undefined) {
    return normaliseSha1(options.expectedSha1);
  }
  if (options.resolveExpectedSha1 === undefined) {
    return { reason: 'No SHA-1 was given to check the file against.' };
  }
  let hash: string | undefined;
  try {
    hash = await options.resolveExpectedSha1(signal);
  } catch (error) {
    if (signal?.aborted) {
      throw cancelledError();
    }
    // The file is complete and may have used up the link: keep it, and say why it is unverified.
    const why = error instanceof Error ? error.message : String(error);
    return { reason: `Re-reading the restore job for its SHA-1 failed (${why}).` };
  }
  if (hash === undefined) {
    return { reason: 'Ops Manager reported no SHA-1 for this archive.' };
  }
  return normaliseSha1(hash);
}

function normaliseSha1(hash: string): { sha1?: string; reason?: string } {
  const hex = hash.trim().toLowerCase();
  return SHA1_HEX.test(hex)
    ? { sha1: hex }
    : { reason: `Ops Manager's hash "${hash.slice(0, 60)}" is not a SHA-1, so the file could not be checked.` };
}

/** The file differs from what Ops Manager hashed: it is deleted by the caller, so say so. */
export function mismatchError(expected: string, received: string): OpsManagerError {
  return new OpsManagerError({
    kind: 'verification',
    code: 'SHA1_MISMATCH',
    params: { expected, received },
    message:
      `The downloaded file does not match Ops Manager's SHA-1 (expected ${expected}, got ${received}), ` +
      'so it was deleted and nothing was saved. Download it again; if it keeps failing, the archive on the backup host may be damaged.',
  });
}
