// "Ops Manager: Create Restore Job…". From a snapshot node (snapshot chosen), a cluster node, or the palette
// (server, group and cluster pickers). With a `delivery` argument it asks nothing and returns the created jobs; an
// automated restore then also needs `confirmTarget` equal to the target cluster ID. Interactively, an automated
// restore is guarded by a modal naming the target and by typing the target cluster's name.
// Afterwards: the tree shows the new job(s), the first job's panel opens (and watches it), and a notification
// offers the download once Ops Manager has prepared it.
// Over 300 lines because the argument path and the interactive path share target resolution, the guard and
// what follows a create; the steps themselves are in wizard.ts.
import * as vscode from 'vscode';
import {
  clusterLabel,
  groupClusters,
  RESTORE_OUTCOME_UNKNOWN,
  type Checkpoint,
  type CreatedRestore,
  type OpsManagerClient,
  type PitWindow,
  type RestoreJob,
  type Snapshot,
} from '../opsManager/api';
import { isObjectId, isOpsManagerError, OpsManagerError } from '../opsManager/common';
import {
  type JobPanels,
  type JobRef,
  pickServer,
  pickText,
  pickWithLoading,
  plainText,
  type Services,
  UserCancelledError,
} from '../core';
import { parseRestoreArgs, type RestoreArgs } from './args';
import { runWizard, snapshotLabel } from './wizard';
import { confirmationError, worded } from './wording';
import type { RestoreWatcher } from './watcher';

/** What the feature needs from the rest of the extension. */
export interface RestoreDeps {
  context: vscode.ExtensionContext;
  services: Services;
  panels: JobPanels;
}

export interface RestoreEnv extends RestoreDeps {
  watcher: RestoreWatcher;
}

interface Target {
  server: string;
  groupId: string;
  clusterId: string;
}

async function pickGroup(deps: RestoreDeps, server: string): Promise<string> {
  const configured = deps.services.servers.require(server).groups;
  if (configured !== undefined && configured.length === 1) return configured[0].id;
  const id = await pickWithLoading<string>({
    title: vscode.l10n.t('Create Restore Job: project on {0}', server),
    placeholder: vscode.l10n.t('Choose the project (group) of the cluster to restore from'),
    emptyMessage: vscode.l10n.t('No projects found'),
    load: async () => {
      const groups =
        configured ??
        (await (await deps.services.clients.get(server)).listGroups()).map((g) => ({ id: g.id, name: g.name }));
      return groups.map((g) => ({ label: pickText(g.name ?? g.id), description: pickText(g.id), value: g.id }));
    },
  });
  if (id === undefined) throw new UserCancelledError();
  return id;
}

async function pickCluster(deps: RestoreDeps, server: string, groupId: string): Promise<string> {
  const id = await pickWithLoading<string>({
    title: vscode.l10n.t('Create Restore Job: cluster in {0}', groupId),
    placeholder: vscode.l10n.t('Choose the cluster to restore from'),
    emptyMessage: vscode.l10n.t('No clusters in this project'),
    load: async () => {
      const client = await deps.services.clients.get(server);
      return groupClusters(await client.listClusters(groupId)).map(({ cluster }) => ({
        label: pickText(clusterLabel(cluster)),
        description: pickText(cluster.id),
        detail: cluster.typeName === undefined ? undefined : pickText(cluster.typeName, 60),
        value: cluster.id,
      }));
    },
  });
  if (id === undefined) throw new UserCancelledError();
  return id;
}

async function resolveTarget(deps: RestoreDeps, args: RestoreArgs): Promise<Target> {
  const server = args.server ?? (await pickServer(deps.services.servers, vscode.l10n.t('Create Restore Job')));
  deps.services.servers.require(server);
  const groupId = args.groupId ?? (await pickGroup(deps, server));
  const clusterId = args.clusterId ?? (await pickCluster(deps, server, groupId));
  return { server, groupId, clusterId };
}

async function clusterName(client: OpsManagerClient, groupId: string, clusterId: string): Promise<string> {
  try {
    return plainText(clusterLabel(await client.getCluster(groupId, clusterId)));
  } catch {
    return clusterId; // the name is for display only
  }
}

/** A read that may fail without stopping the flow (the server's answer to the create then decides). */
async function optional<T>(deps: RestoreDeps, what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    deps.services.log.info(
      `createRestoreJob: ${what} not available: ${error instanceof Error ? error.message : String(error)}`,
    );
    return fallback;
  }
}

/** The modal that names the target, then the typed name. False when the user stops. */
async function confirmAutomated(targetName: string, targetGroupName: string, sourceName: string): Promise<boolean> {
  const proceed = vscode.l10n.t('Continue…');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Replace ALL data on cluster "{0}"?', targetName),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The automated restore removes every database on "{0}" (project {1}) and replaces it with the backup of "{2}". This cannot be undone.',
        targetName,
        targetGroupName,
        sourceName,
      ),
    },
    proceed,
  );
  if (answer !== proceed) return false;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Confirm the automated restore onto {0}', targetName),
    prompt: vscode.l10n.t('Type the target cluster\'s name, "{0}", to replace all of its data', targetName),
    ignoreFocusOut: true,
    validateInput: (text) =>
      text === targetName ? undefined : vscode.l10n.t('Type "{0}" exactly to go on.', targetName),
  });
  return typed === targetName;
}

export async function createRestoreJob(env: RestoreEnv, arg: unknown): Promise<RestoreJob[] | undefined> {
  const args = parseRestoreArgs(arg);
  const unattended = args.delivery !== undefined;
  const target = unattended ? requireTarget(args) : await resolveTarget(env, args);
  const client = await env.services.clients.get(target.server);

  let request: { source: NonNullable<RestoreArgs['source']>; delivery: NonNullable<RestoreArgs['delivery']> };
  let snapshot: Snapshot | undefined;
  let checkpoint: Checkpoint | undefined;
  let window: PitWindow | undefined;

  if (unattended) {
    const { source, delivery } = args;
    if (source === undefined || delivery === undefined) throw worded(missingSource());
    if (
      delivery.methodName === 'AUTOMATED_RESTORE' &&
      args.confirmTarget?.toLowerCase() !== delivery.targetClusterId.toLowerCase()
    )
      throw confirmationError(delivery.targetClusterId);
    request = { source, delivery };
    // The facts the checks use; each read may fail (the create's answer then decides).
    if (source.kind === 'snapshot' && isObjectId(source.snapshotId)) {
      snapshot = await optional(
        env,
        'the snapshot',
        () => client.getSnapshot(target.groupId, target.clusterId, source.snapshotId),
        undefined,
      );
    }
    if (source.kind === 'pointInTime' || source.kind === 'oplog') {
      window = await optional(
        env,
        'the PIT window',
        () => client.getPointInTimeWindow(target.groupId, target.clusterId),
        undefined,
      );
    }
  } else {
    const loaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the snapshots of the cluster…') },
      () =>
        Promise.all([
          clusterName(client, target.groupId, target.clusterId),
          client.listSnapshots(target.groupId, target.clusterId, { completed: 'all' }),
          optional(
            env,
            'checkpoints',
            () => client.listCheckpoints(target.groupId, target.clusterId),
            [] as Checkpoint[],
          ),
          optional<PitWindow>(
            env,
            'the PIT window',
            () => client.getPointInTimeWindow(target.groupId, target.clusterId),
            {
              source: 'unknown',
            },
          ),
        ]),
    );
    const [name, snapshots, checkpoints] = loaded;
    window = loaded[3];
    if (snapshots.length === 0 && args.source === undefined) {
      // Nothing to restore from: say so instead of offering an empty list.
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Cluster "{0}" has no snapshots: backup may not be enabled for it. Nothing was created.', name),
      );
      return undefined;
    }
    const given = args.source;
    if (given?.kind === 'snapshot') {
      const found = snapshots.find((s) => s.id === given.snapshotId);
      if (found?.complete === false)
        throw worded(
          new OpsManagerError({
            kind: 'invalid-input',
            errorCode: 'SNAPSHOT_INCOMPLETE',
            message: 'SNAPSHOT_INCOMPLETE',
            parameters: [found.id],
          }),
        );
    }
    const chosen = await runWizard({
      client,
      clusterName: name,
      groupId: target.groupId,
      clusterId: target.clusterId,
      snapshots,
      checkpoints,
      window,
      source: args.source,
    });
    if (chosen === undefined) throw new UserCancelledError();
    request = { source: chosen.source, delivery: chosen.delivery };
    snapshot = chosen.snapshot;
    checkpoint = chosen.checkpoint;
    if (
      chosen.delivery.methodName === 'AUTOMATED_RESTORE' &&
      !(await confirmAutomated(
        chosen.targetName ?? chosen.delivery.targetClusterId,
        chosen.targetGroupName ?? '',
        name,
      ))
    ) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The automated restore was not started. Nothing was created.'),
      );
      throw new UserCancelledError();
    }
  }

  env.services.log.info(
    `Creating a restore job for cluster ${target.clusterId} (${request.source.kind}, ${request.delivery.methodName}).`,
  );
  let created: CreatedRestore;
  try {
    // Not cancellable: once sent, a create cannot be called back, and stopping halfway would hide its outcome.
    created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating the restore job…') },
      () =>
        client.createRestoreJob(target.groupId, target.clusterId, request, {
          check: { snapshot, checkpoint, window },
        }),
    );
  } catch (error) {
    if (isOpsManagerError(error) && error.errorCode === RESTORE_OUTCOME_UNKNOWN) {
      env.services.refreshTree({
        server: target.server,
        groupId: target.groupId,
        clusterId: target.clusterId,
        jobId: '',
      });
      if (!unattended) void showNewestJobs(env, client, target);
    }
    throw worded(error);
  }
  if (created.batchListError !== undefined)
    env.services.log.warn(`Listing batch ${created.batchId ?? '?'} failed: ${created.batchListError.message}`);
  env.services.log.info(
    `Created restore job(s) ${created.jobs.map((j) => j.id).join(', ')}${created.batchId === undefined ? '' : ` (batch ${created.batchId})`}.`,
  );
  afterCreate(env, target, created, snapshot === undefined ? undefined : snapshotLabel(snapshot));
  return created.jobs;
}

function requireTarget(args: RestoreArgs): Target {
  if (args.server === undefined || args.groupId === undefined || args.clusterId === undefined) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: vscode.l10n.t('With a delivery argument, give server, groupId and clusterId too.'),
    });
  }
  return { server: args.server, groupId: args.groupId, clusterId: args.clusterId };
}

function missingSource(): OpsManagerError {
  return new OpsManagerError({ kind: 'invalid-input', errorCode: 'SOURCE_MISSING', message: 'SOURCE_MISSING' });
}

function afterCreate(env: RestoreEnv, target: Target, created: CreatedRestore, snapshotText: string | undefined): void {
  const [first] = created.jobs;
  if (first === undefined) return;
  const ref: JobRef = { server: target.server, groupId: target.groupId, clusterId: target.clusterId, jobId: first.id };
  env.services.refreshTree(ref);
  void Promise.resolve(env.panels?.show(ref, first)).catch((error: unknown) =>
    env.services.log.warn(`Opening the panel of ${first.id} failed: ${String(error)}`),
  );
  const count = created.jobs.length;
  void vscode.window.showInformationMessage(
    count > 1
      ? vscode.l10n.t(
          'Created a sharded restore: {0} restore jobs (batch {1}). Ops Manager is preparing them.',
          count,
          created.batchId ?? '?',
        )
      : snapshotText === undefined
        ? vscode.l10n.t('Created restore job {0}. Ops Manager is preparing it.', first.id)
        : vscode.l10n.t(
            'Created restore job {0} from the snapshot of {1}. Ops Manager is preparing it.',
            first.id,
            snapshotText,
          ),
  );
  env.watcher.watch(target, created, env.panels !== undefined);
}

/** After an unknown outcome: the cluster's newest jobs, so the user can see whether the job exists. */
async function showNewestJobs(env: RestoreEnv, client: OpsManagerClient, target: Target): Promise<void> {
  try {
    const jobs = (await client.listRestoreJobs(target.groupId, target.clusterId)).slice(0, 10);
    const picked = await vscode.window.showQuickPick(
      jobs.map((job) => ({
        label: pickText(job.created ?? job.id),
        description: pickText([job.statusName, job.delivery?.statusName].filter(Boolean).join(' · ')),
        detail: pickText(job.id),
        job,
      })),
      {
        title: vscode.l10n.t('Newest restore jobs of the cluster: is yours among them?'),
        placeHolder: vscode.l10n.t('Choose a job to open it; do not create the restore again if it is here'),
        ignoreFocusOut: true,
      },
    );
    if (picked !== undefined)
      await env.panels?.show(
        { server: target.server, groupId: target.groupId, clusterId: target.clusterId, jobId: picked.job.id },
        picked.job,
      );
  } catch (error) {
    env.services.log.warn(
      `Listing the newest restore jobs failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
