// The node classes every level shares: the base class, a parent that loads its children lazily (once, until
// refreshed), and the error, action and message nodes that explain what went wrong and offer the fix.
// Parent links live in private fields: VS Code passes nodes to command handlers, and a handler that clones or
// serialises its argument must not walk up the whole tree.
import * as vscode from 'vscode';
import {
  type ClientCache,
  COMMANDS,
  describeError,
  type ErrorLevel,
  explainError,
  type FixAction,
  type ServerRegistry,
} from '../../core';
import { isCancellation } from '../../opsManager/common';
import { escapeMarkdown } from '../markdown';

export interface TreeContext {
  registry: ServerRegistry;
  clients: ClientCache;
  log: vscode.LogOutputChannel;
  /** Runs a load with the view's progress bar showing. */
  withLoading<T>(task: () => Promise<T>): Promise<T>;
}

export abstract class TreeNode {
  readonly #parent: TreeNode | undefined;

  protected constructor(
    /** Stable across refreshes: built from server names and Ops Manager IDs only. */
    readonly id: string,
    parent: TreeNode | undefined,
  ) {
    this.#parent = parent;
  }

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  getParent(): TreeNode | undefined {
    return this.#parent;
  }

  /** The children already loaded, without loading them. */
  loadedChildren(): readonly TreeNode[] | undefined {
    return undefined;
  }
}

/** A node whose children come from the API: loaded on first expansion, kept until refreshed. */
export abstract class LoadingNode extends TreeNode {
  readonly #ctx: TreeContext;
  #children: Promise<TreeNode[]> | undefined;
  #loaded: TreeNode[] | undefined;

  protected constructor(id: string, parent: TreeNode | undefined, ctx: TreeContext) {
    super(id, parent);
    this.#ctx = ctx;
  }

  protected get ctx(): TreeContext {
    return this.#ctx;
  }

  /** Which kind of resource this node lists, so a 404 names the right thing. */
  protected abstract readonly level: ErrorLevel;
  /** The server all requests of this node go to. */
  abstract readonly server: string;

  protected abstract loadChildren(): Promise<TreeNode[]>;

  override getChildren(): Promise<TreeNode[]> {
    if (this.#children === undefined) {
      const loading = this.#ctx
        .withLoading(() => this.loadChildren())
        .catch((error: unknown): TreeNode[] => {
          if (isCancellation(error)) return [];
          this.#ctx.log.warn(`Loading ${this.id} failed: ${describeError(error)}`);
          return [new ErrorNode(this, error, this.server, this.level)];
        })
        .then((children) => {
          if (this.#children === loading) this.#loaded = children;
          return children;
        });
      this.#children = loading;
    }
    return this.#children;
  }

  override loadedChildren(): readonly TreeNode[] | undefined {
    return this.#loaded;
  }

  /** Forgets the children: the next getChildren() asks the server again. */
  invalidate(): void {
    this.#children = undefined;
    this.#loaded = undefined;
  }
}

/** A failure explained, with its fixes as children. Clicking it retries the parent's load. */
export class ErrorNode extends TreeNode {
  readonly summary: string;
  readonly message: string;
  readonly actions: readonly FixAction[];
  readonly severity: 'warning' | 'error';
  readonly hint: string | undefined;
  readonly error: unknown;

  constructor(parent: TreeNode, error: unknown, server: string | undefined, level?: ErrorLevel) {
    super(`${parent.id}/error`, parent);
    const help = explainError(error, server, level);
    this.summary = help.summary;
    this.message = help.message;
    this.actions = help.actions;
    this.severity = help.severity;
    this.hint = help.hint;
    this.error = error;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.summary,
      this.actions.length > 0 || this.hint !== undefined
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.contextValue = 'error';
    item.iconPath =
      this.severity === 'warning'
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = new vscode.MarkdownString(
      `${escapeMarkdown(this.message)}\n\n${escapeMarkdown(vscode.l10n.t('Click to try again.'))}`,
    );
    item.accessibilityInformation = { label: `${this.summary}. ${this.message}` };
    item.command = {
      command: COMMANDS.refresh,
      title: vscode.l10n.t('Retry'),
      arguments: [this],
    };
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    // The hint first: when no command fixes the problem, it says who or what does.
    const hint =
      this.hint === undefined
        ? []
        : [new MessageNode(this, 'hint', this.hint, 'lightbulb', `${this.hint}.\n\n${this.message}`)];
    return Promise.resolve([...hint, ...this.actions.map((action) => new ActionNode(this, action))]);
  }
}

/** One fix for an error ("Set API Key…", "Open Settings"): clicking runs it. */
export class ActionNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly action: FixAction,
  ) {
    super(`${parent.id}/action:${action.command}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.action.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'action';
    item.iconPath = new vscode.ThemeIcon(this.action.icon);
    item.command = { command: this.action.command, title: this.action.label, arguments: this.action.args };
    return item;
  }
}

/** A line of information ("No restore jobs"). */
export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    key: string,
    readonly label: string,
    readonly icon = 'info',
    readonly tooltip?: string,
  ) {
    super(`${parent?.id ?? ''}/message:${key}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = 'message';
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.tooltip = this.tooltip;
    return item;
  }
}
