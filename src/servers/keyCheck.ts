// Whether Ops Manager accepts an API key: the connection test of "Add Server…" and "Set API Key…".
import { type NewClientOptions, UserCancelledError } from '../core';
import type { OpsManagerClient } from '../opsManager/api';
import { describeVersion, isKeyRefused, type KeyCheck } from './keyWording';

/** Asks the API root, then one group (the root answers without credentials on some servers). */
export async function checkKey(
  factory: { create(options: NewClientOptions, logName: string): OpsManagerClient },
  options: NewClientOptions,
  logName: string,
  signal: AbortSignal,
): Promise<KeyCheck> {
  const client = factory.create(options, logName);
  try {
    const root = await client.getRoot({ signal });
    await client.listGroups({ signal, maxItems: 1, itemsPerPage: 1 });
    return { outcome: 'accepted', version: describeVersion(root) };
  } catch (error) {
    if (signal.aborted) throw new UserCancelledError();
    return isKeyRefused(error) ? { outcome: 'refused', error } : { outcome: 'failed', error };
  } finally {
    client.close().catch(() => undefined);
  }
}
