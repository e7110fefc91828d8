// `npm run sim -- [options]`: runs the simulator until Ctrl-C or SIGTERM, printing where it listens and the
// credentials to use. `--json` prints one JSON line instead, for scripts.
import { startSimulator, type SimulatorOptions } from './server';
import { SAMPLE } from './sampleData';

const USAGE = `Usage: npm run sim -- [options]
  --port N              API port (default 0: any free port)
  --backup-port N       backup host port (default 0)
  --host H              listen address (default 127.0.0.1)
  --user U --key K      digest credentials (defaults: a sample API key pair)
  --algorithm A         MD5 (default), SHA-256, or a list such as "SHA-256,MD5"
  --combined            several algorithms in one WWW-Authenticate header
  --no-qop              challenge without qop (RFC 2069 answers)
  --nonce-ttl S         nonce lifetime in seconds (default 300; 0 = forever)
  --archive-mb M        archive size in MiB (default 2)
  --tls                 HTTPS on both ports with the test CA in test/simulator/certs
  --latency-ms N        delay every API response
  --progress-after-ms N IN_PROGRESS jobs finish this long after first served (default 20000)
  --envelope-key K      content (default) or envelope
  --max-items-per-page N  (default 500)
  --hostile             add the jobs with hostile values
  --json                print one JSON line with the URLs and credentials
`;

function parseArgs(argv: string[]): { options: SimulatorOptions; json: boolean } {
  const options: SimulatorOptions = {};
  let json = false;
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new Error(`${name} needs a number, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (a) {
      case '--port':
        options.port = num(a, next());
        break;
      case '--backup-port':
        options.backupPort = num(a, next());
        break;
      case '--host':
        options.host = next();
        break;
      case '--user':
        options.user = next();
        break;
      case '--key':
        options.key = next();
        break;
      case '--algorithm':
        options.algorithm = next();
        break;
      case '--combined':
        options.challengeStyle = 'combined';
        break;
      case '--no-qop':
        options.qop = false;
        break;
      case '--nonce-ttl':
        options.nonceTtlSeconds = num(a, next());
        break;
      case '--archive-mb':
        options.archiveMb = num(a, next());
        break;
      case '--tls':
        options.tls = true;
        break;
      case '--latency-ms':
        options.latencyMs = num(a, next());
        break;
      case '--progress-after-ms':
        options.progressAfterMs = num(a, next());
        break;
      case '--envelope-key': {
        const k = next();
        if (k !== 'content' && k !== 'envelope')
          throw new Error(`--envelope-key is content or envelope, got ${k ?? 'nothing'}`);
        options.envelopeKey = k;
        break;
      }
      case '--max-items-per-page':
        options.maxItemsPerPage = num(a, next());
        break;
      case '--hostile':
        options.hostile = true;
        break;
      case '--json':
        json = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
    if (options.user === '' || options.key === '') throw new Error('--user and --key need a value');
  }
  return { options, json };
}

async function main(): Promise<void> {
  let parsed: { options: SimulatorOptions; json: boolean };
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exit(2);
  }
  const sim = await startSimulator(parsed.options);
  const info = {
    baseUrl: sim.baseUrl,
    apiUrl: sim.apiUrl,
    backupUrl: sim.backupUrl,
    user: sim.user,
    key: sim.key,
    caFile: sim.caFile,
  };
  if (parsed.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    const J = SAMPLE.jobs;
    const lines = [
      'Ops Manager simulator running (Ctrl-C to stop)',
      `  Base URL:     ${sim.baseUrl}`,
      `  API:          ${sim.apiUrl}`,
      `  Backup host:  ${sim.backupUrl}`,
      `  User:         ${sim.user}`,
      `  API key:      ${sim.key}`,
      ...(sim.caFile ? [`  CA file:      ${sim.caFile}`] : []),
      `  Group:        ${SAMPLE.groups.production.id} (${SAMPLE.groups.production.name})`,
      `  Cluster:      ${SAMPLE.clusters.orders.id} (${SAMPLE.clusters.orders.name})`,
      `  READY job:    ${J.ready.id}   IN_PROGRESS job: ${J.inProgress.id}   EXPIRED job: ${J.expired.id}`,
      `  Try:          curl --digest -u '${sim.user}:${sim.key}'${sim.caFile ? ` --cacert '${sim.caFile}'` : ''} '${sim.jobUrl(J.ready.id)}?pretty=true'`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!parsed.json) process.stdout.write(`\n${signal}: stopping the simulator\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
