// `node out/test/bench/profileDownload.js [--mb 1024] [--runs 3]`: where the download's time goes. Runs each
// stage of the pipeline as its own process against the same simulator (alternating, medians), next to curl
// writing to /dev/null and to a file, and sha1sum alone. Not part of `npm run bench`: a diagnostic for
// docs/benchmarks.md when the download target is missed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { alternate } from './alternate';
import { benchFile, lastJsonLine, nodeBin, num, run } from './procs';
import { launchSimulator } from './simProcess';
import { summarize } from './stats';

const VARIANTS = [
  'curl-null',
  'curl-file',
  'curl-file-sync',
  'read-net',
  'read-http',
  'read',
  'read-hwm',
  'read-hash',
  'read-hash-worker',
  'dispatch',
  'dispatch-hash',
  'read-write',
  'read-hash-write',
  'read-hash-write-sync',
  'module',
  'module-main',
  'module-worker',
  'sha1sum-cached',
  'hash-file',
] as const;
type Variant = (typeof VARIANTS)[number];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, dflt: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const mb = opt('--mb', 1024);
  const runs = opt('--runs', 3);
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
  const variants = VARIANTS.filter((v) => !only || only.includes(v));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bench-profile-'));
  const sim = await launchSimulator({ archiveMb: mb });
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  try {
    const d = sim.info.download;
    if (!d?.sha1 || d.bytes === undefined) throw new Error('no download job');
    const cached = path.join(tmp, 'cached.tar.gz');
    await run('curl', ['-s', '-o', cached, d.url]);
    const worker = (variant: string, dest?: string) =>
      run(nodeBin(), [benchFile('workerPipeline.js'), JSON.stringify({ variant, url: d.url, dest, sha1: d.sha1 })], {
        measureRss: true,
      });
    const samples = await alternate(
      'profile',
      variants,
      { runs, warmup: 1, log },
      async (v: Variant) => {
        const dest = path.join(tmp, `${v}.out`);
        try {
          let s: number;
          let rss: number | undefined;
          let cpu: number | undefined;
          if (v === 'curl-null' || v === 'curl-file' || v === 'curl-file-sync') {
            const args =
              v === 'curl-file-sync'
                ? ['-c', 'curl -s -o "$1" "$2" && sync "$1"', 'sh', dest, d.url]
                : ['-c', 'curl -s -o "$1" "$2"', 'sh', v === 'curl-null' ? '/dev/null' : dest, d.url];
            const r = await run('sh', args, { measureRss: true });
            s = r.wallS;
            rss = r.maxRssMb;
            cpu = r.cpuS;
          } else if (v === 'sha1sum-cached') {
            const r = await run('sha1sum', [cached], { measureRss: true });
            s = r.wallS;
            rss = r.maxRssMb;
            cpu = r.cpuS;
          } else {
            const r = await worker(
              v,
              v === 'hash-file' ? cached : v.startsWith('read') && !v.includes('write') ? undefined : dest,
            );
            if (r.code !== 0) throw new Error(`${v}: ${r.stderr.slice(-500)}`);
            s = num(lastJsonLine(r.stdout), 'elapsedMs') / 1000;
            rss = r.maxRssMb;
            cpu = r.cpuS;
          }
          return { s, rss, cpu };
        } finally {
          fs.rmSync(dest, { force: true });
        }
      },
      (x) => `${x.s.toFixed(3)} s, CPU ${x.cpu?.toFixed(2) ?? '?'} s, RSS ${x.rss?.toFixed(0) ?? '?'} MB`,
    );
    const mib = d.bytes / 1048576;
    process.stdout.write(
      `\nvariant                 median s    MiB/s   RSS MB   CPU s   (${mib.toFixed(0)} MiB, ${runs} runs, load ${os.loadavg()[0].toFixed(1)})\n`,
    );
    for (const v of variants) {
      const t = summarize(samples[v].map((x) => x.s));
      const r = summarize(samples[v].flatMap((x) => (x.rss === undefined ? [] : [x.rss])));
      const c = summarize(samples[v].flatMap((x) => (x.cpu === undefined ? [] : [x.cpu])));
      process.stdout.write(
        `${v.padEnd(22)} ${t.median.toFixed(3).padStart(9)} ${(mib / t.median).toFixed(0).padStart(8)} ${r.max.toFixed(0).padStart(8)} ${c.median.toFixed(2).padStart(7)}   [${t.min.toFixed(3)}–${t.max.toFixed(3)}]\n`,
      );
    }
  } finally {
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
