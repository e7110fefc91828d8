// A sharded restore is a batch: one archive per shard plus one for the config server replica set. Each part
// goes into its own folder, and they are started in the order the manual procedure gives (reference §5):
// the config server replica set first, then each shard; mongos last, once all are up.
import * as path from 'node:path';

export type PartRole = 'config' | 'shard';

export interface BatchPart {
  archive: string;
  /** The archive's file name without .tar.gz / .tgz / .tar. */
  name: string;
  role: PartRole;
}

/** "rs0-1700000000-abc.tar.gz" → "rs0-1700000000-abc"; the default extraction folder beside the archive. */
export function archiveBaseName(file: string): string {
  const base = path.basename(file);
  const lower = base.toLowerCase();
  for (const ext of ['.tar.gz', '.tgz', '.tar']) {
    if (lower.endsWith(ext) && base.length > ext.length) return base.slice(0, -ext.length);
  }
  return `${base}-extracted`;
}

export function isArchiveName(file: string): boolean {
  const lower = file.toLowerCase();
  return lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || lower.endsWith('.tar');
}

/**
 * The parts of a batch in start order. The config server's archive is named `config-…` by Ops Manager
 * (reference §5; `replicaSet` from restoreInfo.txt decides when the caller knows it); shards follow by name.
 */
export function orderBatchParts(
  archives: readonly string[],
  configHint?: (archive: string) => boolean | undefined,
): BatchPart[] {
  const parts = archives.map((archive): BatchPart => {
    const name = archiveBaseName(archive);
    const hinted = configHint?.(archive);
    const config = hinted ?? name.toLowerCase().startsWith('config-');
    return { archive, name, role: config ? 'config' : 'shard' };
  });
  const collator = new Intl.Collator('en', { numeric: true });
  return parts.sort((a, b) => (a.role !== b.role ? (a.role === 'config' ? -1 : 1) : collator.compare(a.name, b.name)));
}
