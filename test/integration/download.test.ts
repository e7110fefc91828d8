// "Download Restore Archive" inside a real VS Code, against the in-process simulator: run with arguments (no
// prompts when a destination is given), the file lands in a temporary folder with the simulator's SHA-1.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { revealFile } from '../../src/core/savedFile';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { setApiKey, setServers, waitFor } from './uiSupport';

const J = SAMPLE.jobs;
const SERVER = 'Download Sim';
const COMMAND = 'opsManager.downloadRestoreArchive';

interface Result {
  path: string;
  sha1: string;
  verified: boolean;
}

function isResult(value: unknown): value is Result {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'path') === 'string' &&
    typeof Reflect.get(value, 'sha1') === 'string' &&
    typeof Reflect.get(value, 'verified') === 'boolean'
  );
}

function args(
  job: { id: string; groupId: string; clusterId: string },
  destination: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { server: SERVER, groupId: job.groupId, clusterId: job.clusterId, jobId: job.id, destination, ...extra };
}

function sha1File(file: string): string {
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

describe('Download Restore Archive', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let dir: string;
  let archiveSha1: string;

  before(async () => {
    sim = await startSimulator({ archiveMb: 1 });
    archiveSha1 = (await sim.archive()).sha1;
    await setServers([{ name: SERVER, baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey(SERVER, sim.key);
  });

  after(async () => {
    await setServers([]);
    await sim?.close();
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-download-it-'));
    sim.faults.clear();
    sim.clearLog();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('downloads into a folder given as the destination and verifies the SHA-1', async () => {
    const result: unknown = await vscode.commands.executeCommand(COMMAND, args(J.pointInTime, dir));
    assert.ok(isResult(result), `the command returns {path, sha1, verified}, got ${JSON.stringify(result)}`);
    assert.equal(path.dirname(result.path), dir);
    assert.ok(fs.existsSync(result.path), 'the file exists');
    assert.equal(sha1File(result.path), archiveSha1);
    assert.equal(result.sha1, archiveSha1);
    assert.equal(result.verified, true, 'verified against the hash Ops Manager added after the download');
    assert.deepEqual(fs.readdirSync(dir), [path.basename(result.path)], 'no temporary file left');
    const backup = sim.log.filter((e) => e.port === 'backup');
    assert.equal(backup.length, 1);
    assert.equal(backup[0].authorization, undefined, 'no credentials went to the backup host');
  });

  it('downloads to a file path given as the destination, from a tree-node-like argument', async () => {
    const file = path.join(dir, 'chosen-name.tar.gz');
    const ref = {
      server: SERVER,
      groupId: J.pointInTime.groupId,
      clusterId: J.pointInTime.clusterId,
      jobId: J.pointInTime.id,
    };
    const result: unknown = await vscode.commands.executeCommand(COMMAND, { ref, destination: file });
    assert.ok(isResult(result));
    assert.equal(result.path, file);
    assert.equal(sha1File(file), archiveSha1);
  });

  it('does not overwrite an existing file given as the destination', async () => {
    const file = path.join(dir, 'existing.tar.gz');
    fs.writeFileSync(file, 'keep');
    const result: unknown = await vscode.commands.executeCommand(COMMAND, args(J.pointInTime, file));
    assert.equal(result, undefined, 'nothing was saved');
    assert.equal(fs.readFileSync(file, 'utf8'), 'keep');
    assert.equal(sim.log.filter((e) => e.port === 'backup').length, 0, 'no download was spent');
    const replaced: unknown = await vscode.commands.executeCommand(
      COMMAND,
      args(J.pointInTime, file, { overwrite: true }),
    );
    assert.ok(isResult(replaced));
    assert.equal(sha1File(file), archiveSha1);
  });

  it('refuses an expired job without contacting the backup host', async () => {
    const result: unknown = await vscode.commands.executeCommand(COMMAND, args(J.expired, dir));
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.equal(sim.log.filter((e) => e.port === 'backup').length, 0);
  });

  it('runs one download per job at a time, several jobs at once', async () => {
    sim.faults.add({ port: 'backup', latencyMs: 1500, times: 1 });
    sim.clearLog();
    const first = vscode.commands.executeCommand(COMMAND, args(J.pointInTime, path.join(dir, 'a.tar.gz')));
    // The second command starts once the first one's request is at the backup host (held there 1.5 s).
    await waitFor('the first download at the backup host', () =>
      sim.log.some((e) => e.port === 'backup') ? true : undefined,
    );
    const second: unknown = await vscode.commands.executeCommand(
      COMMAND,
      args(J.pointInTime, path.join(dir, 'b.tar.gz')),
    );
    assert.equal(second, undefined, 'the same job is not downloaded twice at once');
    const other: unknown = await vscode.commands.executeCommand(
      COMMAND,
      args(J.stagingReady, path.join(dir, 'c.tar.gz')),
    );
    assert.ok(isResult(other), 'another job downloads meanwhile');
    const firstResult: unknown = await first;
    assert.ok(isResult(firstResult));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.tar.gz', 'c.tar.gz']);
  });

  it('"Reveal in File Explorer" falls back to the clipboard where the web workbench has no revealFileInOS', async function () {
    if (vscode.env.uiKind !== vscode.UIKind.Web) {
      this.skip(); // desktop VS Code would open a real file manager window
    }
    const file = path.join(dir, 'reveal-me.tar.gz');
    fs.writeFileSync(file, 'x');
    const how = await revealFile(vscode.Uri.file(file));
    assert.equal(how, 'clipboard', 'outside the workspace, the path is copied');
    // (readText is not checked: without the browser's clipboard-read permission it never settles.)
  });
});
