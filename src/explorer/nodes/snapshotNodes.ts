// "Snapshots" under a cluster: every snapshot (complete and in progress), newest first, each with its created time,
// whether it is complete, its size from its parts, its MongoDB version and its expiry (or do-not-delete), and an
// inline "Restore…" that runs opsManager.createRestoreJob with the snapshot chosen. The node carries server,
// groupId, clusterId and snapshotId as own properties: that is all the command reads from it.
import * as vscode from 'vscode';
import { formatDateTime, type ErrorLevel, plainText } from '../../core';
import { formatBytes } from '../../opsManager/common';
import { type Snapshot, snapshotSizeBytes, snapshotVersions } from '../../opsManager/api';
import { fieldsTooltip } from '../markdown';
import { LoadingNode, MessageNode, type TreeContext, TreeNode } from './common';

type ClusterParent = TreeNode & { server: string; groupId: string; clusterId: string };

export class SnapshotsNode extends LoadingNode {
  protected readonly level: ErrorLevel = 'cluster';
  readonly server: string;
  readonly groupId: string;
  readonly clusterId: string;

  constructor(parent: ClusterParent, ctx: TreeContext) {
    super(`${parent.id}/snapshots`, parent, ctx);
    this.server = parent.server;
    this.groupId = parent.groupId;
    this.clusterId = parent.clusterId;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Snapshots'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = 'snapshots';
    item.iconPath = new vscode.ThemeIcon('archive');
    item.tooltip = vscode.l10n.t('Backup snapshots of this cluster: what a restore job starts from.');
    // Without this, screen readers (and VS Code's aria-label) read the tooltip instead of the label.
    item.accessibilityInformation = { label: vscode.l10n.t('Snapshots') };
    return item;
  }

  protected async loadChildren(): Promise<TreeNode[]> {
    const client = await this.ctx.clients.get(this.server);
    // `all`: a snapshot still being taken is worth seeing too (the server hides it by default).
    const snapshots = await client.listSnapshots(this.groupId, this.clusterId, { completed: 'all' });
    if (snapshots.length === 0) {
      return [
        new MessageNode(
          this,
          'empty',
          vscode.l10n.t('No snapshots'),
          'info',
          vscode.l10n.t('Ops Manager has no snapshots of this cluster: backup may not be enabled for it.'),
        ),
      ];
    }
    return snapshots.map((snapshot) => new SnapshotNode(this, snapshot));
  }
}

/** The words after a snapshot's time: complete or not, size, version, expiry. Exported for tests. */
export function snapshotDescription(snapshot: Snapshot): string {
  const parts: string[] = [];
  parts.push(snapshot.complete === false ? vscode.l10n.t('In progress') : vscode.l10n.t('Complete'));
  const size = snapshotSizeBytes(snapshot);
  if (size !== undefined) parts.push(formatBytes(size, vscode.env.language));
  const versions = snapshotVersions(snapshot);
  if (versions.length > 0) parts.push(vscode.l10n.t('MongoDB {0}', versions.join(', ')));
  if (snapshot.doNotDelete === true) parts.push(vscode.l10n.t('Do not delete'));
  else if (snapshot.expires !== undefined)
    parts.push(vscode.l10n.t('Expires {0}', formatDateTime(snapshot.expires) ?? snapshot.expires));
  return plainText(parts.join(' · '), 160);
}

export class SnapshotNode extends TreeNode {
  readonly server: string;
  readonly groupId: string;
  readonly clusterId: string;
  readonly snapshotId: string;

  constructor(
    parent: SnapshotsNode,
    readonly snapshot: Snapshot,
  ) {
    super(`${parent.id}/snapshot:${snapshot.id}`, parent);
    this.server = parent.server;
    this.groupId = parent.groupId;
    this.clusterId = parent.clusterId;
    this.snapshotId = snapshot.id;
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.snapshot;
    const created = formatDateTime(s.created?.date);
    const complete = s.complete !== false;
    const item = new vscode.TreeItem(created ?? plainText(s.id), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = snapshotDescription(s);
    item.contextValue = complete ? 'snapshot complete' : 'snapshot incomplete';
    item.iconPath = complete
      ? new vscode.ThemeIcon(s.doNotDelete === true ? 'pinned' : 'archive')
      : new vscode.ThemeIcon('sync', new vscode.ThemeColor('charts.blue'));
    const size = snapshotSizeBytes(s);
    const rows: Array<readonly [string, string | undefined]> = [
      [vscode.l10n.t('Created'), created === undefined ? undefined : `${created} (${s.created?.date ?? ''})`],
      [vscode.l10n.t('Complete'), s.complete === undefined ? undefined : String(s.complete)],
      [vscode.l10n.t('Size'), size === undefined ? undefined : formatBytes(size, vscode.env.language)],
      [vscode.l10n.t('MongoDB version'), snapshotVersions(s).join(', ') || undefined],
      [vscode.l10n.t('Expires'), s.expires],
      [vscode.l10n.t('Do not delete'), s.doNotDelete === undefined ? undefined : String(s.doNotDelete)],
      [vscode.l10n.t('Last oplog applied'), s.lastOplogAppliedTimestamp?.date],
      [
        vscode.l10n.t('Possibly inconsistent'),
        s.isPossiblyInconsistent === undefined ? undefined : String(s.isPossiblyInconsistent),
      ],
      [vscode.l10n.t('Snapshot ID'), s.id],
      [vscode.l10n.t('Cluster ID'), s.clusterId ?? this.clusterId],
      [vscode.l10n.t('Group ID'), s.groupId ?? this.groupId],
    ];
    for (const part of s.parts ?? []) {
      const name = part.shardName ?? part.replicaSetName ?? part.typeName ?? '?';
      rows.push([vscode.l10n.t('Part {0}', name), [part.typeName, part.clusterId].filter(Boolean).join(' · ')]);
    }
    item.tooltip = fieldsTooltip(vscode.l10n.t('Snapshot {0}', s.id), rows);
    item.accessibilityInformation = {
      label: vscode.l10n.t('Snapshot created {0}, {1}', created ?? plainText(s.id), snapshotDescription(s)),
    };
    return item;
  }
}
