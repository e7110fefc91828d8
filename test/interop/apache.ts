// Starts Apache httpd (Debian's apache2) on loopback with a throwaway config: mod_auth_digest guarding
// Ops Manager-shaped JSON files, so our digest client is tested against a server nobody here wrote.

import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const APACHE_BIN = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';

export const IDS = {
  group: '5a0a1e7e0f2912c554080adc',
  cluster: '5a0a1e7e0f2912c554080ae0',
  job: '5a0a1e7e0f2912c554080b12',
};

export interface ApacheOptions {
  user: string;
  password: string;
  realm?: string;
  /** AuthDigestAlgorithm; Apache 2.4 knows MD5 only. */
  algorithm?: string;
}

export interface Apache {
  origin: string;
  dir: string;
  /** Access log lines so far: `METHOD URI STATUS`. */
  requests(): string[];
  stop(): Promise<void>;
}

/** The JSON files served, by API path below /api/public/v1.0. */
export function sampleFiles(): Record<string, unknown> {
  const { group, cluster, job } = IDS;
  const base = 'http://127.0.0.1/api/public/v1.0';
  const restoreJob = {
    clusterId: cluster,
    created: '2016-03-04T22:07:55Z',
    delivery: {
      expirationHours: 48,
      expires: '2016-03-06T22:07:55Z',
      maxDownloads: 1,
      methodName: 'HTTP',
      statusName: 'READY',
      url: `https://backup.example.com/backup/restore/v2/pull/${job}/abc+/==token/restore-${job}.tar.gz`,
    },
    encryptionEnabled: false,
    groupId: group,
    id: job,
    links: [{ href: `${base}/groups/${group}/clusters/${cluster}/restoreJobs/${job}`, rel: 'self' }],
    snapshotId: '5a0a1e7e0f2912c554080b00',
    statusName: 'FINISHED',
    timestamp: { date: '2016-03-04T21:00:00Z', increment: 1 },
  };
  return {
    '': { appName: 'MongoDB Ops Manager', build: 'apache-interop', links: [], throttling: false },
    groups: {
      results: [{ id: group, name: 'Production', orgId: '5a0a1e7e0f2912c554080a00' }],
      totalCount: 1,
      links: [],
    },
    [`groups/${group}`]: { id: group, name: 'Production', orgId: '5a0a1e7e0f2912c554080a00' },
    [`groups/${group}/clusters`]: {
      results: [
        { id: cluster, clusterName: 'Cluster0', groupId: group, typeName: 'REPLICA_SET', replicaSetName: 'rs0' },
      ],
      totalCount: 1,
      links: [],
    },
    [`groups/${group}/clusters/${cluster}/restoreJobs`]: { results: [restoreJob], totalCount: 1, links: [] },
    [`groups/${group}/clusters/${cluster}/restoreJobs/${job}`]: restoreJob,
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runAs(): string {
  // Apache refuses to serve as root; as root it must switch to an unprivileged user that can read the temp dir.
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return '';
  }
  const passwd = fs.readFileSync('/etc/passwd', 'utf8');
  return /^www-data:/m.test(passwd) ? 'User www-data\nGroup www-data\n' : 'User nobody\nGroup nogroup\n';
}

function locations(options: ApacheOptions, dir: string): string {
  const realm = options.realm ?? 'MMS Public API';
  const auth = (extra: string) => `    AuthType Digest
    AuthName "${realm}"
    AuthDigestProvider file
    AuthUserFile "${dir}/htdigest"
    AuthDigestAlgorithm ${options.algorithm ?? 'MD5'}
    Require valid-user
${extra}`;
  return `<Location "/api">
${auth('')}</Location>
<Location "/stale">
${auth('    AuthDigestNonceLifetime 1\n')}</Location>
`;
}

export function apacheConfig(options: ApacheOptions, dir: string, port: number): string {
  const mod = (name: string, file: string) => `LoadModule ${name} ${MODULES}/${file}\n`;
  return (
    `ServerRoot "${dir}"\nServerName 127.0.0.1\nListen 127.0.0.1:${port}\nPidFile "${dir}/httpd.pid"\n` +
    `DefaultRuntimeDir "${dir}"\nMutex file:${dir} default\nErrorLog "${dir}/error.log"\nLogLevel warn auth_digest:info\n` +
    mod('mpm_prefork_module', 'mod_mpm_prefork.so') +
    mod('authn_core_module', 'mod_authn_core.so') +
    mod('authz_core_module', 'mod_authz_core.so') +
    mod('authn_file_module', 'mod_authn_file.so') +
    mod('authz_user_module', 'mod_authz_user.so') +
    mod('auth_digest_module', 'mod_auth_digest.so') +
    mod('alias_module', 'mod_alias.so') +
    // Enough workers that idle keep-alive connections from earlier clients never block a new one.
    'StartServers 12\nMinSpareServers 8\nMaxSpareServers 24\nMaxRequestWorkers 48\n' +
    runAs() +
    `LogFormat "%m %U%q %>s" om\nCustomLog "${dir}/access.log" om\n` +
    `DocumentRoot "${dir}/www"\n<Directory "${dir}/www">\n    Require all granted\n    ForceType application/json\n</Directory>\n` +
    // /groups is a list and /groups/{id} a resource: serve each path from a .json file beside its directory.
    `AliasMatch "^/(?:api|stale)/public/v1\\.0/?$" "${dir}/www/root.json"\n` +
    `AliasMatch "^/(?:api|stale)/public/v1\\.0/(.+?)/?$" "${dir}/www/$1.json"\n` +
    locations(options, dir)
  );
}

/** Writes the htdigest file (H(user:realm:password), computed here, no htdigest tool needed) and the JSON files. */
function prepare(options: ApacheOptions): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-apache-'));
  fs.chmodSync(dir, 0o755);
  const realm = options.realm ?? 'MMS Public API';
  const hash = /^SHA-256/i.test(options.algorithm ?? '') ? 'sha256' : 'md5';
  const ha1 = crypto.createHash(hash).update(`${options.user}:${realm}:${options.password}`).digest('hex');
  fs.writeFileSync(path.join(dir, 'htdigest'), `${options.user}:${realm}:${ha1}\n`, { mode: 0o644 });
  for (const [apiPath, body] of Object.entries(sampleFiles())) {
    const file = path.join(dir, 'www', apiPath === '' ? 'root.json' : `${apiPath}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, JSON.stringify(body), { mode: 0o644 });
  }
  return dir;
}

/** `apache2 -t` on a config using `options`: null when valid, else Apache's complaint. */
export async function checkConfig(options: ApacheOptions): Promise<string | null> {
  const dir = prepare(options);
  try {
    fs.writeFileSync(path.join(dir, 'httpd.conf'), apacheConfig(options, dir, await freePort()));
    return await new Promise<string | null>((resolve) => {
      execFile(APACHE_BIN, ['-t', '-f', path.join(dir, 'httpd.conf')], (error, stdout, stderr) =>
        resolve(error ? `${stderr}${stdout}`.trim() : null),
      );
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForPort(port: number, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      break;
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const errorLog = fs.existsSync(path.join(dir, 'error.log'))
    ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8')
    : '';
  throw new Error(`Apache did not start (exit ${child.exitCode}):\n${errorLog}`);
}

export async function startApache(options: ApacheOptions): Promise<Apache> {
  const dir = prepare(options);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'httpd.conf'), apacheConfig(options, dir, port));
    // Foreground: the child we spawn is the parent of Apache's workers, and stopping it stops them all. Its own
    // process group (detached), because on shutdown Apache signals its whole group, which would include mocha.
    const child = spawn(APACHE_BIN, ['-DFOREGROUND', '-f', path.join(dir, 'httpd.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await waitForPort(port, child, dir);
    } catch (error) {
      lastError = new Error(`${(error as Error).message}\n${output}`);
      child.kill('SIGKILL');
      continue;
    }
    // If the test process dies without running `stop`, do not leave a detached Apache behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const accessLog = path.join(dir, 'access.log');
    return {
      origin: `http://127.0.0.1:${port}`,
      dir,
      requests: () =>
        fs.existsSync(accessLog)
          ? fs
              .readFileSync(accessLog, 'utf8')
              .split('\n')
              .filter((l) => l !== '')
          : [],
      stop: async () => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  throw lastError;
}
