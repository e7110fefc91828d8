// Starting a restore from the editor, inside a real VS Code against the simulator: the cluster's "Restore Jobs" and
// "Snapshots" groups, and opsManager.createRestoreJob with arguments (no prompts): a download link from a snapshot,
// a sharded restore (one job per shard plus the config server), the automated-restore confirmation, and bad input
// that creates nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { SAMPLE_BACKUP } from '../simulator/sampleBackups';
import type { RestoreJob } from '../../src/opsManager/api/model';
import { RESTORE_OUTCOME_UNKNOWN, RESTORE_PROBLEM_CODES } from '../../src/opsManager/api/createRestore';
import { OpsManagerError } from '../../src/opsManager/common/errors';
import { worded } from '../../src/restore/wording';
import { children, item, labelOf, nodeAt, setApiKey, setServers, testApi, tooltipText, waitFor } from './uiSupport';

const G = SAMPLE.groups;
const C = SAMPLE.clusters;
const S = SAMPLE_BACKUP.snapshots;
const HOUR = 3_600_000;

function create(args: Record<string, unknown>): Thenable<RestoreJob[] | undefined> {
  return vscode.commands.executeCommand<RestoreJob[] | undefined>('opsManager.createRestoreJob', args);
}

describe('Restore: snapshots in the tree and Create Restore Job', function () {
  this.timeout(30_000);
  let sim: Simulator;
  const posts = (): number =>
    sim.log.filter(
      (e) => e.port === 'api' && e.method === 'POST' && e.status !== 401 && !e.url.includes('restorableTimeRanges'),
    ).length;

  before(async () => {
    sim = await startSimulator({ progressAfterMs: 500 });
    await setServers([{ name: 'Sim', baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey('Sim', sim.key);
  });

  beforeEach(() => sim.clearLog());

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setServers([]);
    await sim?.close();
  });

  describe('the tree', () => {
    it('gives each cluster a "Restore Jobs" and a "Snapshots" group', async () => {
      const groups = await children(await nodeAt('Sim', G.production.name, 'rs-orders'));
      assert.deepEqual(groups.map(labelOf), ['Restore Jobs', 'Snapshots']);
      assert.equal(item(groups[0]).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      assert.equal(item(groups[1]).contextValue, 'snapshots');
    });

    it('lists snapshots newest first: time, complete or not, size, version, expiry or do-not-delete, every ID', async () => {
      const snapshots = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Snapshots'));
      const ids = snapshots.map((n) => (item(n).id ?? '').replace(/^.*\/snapshot:/, ''));
      assert.deepEqual(ids, [S.ordersInProgress, S.ordersLatest, S.ordersKept, S.ordersOld]);
      const [inProgress, latest, kept] = snapshots.map(item);
      assert.equal(inProgress.contextValue, 'snapshot incomplete');
      assert.match(String(inProgress.description), /^In progress/);
      assert.equal(latest.contextValue, 'snapshot complete');
      assert.match(String(latest.description), /^Complete · 2\.5 GB · MongoDB 7\.0\.12 · Expires /);
      assert.match(String(kept.description), /Do not delete$/);
      assert.doesNotMatch(typeof latest.label === 'string' ? latest.label : '', /^[0-9a-f]{24}$/);
      const tooltip = tooltipText(snapshots[1]);
      for (const id of [S.ordersLatest, C.orders.id, G.production.id]) assert.ok(tooltip.includes(id), id);
    });

    it('a sharded snapshot: its size summed over the parts, each part in the tooltip', async () => {
      const [, latest] = await children(await nodeAt('Sim', G.production.name, 'catalog', 'Snapshots'));
      assert.match(String(item(latest).description), /^Complete · 7\.0 GB/);
      const tooltip = tooltipText(latest);
      for (const id of [C.catalogShard0.id, C.catalogShard1.id, C.catalogConfig.id])
        assert.ok(tooltip.includes(id), id);
    });
  });

  describe('createRestoreJob with arguments', () => {
    it('creates a download link from a snapshot without asking, returns the job, shows it in the tree', async () => {
      const jobs = await create({
        server: 'Sim',
        groupId: G.production.id,
        clusterId: C.orders.id,
        snapshotId: S.ordersLatest,
        delivery: { methodName: 'HTTP', maxDownloads: 2, expirationHours: 6 },
      });
      assert.ok(jobs !== undefined && jobs.length === 1, 'the command returns the created job');
      const [job] = jobs;
      assert.equal(job.snapshotId, S.ordersLatest);
      assert.equal(job.delivery?.maxDownloads, 2);
      assert.equal(posts(), 1);
      const listed = await waitFor('the new job in the tree', async () => {
        const nodes = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
        return nodes.find((n) => (item(n).id ?? '').endsWith(`/job:${job.id}`));
      });
      assert.ok(listed);
      const api = await testApi();
      const ref = { server: 'Sim', groupId: G.production.id, clusterId: C.orders.id, jobId: job.id };
      await waitFor('the panel of the new job', () => api.panels.getState(ref));
    });

    it('a sharded cluster: one job per shard plus the config server, sharing one batchId', async () => {
      const jobs = await create({
        server: 'Sim',
        groupId: G.production.id,
        clusterId: C.catalog.id,
        snapshotId: S.catalogLatest,
        delivery: { methodName: 'HTTP' },
      });
      assert.equal(jobs?.length, 3);
      const batch = new Set(jobs?.map((j) => j.batchId));
      assert.equal(batch.size, 1);
      assert.ok([...batch][0], 'the jobs carry a batchId');
    });

    it('an automated restore needs confirmTarget equal to the target cluster ID; otherwise nothing is created', async () => {
      const args = {
        server: 'Sim',
        groupId: G.production.id,
        clusterId: C.orders.id,
        snapshotId: S.ordersKept,
        delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: G.staging.id, targetClusterId: C.staging.id },
      };
      const before = sim.data.jobs.length;
      assert.equal(await create(args), undefined);
      assert.equal(await create({ ...args, confirmTarget: 'rs-staging' }), undefined, 'a name is not the ID');
      assert.equal(posts(), 0);
      assert.equal(sim.data.jobs.length, before);
      const jobs = await create({ ...args, confirmTarget: C.staging.id });
      assert.equal(jobs?.[0].delivery?.targetClusterId, C.staging.id);
      assert.equal(posts(), 1);
    });

    const refused: Array<[string, Record<string, unknown>]> = [
      [
        'an incomplete snapshot',
        { clusterId: C.orders.id, snapshotId: S.ordersInProgress, delivery: { methodName: 'HTTP', maxDownloads: 1 } },
      ],
      [
        'a point in time outside the window',
        {
          clusterId: C.orders.id,
          pointInTimeUTCMillis: Date.now() - 20 * HOUR,
          delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: G.staging.id, targetClusterId: C.staging.id },
          confirmTarget: C.staging.id,
        },
      ],
      [
        'an automated restore onto its own source',
        {
          clusterId: C.orders.id,
          snapshotId: S.ordersLatest,
          delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: G.production.id, targetClusterId: C.orders.id },
          confirmTarget: C.orders.id,
        },
      ],
      [
        'two sources at once',
        {
          clusterId: C.orders.id,
          snapshotId: S.ordersLatest,
          checkpointId: SAMPLE_BACKUP.checkpoints.legacyRestorable,
          delivery: { methodName: 'HTTP' },
        },
      ],
      [
        'zero downloads',
        { clusterId: C.orders.id, snapshotId: S.ordersLatest, delivery: { methodName: 'HTTP', maxDownloads: 0 } },
      ],
    ];
    for (const [what, args] of refused) {
      it(`refuses ${what} before sending anything`, async () => {
        const before = sim.data.jobs.length;
        assert.equal(await create({ server: 'Sim', groupId: G.production.id, ...args }), undefined);
        assert.equal(posts(), 0);
        assert.equal(sim.data.jobs.length, before);
      });
    }

    it('the access list refusing the POST creates nothing and is not retried', async () => {
      const group = sim.data.groups.find((g) => g.id === G.production.id);
      assert.ok(group);
      const before = sim.data.jobs.length;
      group.createRequiresAccessList = true;
      try {
        const result = await create({
          server: 'Sim',
          groupId: G.production.id,
          clusterId: C.orders.id,
          snapshotId: S.ordersLatest,
          delivery: { methodName: 'HTTP' },
        });
        assert.equal(result, undefined);
      } finally {
        group.createRequiresAccessList = undefined;
      }
      assert.equal(posts(), 1);
      assert.equal(sim.data.jobs.length, before);
    });
  });

  describe('every error worded as what to do', () => {
    it('each check of the request has its own message, with its values filled in', () => {
      const messages = new Set<string>();
      for (const code of RESTORE_PROBLEM_CODES) {
        const error = new OpsManagerError({
          kind: 'invalid-input',
          errorCode: code,
          message: code,
          parameters: ['2030-01-01T00:00:00.000Z', '2029-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z'],
        });
        const text = (worded(error) as Error).message;
        assert.notEqual(text, code, `${code} is worded`);
        assert.doesNotMatch(text, /undefined|\{\d\}/, `${code}: ${text}`);
        messages.add(text);
      }
      assert.equal(messages.size, RESTORE_PROBLEM_CODES.length, 'no two checks share a message');
    });

    it("Ops Manager's refusals of a create say what to do, and keep the status and code", () => {
      const codes: Array<[number, string, RegExp]> = [
        [404, 'SNAPSHOT_NOT_FOUND', /choose another/],
        [409, 'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT', /deleted/],
        [409, 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', /not complete/],
        [409, 'NO_CHECKPOINT_FOR_PIT_RESTORE', /restorable window/],
        [409, 'LINK_EXPIRATION_AFTER_SNAPSHOT_DELETION', /shorter link lifetime/],
        [403, 'RESOURCE_REQUIRES_ACCESS_LIST', /access list/],
        [403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', /access list/],
        [400, 'INVALID_ATTRIBUTE', /Nothing was created/],
        [429, 'RATE_LIMITED', /not retried/],
      ];
      for (const [status, code, advice] of codes) {
        const error = new OpsManagerError({ kind: 'http', status, errorCode: code, message: 'raw', detail: 'said' });
        const result = worded(error);
        assert.ok(result instanceof OpsManagerError);
        assert.match(result.message, advice, code);
        assert.match(result.message, new RegExp(`HTTP ${status} ${code}`), code);
        assert.equal(result.errorCode, code);
      }
      const unknown = worded(
        new OpsManagerError({ kind: 'timeout', errorCode: RESTORE_OUTCOME_UNKNOWN, message: 'raw' }),
      ) as Error;
      assert.match(unknown.message, /may have been created/);
    });
  });
});
