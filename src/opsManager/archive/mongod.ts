// The mongod command line that starts a server on an extracted snapshot: restoreInfo.txt's storage engine and
// startup options ("The database must be run with the listed options", reference §6), --dbpath, a port, bound to
// localhost, and for an encrypted snapshot the KMIP options with the Master Key UUID. Pure: no I/O; notes are
// codes the VS Code layer words. The KMIP flags are MongoDB Enterprise's (the reference marks the exact set the
// Ops Manager docs use UNCERTAIN); anything not given is a quoted placeholder the user replaces.
import * as net from 'node:net';
import type { RestoreInfo, StartupOptionValue } from './restoreInfo';

export type Shell = 'posix' | 'powershell';

export interface KmipSettings {
  serverName?: string;
  port?: number;
  serverCAFile?: string;
  clientCertificateFile?: string;
}

export interface MongodCommandInput {
  restoreInfo?: RestoreInfo;
  dbPath: string;
  port: number;
  /** Default 127.0.0.1: a restored copy should not be reachable from the network until someone decides so. */
  bindIp?: string;
  /** How to quote: POSIX shells, or PowerShell (VS Code's default terminal on Windows). */
  shell?: Shell;
  kmip?: KmipSettings;
}

export type MongodNote =
  /** Run it with this MongoDB version's mongod. */
  | { code: 'USE_VERSION'; version: string }
  /** restoreInfo.txt names no version: use the one the source deployment ran. */
  | { code: 'VERSION_UNKNOWN' }
  /** A startup option with no command-line flag here: put it in a configuration file. */
  | { code: 'OPTION_IN_CONFIG_FILE'; option: string; value: string }
  /** Encrypted snapshot: replace the KMIP placeholders (server, CA, client certificate). */
  | { code: 'KMIP_PLACEHOLDERS'; masterKeyUuid?: string }
  /** No restoreInfo.txt: only --dbpath and the port are known. */
  | { code: 'NO_RESTORE_INFO' };

export interface MongodCommand {
  argv: string[];
  /** `argv` quoted for `shell`, ready to type into a terminal. */
  command: string;
  notes: MongodNote[];
}

type FlagMapper = (value: StartupOptionValue) => string[] | undefined;

const flag =
  (name: string): FlagMapper =>
  (value) =>
    value === null ? undefined : [name, String(value)];
const onWhenTrue =
  (name: string): FlagMapper =>
  (value) =>
    value === true || value === 'true' ? [name] : value === false || value === 'false' ? [] : undefined;

// Config-file option → command-line flags (mongod's documented equivalents). Unmapped options become notes.
const OPTION_FLAGS: ReadonlyMap<string, FlagMapper> = new Map<string, FlagMapper>([
  ['storage.directoryPerDB', onWhenTrue('--directoryperdb')],
  ['storage.engine', flag('--storageEngine')],
  ['storage.syncPeriodSecs', flag('--syncdelay')],
  ['storage.journal.enabled', (v) => (v === false || v === 'false' ? ['--nojournal'] : v === true ? [] : undefined)],
  ['storage.smallFiles', onWhenTrue('--smallfiles')],
  ['storage.mmapv1.smallFiles', onWhenTrue('--smallfiles')],
  ['storage.wiredTiger.engineConfig.directoryForIndexes', onWhenTrue('--wiredTigerDirectoryForIndexes')],
  ['storage.wiredTiger.engineConfig.cacheSizeGB', flag('--wiredTigerCacheSizeGB')],
  ['storage.wiredTiger.engineConfig.journalCompressor', flag('--wiredTigerJournalCompressor')],
  ['storage.wiredTiger.collectionConfig.blockCompressor', flag('--wiredTigerCollectionBlockCompressor')],
  ['storage.wiredTiger.indexConfig.prefixCompression', flag('--wiredTigerIndexPrefixCompression')],
  ['storage.inMemory.engineConfig.inMemorySizeGB', flag('--inMemorySizeGB')],
  ['security.enableEncryption', () => []], // added with the KMIP options below
  ['security.encryptionCipherMode', flag('--encryptionCipherMode')],
]);

const PLACEHOLDER = {
  serverName: '<kmip-server-host>',
  serverCAFile: '<kmip-ca.pem>',
  clientCertificateFile: '<kmip-client-cert.pem>',
  keyIdentifier: '<master-key-uuid>',
};

export function buildMongodCommand(input: MongodCommandInput): MongodCommand {
  const info = input.restoreInfo;
  const notes: MongodNote[] = [];
  const argv = [
    'mongod',
    '--dbpath',
    input.dbPath,
    '--port',
    String(input.port),
    '--bind_ip',
    input.bindIp ?? '127.0.0.1',
  ];
  if (!info) {
    notes.push({ code: 'NO_RESTORE_INFO' });
    return { argv, command: quoteCommand(argv, input.shell), notes };
  }
  notes.push(info.mongodbVersion ? { code: 'USE_VERSION', version: info.mongodbVersion } : { code: 'VERSION_UNKNOWN' });
  const options: Record<string, StartupOptionValue> = { ...(info.startupOptions ?? {}) };
  if (info.storageEngine && options['storage.engine'] === undefined) options['storage.engine'] = info.storageEngine;
  const seen = new Set<string>();
  for (const [option, value] of Object.entries(options)) {
    const flags = OPTION_FLAGS.get(option)?.(value);
    if (flags === undefined) {
      notes.push({ code: 'OPTION_IN_CONFIG_FILE', option, value: String(value) });
      continue;
    }
    if (flags.length > 0 && !seen.has(flags[0])) {
      seen.add(flags[0]);
      argv.push(...flags);
    }
  }
  const encrypted = info.encrypted || options['security.enableEncryption'] === true;
  if (encrypted) {
    const kmip = input.kmip ?? {};
    argv.push(
      '--enableEncryption',
      '--kmipServerName',
      kmip.serverName ?? PLACEHOLDER.serverName,
      ...(kmip.port !== undefined ? ['--kmipPort', String(kmip.port)] : []),
      '--kmipServerCAFile',
      kmip.serverCAFile ?? PLACEHOLDER.serverCAFile,
      '--kmipClientCertificateFile',
      kmip.clientCertificateFile ?? PLACEHOLDER.clientCertificateFile,
      '--kmipKeyIdentifier',
      info.masterKeyUuid ?? PLACEHOLDER.keyIdentifier,
    );
    if (!kmip.serverName || !kmip.serverCAFile || !kmip.clientCertificateFile || !info.masterKeyUuid) {
      notes.push(
        info.masterKeyUuid
          ? { code: 'KMIP_PLACEHOLDERS', masterKeyUuid: info.masterKeyUuid }
          : { code: 'KMIP_PLACEHOLDERS' },
      );
    }
  }
  return { argv, command: quoteCommand(argv, input.shell), notes };
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/u;

/** One argument quoted so the shell passes it through unchanged (single quotes: no expansion at all). */
export function quoteArg(arg: string, shell: Shell = 'posix'): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return shell === 'powershell' ? `'${arg.replaceAll("'", "''")}'` : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function quoteCommand(argv: readonly string[], shell: Shell = 'posix'): string {
  return argv.map((a) => quoteArg(a, shell)).join(' ');
}

/**
 * A loopback port nothing listens on: 27017 and the next ten first (what mongod users expect), else any the
 * system gives. Only a hint: something else may take it before mongod starts.
 */
export async function findFreePort(preferred: readonly number[] = range(27017, 11)): Promise<number> {
  for (const port of preferred) {
    if (await canListen(port)) return port;
  }
  return listenOnce(0);
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}

async function canListen(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}
