// A group (project) lists its clusters: the configured ones, or all the API returns.
import * as vscode from 'vscode';
import { type ErrorLevel, type GroupConfig, plainText } from '../../core';
import { type Group, groupClusters } from '../../opsManager/api';
import { fieldsTooltip } from '../markdown';
import { LoadingNode, MessageNode, type TreeContext, TreeNode } from './common';
import { ClusterNode } from './clusterNode';

export interface GroupInfo {
  id: string;
  name?: string;
  /** Configured clusters; undefined means discover. */
  clusters?: GroupConfig['clusters'];
  /** Present when discovered through the API. */
  group?: Group;
}

export class GroupNode extends LoadingNode {
  protected readonly level: ErrorLevel = 'group';
  readonly server: string;
  readonly groupId: string;

  constructor(
    parent: TreeNode & { server: string },
    ctx: TreeContext,
    readonly info: GroupInfo,
  ) {
    super(`${parent.id}/group:${info.id}`, parent, ctx);
    this.server = parent.server;
    this.groupId = info.id;
  }

  get label(): string {
    return plainText(this.info.name ?? this.info.group?.name ?? this.info.id);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = 'group';
    item.description = this.label === this.groupId ? undefined : plainText(this.groupId);
    item.iconPath = new vscode.ThemeIcon('project');
    const group = this.info.group;
    item.tooltip = fieldsTooltip(vscode.l10n.t('Group {0}', this.label), [
      [vscode.l10n.t('Group ID'), this.groupId],
      [vscode.l10n.t('Organization ID'), group?.orgId],
      [vscode.l10n.t('Replica sets'), group?.replicaSetCount?.toString()],
      [vscode.l10n.t('Shards'), group?.shardCount?.toString()],
      [vscode.l10n.t('Tags'), group?.tags?.join(', ')],
    ]);
    return item;
  }

  protected async loadChildren(): Promise<TreeNode[]> {
    const configured = this.info.clusters;
    if (configured !== undefined) {
      if (configured.length === 0) return [new MessageNode(this, 'empty', vscode.l10n.t('No clusters configured'))];
      return configured.map(
        (cluster) => new ClusterNode(this, this.ctx, { id: cluster.id, name: cluster.name, members: [] }),
      );
    }
    const client = await this.ctx.clients.get(this.server);
    const entries = groupClusters(await client.listClusters(this.groupId));
    if (entries.length === 0) return [new MessageNode(this, 'empty', vscode.l10n.t('No clusters in this group'))];
    return entries.map(
      (entry) =>
        new ClusterNode(this, this.ctx, { id: entry.cluster.id, cluster: entry.cluster, members: entry.members }),
    );
  }
}
