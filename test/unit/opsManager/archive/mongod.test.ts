import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import {
  archiveBaseName,
  buildMongodCommand,
  findFreePort,
  orderBatchParts,
  parseRestoreInfo,
  quoteArg,
} from '../../../../src/opsManager/archive';
import { restoreInfoText } from '../../../simulator/omLayout';

describe('mongod command for a restored snapshot', () => {
  it("uses restoreInfo.txt's engine and startup options, the dbpath, the port, and localhost only", () => {
    const info = parseRestoreInfo(
      'MongoDB Version: 3.0.12\nStorage Engine: wiredTiger\nStartup Options: { "storage.directoryPerDB" : true }\n',
    );
    const cmd = buildMongodCommand({ restoreInfo: info, dbPath: '/data/rs0-1463688285', port: 27018 });
    assert.deepEqual(cmd.argv, [
      'mongod',
      '--dbpath',
      '/data/rs0-1463688285',
      '--port',
      '27018',
      '--bind_ip',
      '127.0.0.1',
      '--directoryperdb',
      '--storageEngine',
      'wiredTiger',
    ]);
    assert.equal(
      cmd.command,
      'mongod --dbpath /data/rs0-1463688285 --port 27018 --bind_ip 127.0.0.1 --directoryperdb --storageEngine wiredTiger',
    );
    assert.deepEqual(cmd.notes, [{ code: 'USE_VERSION', version: '3.0.12' }]);
  });

  it('quotes paths with spaces and quotes for POSIX shells and PowerShell, so nothing expands', () => {
    const dbPath = "/home/o'neil/My Restores/$HOME `x`";
    const posix = buildMongodCommand({ dbPath, port: 27017 });
    assert.equal(posix.argv[2], dbPath);
    assert.match(posix.command, /^mongod --dbpath '\/home\/o'\\''neil\/My Restores\/\$HOME `x`' --port 27017/);
    assert.equal(quoteArg("C:\\It's here", 'powershell'), "'C:\\It''s here'");
    assert.equal(posix.notes[0].code, 'NO_RESTORE_INFO');
  });

  it('an encrypted snapshot gets the KMIP options with its Master Key UUID, and placeholders it asks to replace', () => {
    const uuid = '3f0c5b8e-2c1d-4a7e-9b1a-0d2e4f6a8c0b';
    const info = parseRestoreInfo(restoreInfoText({ masterKeyUuid: uuid }));
    const cmd = buildMongodCommand({ restoreInfo: info, dbPath: '/r', port: 27017 });
    const at = (flag: string): string | undefined => cmd.argv[cmd.argv.indexOf(flag) + 1];
    assert.ok(cmd.argv.includes('--enableEncryption'));
    assert.equal(at('--kmipKeyIdentifier'), uuid);
    assert.equal(at('--kmipServerName'), '<kmip-server-host>');
    assert.match(cmd.command, /--kmipServerName '<kmip-server-host>'/, 'placeholders are quoted: no redirection');
    assert.ok(cmd.notes.some((n) => n.code === 'KMIP_PLACEHOLDERS'));
    const given = buildMongodCommand({
      restoreInfo: info,
      dbPath: '/r',
      port: 27017,
      kmip: { serverName: 'kmip.example.net', serverCAFile: '/ca.pem', clientCertificateFile: '/client.pem' },
    });
    assert.equal(given.argv[given.argv.indexOf('--kmipServerName') + 1], 'kmip.example.net');
    assert.ok(!given.notes.some((n) => n.code === 'KMIP_PLACEHOLDERS'));
  });

  it('lists options with no command-line flag for a configuration file instead of guessing', () => {
    const info = parseRestoreInfo(
      'Startup Options: {"storage.journal.commitIntervalMs": 50, "storage.journal.enabled": false}\n',
    );
    const cmd = buildMongodCommand({ restoreInfo: info, dbPath: '/r', port: 1 });
    assert.ok(cmd.argv.includes('--nojournal'));
    assert.deepEqual(
      cmd.notes.filter((n) => n.code === 'OPTION_IN_CONFIG_FILE'),
      [{ code: 'OPTION_IN_CONFIG_FILE', option: 'storage.journal.commitIntervalMs', value: '50' }],
    );
    assert.ok(cmd.notes.some((n) => n.code === 'VERSION_UNKNOWN'));
  });

  it('finds a port nothing listens on, skipping a busy one', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as net.AddressInfo).port;
    try {
      const port = await findFreePort([taken]);
      assert.notEqual(port, taken);
      assert.ok(port > 0);
      assert.equal(await findFreePort([port]), port, 'a free preferred port is used as is');
    } finally {
      busy.close();
    }
  });
});

describe('sharded batch order', () => {
  it('config server replica set first, then the shards by name (numbers in order)', () => {
    const parts = orderBatchParts([
      '/b/Cluster0-shard-10-1516661094-aaa.tar.gz',
      '/b/Cluster0-shard-2-1516661094-bbb.tar.gz',
      '/b/config-Cluster0-config-0-5a66-1516661094-ccc.tar.gz',
      '/b/Cluster0-shard-1-1516661094-ddd.tgz',
    ]);
    assert.deepEqual(
      parts.map((p) => [p.role, p.name]),
      [
        ['config', 'config-Cluster0-config-0-5a66-1516661094-ccc'],
        ['shard', 'Cluster0-shard-1-1516661094-ddd'],
        ['shard', 'Cluster0-shard-2-1516661094-bbb'],
        ['shard', 'Cluster0-shard-10-1516661094-aaa'],
      ],
    );
  });

  it("a hint (restoreInfo.txt's replica set) overrides the file name", () => {
    const parts = orderBatchParts(['/b/a.tar.gz', '/b/b.tar.gz'], (f) => f.endsWith('b.tar.gz'));
    assert.deepEqual(
      parts.map((p) => p.name),
      ['b', 'a'],
    );
  });

  it('names the folder after the archive', () => {
    assert.equal(archiveBaseName('/x/rs0-1700000000-abc.tar.gz'), 'rs0-1700000000-abc');
    assert.equal(archiveBaseName('/x/A.TGZ'), 'A');
    assert.equal(archiveBaseName('/x/plain.tar'), 'plain');
    assert.equal(archiveBaseName('/x/.tar.gz'), '.tar.gz-extracted');
  });
});
