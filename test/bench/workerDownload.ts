// Child process: our download module fetching one archive with SHA-1 verification, as the extension's Download
// command does (streamed to a temporary file, hashed while streaming, flushed, verified, renamed). Timed from
// inside; the parent wraps this process in /usr/bin/time -v for its peak RSS. Prints one JSON line.
//
// argv[2]: JSON {url, dest, sha1, hashing?} (hashing: 'main' or 'worker'; default: the module's default)
import { performance } from 'node:perf_hooks';
import { downloadArchive } from '../../src/opsManager/download/download';
import { isRecord } from './procs';

async function main(): Promise<void> {
  const arg: unknown = JSON.parse(process.argv[2] ?? '');
  if (!isRecord(arg) || typeof arg.url !== 'string' || typeof arg.dest !== 'string' || typeof arg.sha1 !== 'string') {
    throw new Error('workerDownload: expected {url, dest, sha1}');
  }
  const hashing = arg.hashing === 'main' || arg.hashing === 'worker' ? arg.hashing : undefined;
  const t0 = performance.now();
  const result = await downloadArchive({
    url: arg.url,
    destination: arg.dest,
    expectedSha1: arg.sha1,
    ...(hashing === undefined ? {} : { hashing }),
  });
  const elapsedMs = performance.now() - t0;
  if (!result.verified || result.sha1 !== arg.sha1) {
    throw new Error(`download not verified: got ${result.sha1}, expected ${arg.sha1}`);
  }
  process.stdout.write(
    `${JSON.stringify({ elapsedMs, moduleElapsedMs: result.elapsedMs, bytes: result.bytes, sha1: result.sha1, rssMb: process.memoryUsage().rss / 1048576 })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
