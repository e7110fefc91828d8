// "Inspect / Extract Restore Archive" inside a real VS Code: run with arguments (no prompts), results returned,
// hostile archives refused with nothing written, a batch folder unpacked part by part in start order, and the
// job panel's Archive section filled in after a verified download.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobRef } from '../../src/core/services';
import { hostileArchives } from '../simulator/hostileArchives';
import { restoreInfoText, SIM_RESTORE_INFO, SIM_TOP_FOLDER, smallRestoreArchive } from '../simulator/omLayout';
import { SAMPLE } from '../simulator/sampleData';
import { startSimulator, type Simulator } from '../simulator/server';
import { readLogs, setApiKey, setServers, testApi, waitFor } from './uiSupport';

const INSPECT = 'opsManager.inspectRestoreArchive';
const EXTRACT = 'opsManager.extractRestoreArchive';

const rec = (value: unknown): Record<string, unknown> => {
  assert.ok(typeof value === 'object' && value !== null, `an object, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
};

function parts(result: unknown): Record<string, unknown>[] {
  const parts = rec(result).parts;
  assert.ok(Array.isArray(parts), 'the result lists its parts');
  return parts.map(rec);
}

describe('Inspect and Extract Restore Archive', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-archive-it-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('inspects an archive given as an argument and returns restoreInfo.txt parsed', async () => {
    const archive = path.join(dir, 'rs0-1700000000.tar.gz');
    fs.writeFileSync(archive, smallRestoreArchive({ mongodbVersion: '5.0.26' }));
    const result = rec(await vscode.commands.executeCommand(INSPECT, { archive }));
    assert.equal(result.topFolder, 'rs0-1700000000');
    assert.equal(rec(result.restoreInfo).mongodbVersion, '5.0.26');
    assert.equal(result.refusal, undefined);
  });

  it('extracts with {archive, destination}: the destination is the data folder, and the mongod command uses it', async () => {
    const archive = path.join(dir, 'rs0-1700000000.tar.gz');
    fs.writeFileSync(archive, smallRestoreArchive());
    const destination = path.join(dir, 'restored');
    const [part] = parts(await vscode.commands.executeCommand(EXTRACT, { archive, destination }));
    assert.equal(part.dataPath, destination);
    assert.equal(fs.readFileSync(path.join(destination, 'restoreInfo.txt'), 'utf8'), restoreInfoText());
    const mongod = rec(part.mongod);
    assert.equal(typeof mongod.port, 'number');
    const argv = mongod.argv;
    assert.ok(Array.isArray(argv));
    assert.deepEqual(argv.slice(0, 3), ['mongod', '--dbpath', destination]);
    assert.match(String(mongod.command), /--wiredTigerCollectionBlockCompressor snappy/);
    assert.deepEqual(mongod.noteText, [
      `Run it with MongoDB ${SIM_RESTORE_INFO.mongodbVersion} (from restoreInfo.txt).`,
    ]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['restored', 'rs0-1700000000.tar.gz']);
  });

  it('refuses a hostile archive (the command resolves to nothing) and writes nothing', async () => {
    const hostile = hostileArchives().find((h) => h.name === 'symlink-escape');
    assert.ok(hostile);
    const archive = path.join(dir, 'evil.tar.gz');
    fs.writeFileSync(archive, hostile.bytes);
    const result: unknown = await vscode.commands.executeCommand(EXTRACT, {
      archive,
      destination: path.join(dir, 'x'),
    });
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(dir), ['evil.tar.gz']);
  });

  it('names a hostile entry in its refusal as it is: one line, no reordering, no link a notification would open', async () => {
    const entry = `${SIM_TOP_FOLDER}/../../evil\u202Etxt.exe\n[Open](command:workbench.action.terminal.new)`;
    const archive = path.join(dir, 'named.tar.gz');
    fs.writeFileSync(archive, smallRestoreArchive({ extra: [{ name: entry, data: 'x' }] }));
    const result: unknown = await vscode.commands.executeCommand(EXTRACT, {
      archive,
      destination: path.join(dir, 'x'),
    });
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(dir), ['named.tar.gz']);
    // The wrapper logs exactly the sentence it shows in the error notification.
    const api = await testApi();
    const line = await waitFor('the refusal in the log', () =>
      readLogs(api.logUri)
        .split('\n')
        .find((l) => l.includes('opsManager.extractRestoreArchive failed') && l.includes('named.tar.gz')),
    );
    assert.ok(line.includes('evil\\u202etxt.exe [Open] (command:workbench'), line);
    assert.ok(!line.includes('\u202E') && !line.includes(']('), line);
  });

  it('unpacks a batch folder: every part into its own folder, the config server first', async () => {
    const batch = path.join(dir, 'batch');
    fs.mkdirSync(batch);
    fs.writeFileSync(
      path.join(batch, 'Cluster0-shard-0-1700000000-a.tar.gz'),
      smallRestoreArchive({ replicaSet: 'shard0' }),
    );
    fs.writeFileSync(
      path.join(batch, 'Cluster0-shard-1-1700000000-b.tar.gz'),
      smallRestoreArchive({ replicaSet: 'shard1' }),
    );
    fs.writeFileSync(
      path.join(batch, 'config-Cluster0-config-0-1700000000-c.tar.gz'),
      smallRestoreArchive({ replicaSet: 'csrs' }),
    );
    const result = rec(await vscode.commands.executeCommand(EXTRACT, { archive: batch }));
    assert.equal(result.batch, true);
    const list = parts(result);
    assert.deepEqual(
      list.map((p) => [p.role, path.basename(String(p.dataPath)), rec(p.restoreInfo).replicaSet]),
      [
        ['config', 'config-Cluster0-config-0-1700000000-c', 'csrs'],
        ['shard', 'Cluster0-shard-0-1700000000-a', 'shard0'],
        ['shard', 'Cluster0-shard-1-1700000000-b', 'shard1'],
      ],
    );
    const ports = list.map((p) => rec(p.mongod).port);
    assert.equal(new Set(ports).size, 3, 'each part gets its own port');
  });
});

describe('Job panel: Archive section after a verified download', function () {
  this.timeout(60_000);
  const SERVER = 'Archive Sim';
  let sim: Simulator;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ archiveMb: 1 });
    await setServers([{ name: SERVER, baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey(SERVER, sim.key);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-archive-panel-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setServers([]);
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("shows restoreInfo.txt's MongoDB version once the download is verified", async () => {
    const job = SAMPLE.jobs.pointInTime;
    const ref: JobRef = { server: SERVER, groupId: job.groupId, clusterId: job.clusterId, jobId: job.id };
    await vscode.commands.executeCommand('opsManager.fetchRestoreJob', { ...ref });
    const api = await testApi();
    await waitFor('the panel', () => api.panels.getState(ref));
    const saved = rec(
      await vscode.commands.executeCommand('opsManager.downloadRestoreArchive', { ...ref, destination: dir }),
    );
    assert.equal(saved.verified, true);
    const archive = await waitFor('the Archive section', () => {
      const state = api.panels.getState(ref)?.archive;
      return state?.kind === 'inspected' ? state : undefined;
    });
    assert.equal(archive.archive, saved.path);
    assert.equal(archive.view.mongodbVersion, SIM_RESTORE_INFO.mongodbVersion);
  });
});
