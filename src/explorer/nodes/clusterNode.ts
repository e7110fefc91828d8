// A cluster shows two groups, "Restore Jobs" (newest first, expanded) and "Snapshots" (what a restore starts
// from). A sharded cluster also shows its shards and config server, grouped under one node, since restore jobs and
// snapshots are asked of the top-level cluster only.
import * as vscode from 'vscode';
import { type ErrorLevel, plainText } from '../../core';
import { type Cluster, clusterLabel, groupRestoreJobs, isShardedCluster } from '../../opsManager/api';
import { fieldsTooltip } from '../markdown';
import { LoadingNode, MessageNode, type TreeContext, TreeNode } from './common';
import { RestoreJobNode } from './restoreJobNode';
import { BatchNode } from './batchNode';
import { SnapshotsNode } from './snapshotNodes';

function typeLabel(typeName: string | undefined): string | undefined {
  switch (typeName) {
    case undefined:
      return undefined;
    case 'REPLICA_SET':
      return vscode.l10n.t('Replica set');
    case 'SHARDED':
    case 'SHARDED_REPLICA_SET':
      return vscode.l10n.t('Sharded cluster');
    case 'CONFIG_SERVER_REPLICA_SET':
      return vscode.l10n.t('Config server');
    default:
      return plainText(typeName, 60);
  }
}

export interface ClusterInfo {
  id: string;
  /** Configured or discovered display name. */
  name?: string;
  /** Undefined for configured clusters (not asked of the API). */
  cluster?: Cluster;
  members: Cluster[];
}

export class ClusterNode extends LoadingNode {
  protected readonly level: ErrorLevel = 'cluster';
  readonly server: string;
  readonly groupId: string;
  readonly clusterId: string;

  constructor(
    parent: TreeNode & { server: string; groupId: string },
    ctx: TreeContext,
    readonly info: ClusterInfo,
  ) {
    super(`${parent.id}/cluster:${info.id}`, parent, ctx);
    this.server = parent.server;
    this.groupId = parent.groupId;
    this.clusterId = info.id;
  }

  get label(): string {
    return plainText(this.info.name ?? (this.info.cluster ? clusterLabel(this.info.cluster) : this.info.id));
  }

  getTreeItem(): vscode.TreeItem {
    const cluster = this.info.cluster;
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = 'cluster';
    item.description = typeLabel(cluster?.typeName);
    item.iconPath = new vscode.ThemeIcon(cluster !== undefined && isShardedCluster(cluster) ? 'layers' : 'database');
    item.tooltip = fieldsTooltip(vscode.l10n.t('Cluster {0}', this.label), [
      [vscode.l10n.t('Cluster ID'), this.clusterId],
      [vscode.l10n.t('Group ID'), this.groupId],
      [vscode.l10n.t('Type'), cluster?.typeName],
      [vscode.l10n.t('Replica set'), cluster?.replicaSetName],
      [vscode.l10n.t('Last heartbeat'), cluster?.lastHeartbeat],
      [
        vscode.l10n.t('Shards and config servers'),
        this.info.members.length > 0 ? String(this.info.members.length) : undefined,
      ],
    ]);
    return item;
  }

  protected loadChildren(): Promise<TreeNode[]> {
    const children: TreeNode[] = [];
    if (this.info.members.length > 0) children.push(new ClusterMembersNode(this, this.info.members));
    children.push(new RestoreJobsNode(this, this.ctx), new SnapshotsNode(this, this.ctx));
    return Promise.resolve(children);
  }

  /** The "Restore Jobs" group, when loaded. */
  jobsNode(): RestoreJobsNode | undefined {
    return this.loadedChildren()?.find((n): n is RestoreJobsNode => n instanceof RestoreJobsNode);
  }
}

/** "Restore Jobs" under a cluster: its restore jobs, newest first, a sharded restore's parts under one batch node. Expanded by default: they are what people seek. */
export class RestoreJobsNode extends LoadingNode {
  protected readonly level: ErrorLevel = 'cluster';
  readonly server: string;
  readonly groupId: string;
  readonly clusterId: string;
  /** The sharded cluster's shards and config server: they name the parts of a batch. */
  private readonly members: Cluster[];

  constructor(parent: ClusterNode, ctx: TreeContext) {
    super(`${parent.id}/jobs`, parent, ctx);
    this.server = parent.server;
    this.groupId = parent.groupId;
    this.clusterId = parent.clusterId;
    this.members = parent.info.members;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Restore Jobs'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.contextValue = 'restoreJobs';
    item.iconPath = new vscode.ThemeIcon('cloud-download');
    return item;
  }

  protected async loadChildren(): Promise<TreeNode[]> {
    const client = await this.ctx.clients.get(this.server);
    const jobs = await client.listRestoreJobs(this.groupId, this.clusterId); // newest first (the client sorts)
    const listedAt = Date.now();
    if (jobs.length === 0) return [new MessageNode(this, 'empty', vscode.l10n.t('No restore jobs'), 'info')];
    // Jobs sharing a batchId (the parts of a sharded restore) sit under one batch node, named from the members.
    return groupRestoreJobs(jobs, this.members).map((entry) =>
      entry.kind === 'batch'
        ? new BatchNode(this, entry.batch, listedAt)
        : new RestoreJobNode(this, entry.job, listedAt),
    );
  }
}

/** "Shards and config servers" under a sharded cluster. */
export class ClusterMembersNode extends TreeNode {
  constructor(
    parent: ClusterNode,
    readonly members: Cluster[],
  ) {
    super(`${parent.id}/members`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      vscode.l10n.t('Shards and config servers'),
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.contextValue = 'clusterMembers';
    item.description = String(this.members.length);
    item.iconPath = new vscode.ThemeIcon('list-tree');
    item.tooltip = vscode.l10n.t('Restore jobs of a sharded cluster are listed under the cluster itself.');
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    return Promise.resolve(this.members.map((member) => new ClusterMemberNode(this, member)));
  }
}

export class ClusterMemberNode extends TreeNode {
  constructor(
    parent: ClusterMembersNode,
    readonly cluster: Cluster,
  ) {
    super(`${parent.id}/${cluster.id}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const cluster = this.cluster;
    const isConfig = cluster.typeName === 'CONFIG_SERVER_REPLICA_SET';
    const label = plainText(cluster.shardName ?? cluster.replicaSetName ?? cluster.clusterName ?? cluster.id);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'clusterMember';
    item.description = isConfig ? vscode.l10n.t('Config server') : vscode.l10n.t('Shard');
    item.iconPath = new vscode.ThemeIcon(isConfig ? 'settings' : 'database');
    item.tooltip = fieldsTooltip(label, [
      [vscode.l10n.t('Cluster ID'), cluster.id],
      [vscode.l10n.t('Type'), cluster.typeName],
      [vscode.l10n.t('Replica set'), cluster.replicaSetName],
      [vscode.l10n.t('Shard'), cluster.shardName],
      [vscode.l10n.t('Sharded cluster'), cluster.clusterName],
      [vscode.l10n.t('Last heartbeat'), cluster.lastHeartbeat],
    ]);
    return item;
  }
}
