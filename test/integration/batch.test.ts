// "Download Sharded Restore…" inside a real VS Code, against the in-process simulator, run with arguments (no
// prompts when a destination is given): every part in one new folder, verified, with the manifest.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { setApiKey, setServers } from './uiSupport';

const SERVER = 'Batch Sim';
const COMMAND = 'opsManager.downloadRestoreBatch';
const G = SAMPLE.groups.production.id;
const C = SAMPLE.clusters.catalog.id;

interface PartResult {
  name: string;
  role: string;
  jobId: string;
  status: string;
  file: string;
  sha1?: string;
}

interface Result {
  folder: string;
  manifestPath?: string;
  cancelled: boolean;
  parts: PartResult[];
}

function isResult(value: unknown): value is Result {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'folder') === 'string' &&
    Array.isArray(Reflect.get(value, 'parts'))
  );
}

function sha1File(file: string): string {
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

function readManifest(file: string): { batchId: string; parts: Array<{ file: string; sha1: string; name: string }> } {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(typeof parsed === 'object' && parsed !== null);
  const batchId = Reflect.get(parsed, 'batchId');
  const parts = Reflect.get(parsed, 'parts');
  assert.ok(typeof batchId === 'string' && Array.isArray(parts));
  return { batchId, parts };
}

describe('Download Sharded Restore', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ archiveMb: 1, progressAfterMs: 1500 });
    await setServers([{ name: SERVER, baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey(SERVER, sim.key);
    await vscode.workspace
      .getConfiguration('opsManager')
      .update('watchIntervalSeconds', 1, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('opsManager')
      .update('watchIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await setServers([]);
    await sim?.close();
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-batch-it-'));
    sim.faults.clear();
    sim.clearLog();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('downloads every part of {server, groupId, clusterId, batchId, destination} into one new folder with a manifest', async () => {
    const result: unknown = await vscode.commands.executeCommand(COMMAND, {
      server: SERVER,
      groupId: G,
      clusterId: C,
      batchId: SAMPLE.batchIds.catalog,
      destination: dir,
    });
    assert.ok(isResult(result), `the command returns the batch's outcome, got ${JSON.stringify(result)}`);
    assert.equal(path.dirname(result.folder), dir);
    assert.match(path.basename(result.folder), /^catalog-\d{4}-\d{2}-\d{2}T\d{4}Z$/);
    assert.deepEqual(
      result.parts.map((p) => `${p.name}/${p.role}/${p.status}`),
      ['catalog_shard_0/shard/verified', 'catalog_shard_1/shard/verified', 'catalog_config/config/verified'],
    );
    assert.equal(result.manifestPath, path.join(result.folder, 'restore-manifest.json'));
    const manifest = readManifest(result.manifestPath);
    assert.equal(manifest.batchId, SAMPLE.batchIds.catalog);
    assert.equal(manifest.parts.length, 3);
    for (const part of manifest.parts) {
      assert.equal(sha1File(path.join(result.folder, part.file)), part.sha1, part.name);
    }
    assert.equal(new Set(manifest.parts.map((p) => p.sha1)).size, 3, 'different contents, different hashes');
    assert.ok(
      sim.log.some((e) => e.url.includes(`batchId=${SAMPLE.batchIds.catalog}`)),
      'the parts were listed with ?batchId=',
    );
  });

  it('starts from a part (its panel passes the JobRef), waits for the part still being prepared, and completes', async () => {
    const result: unknown = await vscode.commands.executeCommand(COMMAND, {
      server: SERVER,
      groupId: G,
      clusterId: C,
      jobId: SAMPLE.jobs.laterConfig.id,
      destination: dir,
    });
    assert.ok(isResult(result), JSON.stringify(result));
    assert.ok(result.manifestPath !== undefined, JSON.stringify(result.parts));
    assert.deepEqual(result.parts.map((p) => p.name).sort(), [
      'catalog_config',
      'catalog_shard_0',
      'catalog_shard_1',
      'catalog_shard_2',
    ]);
    assert.ok(result.parts.every((p) => p.status === 'verified'));
  });

  it('refuses a batch with a part that can no longer be downloaded, and creates nothing', async () => {
    const result: unknown = await vscode.commands.executeCommand(COMMAND, {
      server: SERVER,
      groupId: G,
      clusterId: SAMPLE.clusters.legacy.id,
      batchId: SAMPLE.batchIds.legacy,
      destination: dir,
    });
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.equal(sim.log.filter((e) => e.port === 'backup').length, 0, 'no download was started');
  });

  it('refuses malformed arguments before any request', async () => {
    const result: unknown = await vscode.commands.executeCommand(COMMAND, {
      server: SERVER,
      groupId: G,
      clusterId: C,
      batchId: 'not-a-batch',
      destination: dir,
    });
    assert.equal(result, undefined);
    assert.equal(sim.log.length, 0);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
