// What is inside an Ops Manager restore archive (reference §6): one top folder named after the snapshot holding
// the WiredTiger data files, restoreInfo.txt in the documented `Key: value` format, seedSecondary.sh and .bat.
// The file names and small contents are WiredTiger-like, not a database mongod could open.
import * as zlib from 'node:zlib';
import { tarBuffer, type TarMemberSpec } from './tar';

export interface RestoreInfoSpec {
  groupName?: string;
  replicaSet?: string;
  clusterId?: string;
  /** Snapshot time, seconds since the epoch. */
  snapshotSeconds?: number;
  mongodbVersion?: string;
  storageEngine?: string;
  /** The Startup Options value, as Ops Manager prints it (a JSON object). */
  startupOptions?: string;
  /** Encrypted snapshot: adds the Encryption and Master Key UUID lines. */
  masterKeyUuid?: string;
}

export const SIM_RESTORE_INFO: Required<Omit<RestoreInfoSpec, 'masterKeyUuid'>> = {
  groupName: 'Sample Project',
  replicaSet: 'rs0',
  clusterId: '5e9f0a1b2c3d4e5f6a7b8c00',
  snapshotSeconds: 1_700_000_000,
  mongodbVersion: '6.0.14',
  storageEngine: 'wiredTiger',
  startupOptions: '{ "storage.wiredTiger.collectionConfig.blockCompressor" : "snappy" }',
};

/** The top folder of the simulator's archive: `<replicaSet>-<snapshot seconds>`, as Ops Manager names snapshots. */
export const SIM_TOP_FOLDER = `${SIM_RESTORE_INFO.replicaSet}-${SIM_RESTORE_INFO.snapshotSeconds}`;
/** The large collection file that carries most of the archive's bytes. */
export const SIM_DATA_FILE = 'collection-7-1234567890123456789.wt';

/** Ops Manager's date format in restoreInfo.txt: "Thu May 19 20:03:59 GMT 2016". */
function omDate(seconds: number): string {
  // toUTCString(): "Tue, 14 Nov 2023 22:13:20 GMT"
  const [weekday, date, month, year, time] = new Date(seconds * 1000).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${date} ${time} GMT ${year}`;
}

export function restoreInfoText(spec: RestoreInfoSpec = {}): string {
  const s = { ...SIM_RESTORE_INFO, ...spec };
  const lines = [
    'Restore Information',
    `Group Name: ${s.groupName}`,
    `Replica Set: ${s.replicaSet}`,
    `Cluster Id: ${s.clusterId}`,
    `Snapshot timestamp: ${omDate(s.snapshotSeconds)}`,
    `Last Oplog Applied: ${omDate(s.snapshotSeconds)} (${s.snapshotSeconds}, 1)`,
    `MongoDB Version: ${s.mongodbVersion}`,
    `Storage Engine: ${s.storageEngine}`,
    `Startup Options: ${s.startupOptions}`,
  ];
  if (spec.masterKeyUuid !== undefined) {
    lines.push('Encryption: true', `Master Key UUID: ${spec.masterKeyUuid}`);
  }
  return `${lines.join('\n')}\n`;
}

const SEED_SECONDARY_SH = `#!/bin/sh
# Seeds a secondary from this restore (Ops Manager simulator stand-in: prints what it would do).
if [ "$#" -lt 2 ]; then
  echo "Usage: $0 <mongod-port> <oplog-size-GB> [<replica-set-name> <primary-host:port>]" >&2
  exit 1
fi
echo "would seed the oplog on port $1 with $2 GB"
`;

const SEED_SECONDARY_BAT = `@echo off\r\nREM Seeds a secondary from this restore (Ops Manager simulator stand-in).\r\necho would seed the oplog on port %1 with %2 GB\r\n`;

/** The members of the top folder apart from the large data file, in the order they are written. */
export function smallMembers(top: string, info: string): TarMemberSpec[] {
  const file = (name: string, data: string, mode?: number): TarMemberSpec => ({ name: `${top}/${name}`, data, mode });
  return [
    { name: `${top}/`, type: 'directory' },
    file('restoreInfo.txt', info),
    file('WiredTiger', 'WiredTiger\nWiredTiger 10.0.2: (December 21, 2021)\n'),
    file('WiredTiger.lock', 'WiredTiger lock file\n'),
    file(
      'WiredTiger.turtle',
      'WiredTiger version string\nWiredTiger 10.0.2: (December 21, 2021)\nWiredTiger version\nmajor=10,minor=0,patch=2\n',
    ),
    file('WiredTiger.wt', 'simulated WiredTiger metadata table\n'),
    file('WiredTigerHS.wt', 'simulated history store\n'),
    file('_mdb_catalog.wt', 'simulated catalog\n'),
    file('sizeStorer.wt', 'simulated size storer\n'),
    file('storage.bson', 'simulated storage options\n'),
    file('index-8-1234567890123456789.wt', 'simulated _id index\n'),
    { name: `${top}/journal/`, type: 'directory' },
    file('journal/WiredTigerLog.0000000001', 'simulated journal\n'),
    file('seedSecondary.sh', SEED_SECONDARY_SH, 0o755),
    file('seedSecondary.bat', SEED_SECONDARY_BAT),
  ];
}

export interface SmallArchiveSpec extends RestoreInfoSpec {
  /** Top folder name (default SIM_TOP_FOLDER). */
  top?: string;
  /** Bytes of the collection file (default 64 KiB of a repeating pattern). */
  dataBytes?: number;
  /** Extra members appended at the end. */
  extra?: TarMemberSpec[];
  /** Leave restoreInfo.txt out. */
  noRestoreInfo?: boolean;
  gzip?: boolean;
}

/** A small Ops Manager-shaped archive in memory, for tests. */
export function smallRestoreArchive(spec: SmallArchiveSpec = {}): Buffer {
  const top = spec.top ?? SIM_TOP_FOLDER;
  const members = smallMembers(top, restoreInfoText(spec)).filter(
    (m) => !(spec.noRestoreInfo === true && m.name.endsWith('/restoreInfo.txt')),
  );
  const data = Buffer.alloc(spec.dataBytes ?? 64 * 1024);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 8)) & 0xff;
  members.push({ name: `${top}/${SIM_DATA_FILE}`, data }, ...(spec.extra ?? []));
  const tar = tarBuffer(members, SIM_RESTORE_INFO.snapshotSeconds);
  return spec.gzip === false ? tar : zlib.gzipSync(tar);
}
