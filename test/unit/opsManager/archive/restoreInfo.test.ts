import * as assert from 'node:assert/strict';
import { parseRestoreInfo } from '../../../../src/opsManager/archive';
import { restoreInfoText } from '../../../simulator/omLayout';

// Verbatim from the Ops Manager documentation (reference §6).
const DOCUMENTED = `Restore Information
Group Name: test1
Replica Set: config
Cluster Id: bar
Snapshot timestamp: Thu May 19 20:03:59 GMT 2016
Last Oplog Applied: Thu May 19 20:04:45 GMT 2016 (1463688285, 2)
MongoDB Version: 3.0.12
Storage Engine: wiredTiger
Startup Options: { "storage.directoryPerDB" : true }
`;

describe('restoreInfo.txt parser', () => {
  it('reads every documented line of the real example', () => {
    const info = parseRestoreInfo(DOCUMENTED);
    assert.equal(info.title, 'Restore Information');
    assert.equal(info.groupName, 'test1');
    assert.equal(info.replicaSet, 'config');
    assert.equal(info.clusterId, 'bar');
    assert.equal(info.snapshotTimestamp, 'Thu May 19 20:03:59 GMT 2016');
    assert.equal(info.lastOplogApplied, 'Thu May 19 20:04:45 GMT 2016 (1463688285, 2)');
    assert.deepEqual(info.lastOplogTimestamp, { seconds: 1463688285, increment: 2 });
    assert.equal(info.mongodbVersion, '3.0.12');
    assert.equal(info.storageEngine, 'wiredTiger');
    assert.equal(info.startupOptionsText, '{ "storage.directoryPerDB" : true }');
    assert.deepEqual(info.startupOptions, { 'storage.directoryPerDB': true });
    assert.equal(info.encrypted, false);
    assert.equal(info.masterKeyUuid, undefined);
    assert.equal(info.lines.length, 8);
    assert.deepEqual(info.unknown, []);
    assert.equal(info.raw, DOCUMENTED);
  });

  it('the oplog timestamp is the printed time (seconds since the epoch)', () => {
    const info = parseRestoreInfo(DOCUMENTED);
    assert.equal(new Date((info.lastOplogTimestamp?.seconds ?? 0) * 1000).toISOString(), '2016-05-19T20:04:45.000Z');
  });

  it('keeps unknown keys and stray lines, in order, and tolerates CRLF, a BOM and odd spacing', () => {
    const text =
      '\uFEFFRestore Information\r\n' +
      'Restore timestamp: Thu May 19 20:05:00 GMT 2016 (1463688300, 1)\r\n' +
      '  mongodb   VERSION :  4.4.29  \r\n' +
      'Backup Daemon: daemon-3.example.net\r\n' +
      'this line has no key\r\n' +
      'Snapshot Id: 5735fb4fe4b0e4e5c3a0a0a0\r\n';
    const info = parseRestoreInfo(text);
    assert.equal(info.title, 'Restore Information');
    assert.equal(info.restoreTimestamp, 'Thu May 19 20:05:00 GMT 2016 (1463688300, 1)');
    assert.equal(info.mongodbVersion, '4.4.29');
    assert.deepEqual(info.unknown, [
      { key: 'Backup Daemon', value: 'daemon-3.example.net' },
      { key: 'Snapshot Id', value: '5735fb4fe4b0e4e5c3a0a0a0' },
    ]);
    assert.deepEqual(info.other, ['this line has no key']);
    assert.equal(info.lines.length, 4);
  });

  it('an encrypted snapshot: the Master Key UUID, and an Encryption line on its own', () => {
    const withKey = parseRestoreInfo(restoreInfoText({ masterKeyUuid: '3f0c5b8e-2c1d-4a7e-9b1a-0d2e4f6a8c0b' }));
    assert.equal(withKey.encrypted, true);
    assert.equal(withKey.masterKeyUuid, '3f0c5b8e-2c1d-4a7e-9b1a-0d2e4f6a8c0b');
    assert.equal(withKey.encryption, 'true');
    assert.equal(parseRestoreInfo('Encryption: enabled\n').encrypted, true);
    assert.equal(parseRestoreInfo('Encryption: false\n').encrypted, false);
  });

  it('keeps Startup Options that are not JSON as text, and flattens nested ones to dotted keys', () => {
    const loose = parseRestoreInfo('Startup Options: { storage: { directoryPerDB: true } }\n');
    assert.equal(loose.startupOptionsText, '{ storage: { directoryPerDB: true } }');
    assert.equal(loose.startupOptions, undefined);
    const nested = parseRestoreInfo(
      'Startup Options: {"storage": {"wiredTiger": {"engineConfig": {"cacheSizeGB": 2}}}, "net": {"bindIp": ["a"]}}\n',
    );
    assert.deepEqual(nested.startupOptions, {
      'storage.wiredTiger.engineConfig.cacheSizeGB': 2,
      'net.bindIp': '["a"]',
    });
  });

  it('no oplog timestamp when the value has none; the first of a repeated key wins', () => {
    const info = parseRestoreInfo('Last Oplog Applied: unknown\nMongoDB Version: 5.0.1\nMongoDB Version: 9.9.9\n');
    assert.equal(info.lastOplogApplied, 'unknown');
    assert.equal(info.lastOplogTimestamp, undefined);
    assert.equal(info.mongodbVersion, '5.0.1');
  });

  it('stays linear on hostile input (long lines of colons, parentheses and digits)', () => {
    const line = `Last Oplog Applied: ${'(1, '.repeat(200_000)}`;
    const text = `${line}\n${':'.repeat(300_000)}\n${'('.repeat(100_000)}\n`;
    const info = parseRestoreInfo(text);
    assert.equal(info.lastOplogTimestamp, undefined);
    assert.ok(info.lastOplogApplied !== undefined && info.lastOplogApplied.length <= 4096, 'lines are bounded');
  });
});
