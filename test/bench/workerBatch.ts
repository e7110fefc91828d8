// Child process: our batch engine downloading every part of a sharded restore, as "Download Sharded Restore…"
// does (each part streamed, hashed while streaming, flushed, verified and renamed; the manifest last). Timed from
// inside; the parent wraps this process in /usr/bin/time -v for its peak RSS. Prints one JSON line.
//
// argv[2]: JSON {folder, parallel, parts: [{jobId, url, fileName, sha1}], noFlush?, hashing?}
// noFlush (diagnostic only): skip fdatasync, to show how much of the time is making the files durable.
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import { downloadBatch, type BatchPartInput } from '../../src/opsManager/download/batch';
import type { DownloadFileSystem } from '../../src/opsManager/download/tempFile';
import { isRecord } from './procs';

async function main(): Promise<void> {
  const arg: unknown = JSON.parse(process.argv[2] ?? '');
  if (
    !isRecord(arg) ||
    typeof arg.folder !== 'string' ||
    typeof arg.parallel !== 'number' ||
    !Array.isArray(arg.parts)
  ) {
    throw new Error('workerBatch: expected {folder, parallel, parts}');
  }
  const parts: BatchPartInput[] = arg.parts.map((p: unknown, i: number) => {
    if (
      !isRecord(p) ||
      typeof p.jobId !== 'string' ||
      typeof p.url !== 'string' ||
      typeof p.fileName !== 'string' ||
      typeof p.sha1 !== 'string'
    ) {
      throw new Error(`workerBatch: part ${i} is malformed`);
    }
    return {
      jobId: p.jobId,
      name: `shard-${i}`,
      role: 'shard',
      fileName: p.fileName,
      link: { url: p.url, expectedSha1: p.sha1 },
    };
  });
  const noFlush: DownloadFileSystem = {
    async openExclusive(file) {
      const handle = await fs.promises.open(file, 'wx');
      return { writev: (b) => handle.writev(b), datasync: async () => undefined, close: () => handle.close() };
    },
  };
  const hashing = arg.hashing === 'main' || arg.hashing === 'worker' ? arg.hashing : undefined;
  const t0 = performance.now();
  const result = await downloadBatch({
    ...(arg.noFlush === true ? { fileSystem: noFlush } : {}),
    ...(hashing === undefined ? {} : { hashing }),
    folder: arg.folder,
    parts,
    parallel: arg.parallel,
    manifest: {
      batchId: 'bench',
      groupId: 'bench',
      cluster: { id: 'bench', name: 'bench' },
      snapshotIds: [],
      pointInTime: false,
    },
  });
  const elapsedMs = performance.now() - t0;
  if (result.manifestPath === undefined) {
    throw new Error(
      `batch incomplete: ${result.parts.map((p) => `${p.name} ${p.status} ${p.error?.message ?? ''}`).join('; ')}`,
    );
  }
  const bytes = result.parts.reduce((n, p) => n + (p.bytes ?? 0), 0);
  process.stdout.write(`${JSON.stringify({ elapsedMs, bytes, rssMb: process.memoryUsage().rss / 1048576 })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
