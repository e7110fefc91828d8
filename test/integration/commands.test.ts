// The palette commands run with arguments (no prompts), against the simulator: fetching a restore job (IDs, a
// pasted URL, a config-server job), ID validation before any request, adding and removing a server, copying IDs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { jobIdProblem } from '../../src/lookup/fetchRestoreJob';
import type { RestoreJob } from '../../src/opsManager/api/model';
import { children, item, labelOf, nodeAt, readLogs, setApiKey, setServers, testApi, waitFor } from './uiSupport';

const G = SAMPLE.groups;
const C = SAMPLE.clusters;
const J = SAMPLE.jobs;

function fetchJob(args: Record<string, unknown>): Thenable<RestoreJob | undefined> {
  return vscode.commands.executeCommand<RestoreJob | undefined>('opsManager.fetchRestoreJob', args);
}

function isBlocking(validation: ReturnType<typeof jobIdProblem>): boolean {
  if (validation === undefined) return false;
  return typeof validation === 'string' || validation.severity === vscode.InputBoxValidationSeverity.Error;
}

describe('Commands', function () {
  this.timeout(30_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
    await setServers([{ name: 'Sim', baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey('Sim', sim.key);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setServers([]);
    await sim?.close();
  });

  describe('Fetch Restore Job by ID', () => {
    it('fetches a job by its IDs without asking anything, and returns it', async () => {
      const job = await fetchJob({
        server: 'Sim',
        groupId: G.production.id,
        clusterId: C.orders.id,
        jobId: J.ready.id,
      });
      assert.ok(job, 'the command returns the job');
      assert.equal(job.id, J.ready.id);
      assert.equal(job.statusName, 'FINISHED');
      assert.equal(job.delivery?.statusName, 'READY');
    });

    it('opens the job in a panel', async () => {
      await fetchJob({ server: 'Sim', groupId: G.production.id, clusterId: C.orders.id, jobId: J.expired.id });
      await waitFor('a restore job panel', () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find(
            (tab) =>
              tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('opsManager.restoreJob'),
          ),
      );
    });

    it('accepts a pasted restore job API URL', async () => {
      const url = `${sim.baseUrl}/api/public/v1.0/groups/${G.production.id}/clusters/${C.orders.id}/restoreJobs/${J.encrypted.id}?pretty=true`;
      const job = await fetchJob({ url });
      assert.equal(job?.id, J.encrypted.id, 'the URL picks the server by its host and fills group, cluster and job');
      const asJobId = await fetchJob({ server: 'Sim', jobId: url });
      assert.equal(asJobId?.id, J.encrypted.id, 'a URL typed as the job ID works too');
    });

    it('fetches a config server (SCCC) job by host ID', async () => {
      const job = await fetchJob({ server: 'Sim', groupId: J.sccc.groupId, hostId: J.sccc.hostId, jobId: J.sccc.id });
      assert.equal(job?.id, J.sccc.id);
      assert.equal(job?.hostId, J.sccc.hostId);
    });

    it('rejects malformed IDs before sending any request', async () => {
      sim.clearLog();
      const cases = [
        { server: 'Sim', groupId: G.production.id, clusterId: C.orders.id, jobId: J.ready.id.slice(1) },
        { server: 'Sim', groupId: G.production.id, clusterId: 'rs-orders', jobId: J.ready.id },
        { server: 'Sim', groupId: 'Production', clusterId: C.orders.id, jobId: J.ready.id },
        { server: 'Sim', groupId: G.production.id, clusterId: C.orders.id, jobId: `${J.ready.id.slice(0, 23)}g` },
      ];
      for (const args of cases) {
        assert.equal(await fetchJob(args), undefined, `refused ${JSON.stringify(args)}`);
      }
      assert.deepEqual(
        sim.log.map((entry) => entry.url),
        [],
        'no request reached the server',
      );
    });

    it("answers a missing job with undefined, and the wrapper reports Ops Manager's 404", async () => {
      const missing = 'ffffffffffffffffffffffff';
      sim.clearLog();
      const job = await fetchJob({ server: 'Sim', groupId: G.production.id, clusterId: C.orders.id, jobId: missing });
      assert.equal(job, undefined);
      assert.deepEqual(
        sim.log.filter((e) => e.url.includes(`/restoreJobs/${missing}`) && e.status !== 401).map((e) => e.status),
        [404],
        'the job was asked for once and Ops Manager answered 404',
      );
      // What the wrapper logs is what it shows (the message), with the status and Ops Manager's error code.
      const api = await testApi();
      const line = await waitFor('the failure in the log', () =>
        readLogs(api.logUri)
          .split('\n')
          .find((l) => l.includes('opsManager.fetchRestoreJob failed') && l.includes(missing)),
      );
      assert.match(line, /status=404/);
      assert.match(line, /errorCode=RESTORE_JOB_NOT_FOUND/);
    });

    it('validates the typed job ID as you type', () => {
      assert.equal(jobIdProblem(J.ready.id), undefined);
      assert.equal(jobIdProblem(` ${J.ready.id.toUpperCase()} `), undefined);
      assert.ok(isBlocking(jobIdProblem(J.ready.id.slice(2))));
      assert.match(String(jobIdProblem('abc123')), /24 hexadecimal characters; this has 6/);
      assert.ok(isBlocking(jobIdProblem('rs-orders')));
      const url = `https://om.example.com:8443/api/public/v1.0/groups/${G.production.id}/clusters/${C.orders.id}/restoreJobs/${J.ready.id}`;
      const info = jobIdProblem(url);
      assert.ok(
        info !== undefined && typeof info !== 'string' && info.severity === vscode.InputBoxValidationSeverity.Info,
      );
      assert.ok(
        info.message.includes(J.ready.id) &&
          info.message.includes(C.orders.id) &&
          info.message.includes(G.production.id),
      );
      assert.ok(
        isBlocking(jobIdProblem(url.replace(C.orders.id, 'rs-orders'))),
        'a URL with a cluster name is refused',
      );
    });
  });

  describe('Servers', () => {
    it('adds a server after a connection test, with the key in secret storage only', async () => {
      const result = await vscode.commands.executeCommand<{ name: string; version?: string } | undefined>(
        'opsManager.addServer',
        {
          name: 'Added',
          baseUrl: `${sim.baseUrl}/`,
          username: sim.user,
          apiKey: sim.key,
        },
      );
      assert.equal(result?.name, 'Added');
      const servers = vscode.workspace.getConfiguration().inspect<unknown[]>('opsManager.servers')?.globalValue ?? [];
      const added = servers.find(
        (s) => typeof s === 'object' && s !== null && (s as { name?: unknown }).name === 'Added',
      );
      assert.deepEqual(added, { name: 'Added', baseUrl: `${sim.baseUrl}/`, username: sim.user });
      assert.ok(!JSON.stringify(servers).includes(sim.key), 'the key is not in settings');
      const node = await nodeAt('Added');
      assert.equal(item(node).contextValue, 'server', 'the new server has its key');
      assert.ok((await children(node)).length > 1, 'and lists groups');
    });

    it('does not add a server whose connection test fails', async () => {
      const result = await vscode.commands.executeCommand('opsManager.addServer', {
        name: 'Bad Key',
        baseUrl: sim.baseUrl,
        username: sim.user,
        apiKey: 'definitely-wrong-key',
      });
      assert.equal(result, undefined);
      const names = (await children()).map(labelOf);
      assert.ok(!names.includes('Bad Key'), names.join());
    });

    it('refuses an invalid URL without saving anything', async () => {
      const result = await vscode.commands.executeCommand('opsManager.addServer', {
        name: 'No Scheme',
        baseUrl: 'opsmanager.example.com:8443',
        username: 'u',
        apiKey: 'some-key-value',
        testConnection: false,
      });
      assert.equal(result, undefined);
      assert.ok(!(await children()).map(labelOf).includes('No Scheme'));
    });

    it('removes a server from the settings', async () => {
      const removed = await vscode.commands.executeCommand('opsManager.removeServer', {
        server: 'Added',
        confirm: false,
      });
      assert.equal(removed, true);
      assert.deepEqual((await children()).map(labelOf), ['Sim']);
      // 'Sim' is the same account (same URL and user): its shared key stays.
      assert.equal(item(await nodeAt('Sim')).contextValue, 'server');
    });

    it('copies a restore job ID from the tree', async () => {
      const jobs = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
      const copied = await vscode.commands.executeCommand('opsManager.copyId', jobs[0]);
      assert.equal(copied, J.inProgress.id);
    });
  });
});
