// Inspections already made, by archive path and (size, mtime): extraction uses one to check free space before
// writing, without reading the archive twice. A changed file is a new key, so a stale entry is never used.
import * as fs from 'node:fs';
import type { ArchiveInspection } from '../opsManager/archive';

const MAX = 32;

export class InspectionCache {
  private readonly entries = new Map<string, ArchiveInspection>();

  private static async key(file: string): Promise<string | undefined> {
    try {
      const stat = await fs.promises.stat(file);
      return `${file}\u0000${stat.size}\u0000${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
  }

  async get(file: string): Promise<ArchiveInspection | undefined> {
    const key = await InspectionCache.key(file);
    return key === undefined ? undefined : this.entries.get(key);
  }

  async set(file: string, inspection: ArchiveInspection): Promise<void> {
    const key = await InspectionCache.key(file);
    if (key === undefined) return;
    this.entries.delete(key);
    this.entries.set(key, inspection);
    while (this.entries.size > MAX) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
