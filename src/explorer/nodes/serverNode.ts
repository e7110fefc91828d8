// A configured server lists its groups: the configured ones, or all the API key can see. Without an API key it
// shows only the explanation and the "Set API Key…" action.
import * as vscode from 'vscode';
import {
  type ErrorLevel,
  type InvalidServerEntry,
  MissingApiKeyError,
  openSettingsAction,
  type ServerConfig,
} from '../../core';
import { escapeMarkdown, fieldsTooltip } from '../markdown';
import { ActionNode, ErrorNode, LoadingNode, MessageNode, type TreeContext, TreeNode } from './common';
import { GroupNode } from './groupNode';

export class ServerNode extends LoadingNode {
  protected readonly level: ErrorLevel = 'server';
  readonly server: string;

  constructor(
    ctx: TreeContext,
    readonly config: ServerConfig,
    readonly hasApiKey: boolean,
  ) {
    super(`server:${config.name}`, undefined, ctx);
    this.server = config.name;
  }

  getTreeItem(): vscode.TreeItem {
    const config = this.config;
    const item = new vscode.TreeItem(config.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = this.hasApiKey ? 'server' : 'server noApiKey';
    let host = config.baseUrl;
    try {
      host = new URL(config.baseUrl).host;
    } catch {
      // validated already; keep the text as written
    }
    item.description = this.hasApiKey ? host : vscode.l10n.t('{0} · no API key', host);
    item.iconPath = new vscode.ThemeIcon('server');
    item.tooltip = fieldsTooltip(config.name, [
      [vscode.l10n.t('URL'), config.baseUrl],
      [vscode.l10n.t('User name (public key)'), config.username],
      [vscode.l10n.t('API key'), this.hasApiKey ? vscode.l10n.t('stored in secret storage') : vscode.l10n.t('not set')],
      [vscode.l10n.t('CA file'), config.caFile],
      [vscode.l10n.t('Verify TLS certificates'), config.strictSSL ? undefined : vscode.l10n.t('no (strictSSL: false)')],
    ]);
    return item;
  }

  protected async loadChildren(): Promise<TreeNode[]> {
    if (!this.hasApiKey) {
      return [new ErrorNode(this, new MissingApiKeyError(this.server), this.server, 'server')];
    }
    const configured = this.config.groups;
    if (configured !== undefined) {
      if (configured.length === 0) return [new MessageNode(this, 'empty', vscode.l10n.t('No groups configured'))];
      return configured.map(
        (group) => new GroupNode(this, this.ctx, { id: group.id, name: group.name, clusters: group.clusters }),
      );
    }
    const client = await this.ctx.clients.get(this.server);
    const groups = await client.listGroups();
    if (groups.length === 0) {
      return [new MessageNode(this, 'empty', vscode.l10n.t('No groups visible to this API key'))];
    }
    return groups
      .map((group) => new GroupNode(this, this.ctx, { id: group.id, group }))
      .sort(
        (a, b) =>
          a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.groupId.localeCompare(b.groupId),
      );
  }
}

/** A settings entry that cannot be used, with what is wrong and a way to the settings. */
export class InvalidServerNode extends TreeNode {
  constructor(readonly entry: InvalidServerEntry) {
    super(`invalid:${entry.index}`, undefined);
  }

  get label(): string {
    return this.entry.name === undefined
      ? vscode.l10n.t('Invalid server entry #{0}', this.entry.index + 1)
      : vscode.l10n.t('Invalid server entry "{0}"', this.entry.name);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.contextValue = 'invalidServer';
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = new vscode.MarkdownString(
      this.entry.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join('\n'),
    );
    const action = openSettingsAction();
    item.command = { command: action.command, title: action.label, arguments: action.args };
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    const children: TreeNode[] = this.entry.problems.map(
      (problem, i) => new MessageNode(this, String(i), problem, 'circle-small', problem),
    );
    children.push(new ActionNode(this, openSettingsAction()));
    return Promise.resolve(children);
  }
}
