// The `opsManager.clusters` view: servers → groups → clusters → restore jobs. Nodes load their children lazily
// and keep them until refreshed; a refresh fires for the node that changed only, so the rest of the tree stays
// as it was (no reload of every expanded server).
import * as vscode from 'vscode';
import { type ClientCache, describeError, type JobRef, type ServerRegistry } from '../core';
import { ExpansionMemory, type KeyValueStore } from './expansionMemory';
import { ErrorNode, LoadingNode, type TreeContext, TreeNode } from './nodes/common';
import { ClusterNode } from './nodes/clusterNode';
import { GroupNode } from './nodes/groupNode';
import { RestoreJobNode } from './nodes/restoreJobNode';
import { InvalidServerNode, ServerNode } from './nodes/serverNode';

export const VIEW_ID = 'opsManager.clusters';
export const SERVER_COUNT_CONTEXT = 'opsManager.serverCount';

export class RestoreJobsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly ctx: TreeContext;
  private roots: Promise<TreeNode[]> | undefined;
  private loadedRoots: TreeNode[] | undefined;
  private readonly subscription: vscode.Disposable;
  /** What the user expanded or collapsed, across reloads (set by the view, see expansionMemory.ts). */
  private expansion: ExpansionMemory | undefined;

  constructor(
    private readonly registry: ServerRegistry,
    clients: ClientCache,
    log: vscode.LogOutputChannel,
  ) {
    this.ctx = {
      registry,
      clients,
      log,
      withLoading: <T>(task: () => Promise<T>) =>
        Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, task)),
    };
    this.subscription = registry.onDidChange((change) => {
      if (change.servers || change.secrets) this.refresh();
    });
    this.updateServerCount();
  }

  /** Keeps the `opsManager.serverCount` context key (welcome view, palette visibility) in step with the settings. */
  updateServerCount(): void {
    void vscode.commands.executeCommand('setContext', SERVER_COUNT_CONTEXT, this.registry.count());
  }

  /** Remembers expansion in `store`: the tree shows nodes as the user left them, also after a window reload. */
  rememberExpansion(store: KeyValueStore): void {
    this.expansion = new ExpansionMemory(store, (error) =>
      this.ctx.log.warn(`Could not save which tree nodes are expanded: ${describeError(error)}`),
    );
  }

  /** The view's expand and collapse events. */
  setExpanded(node: TreeNode, expanded: boolean): void {
    this.expansion?.set(node.id, expanded);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    const expanded = this.expansion?.stateOf(node.id);
    if (expanded !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
      item.collapsibleState = expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    }
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = await (node === undefined ? this.getRoots() : node.getChildren());
    // What is listed now is what exists: forget remembered nodes that are gone. Not after a failure or a cancelled
    // load (an error node or nothing), which says nothing about what exists.
    if (children.length > 0 && !children.some((child) => child instanceof ErrorNode)) {
      this.expansion?.prune(
        node?.id,
        children.map((child) => child.id),
      );
    }
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.getParent();
  }

  private getRoots(): Promise<TreeNode[]> {
    if (this.roots === undefined) {
      const loading = this.buildRoots().then((roots) => {
        if (this.roots === loading) this.loadedRoots = roots;
        return roots;
      });
      this.roots = loading;
    }
    return this.roots;
  }

  private async buildRoots(): Promise<TreeNode[]> {
    const list = this.registry.list();
    const roots: TreeNode[] = [];
    const nodes = await Promise.all(
      list.servers.map(async (server) => new ServerNode(this.ctx, server, await this.registry.hasApiKey(server.name))),
    );
    roots.push(...nodes);
    for (const invalid of list.invalid) roots.push(new InvalidServerNode(invalid));
    return roots;
  }

  /**
   * Reloads a node's children (or the whole tree). An error, action or message node refreshes the nearest ancestor
   * that loads from the server, which is what "retry" means for it.
   */
  refresh(node?: TreeNode): void {
    let target: TreeNode | undefined = node;
    while (target !== undefined && !(target instanceof LoadingNode)) target = target.getParent();
    if (target === undefined) {
      this.roots = undefined;
      this.loadedRoots = undefined;
      this.updateServerCount();
      this.changed.fire(undefined);
      return;
    }
    target.invalidate();
    this.changed.fire(target);
  }

  /** Refreshes the deepest loaded node matching the IDs (a job's cluster, a group, a server), or everything. */
  refreshMatching(ref?: Partial<JobRef>): void {
    const node = ref === undefined ? undefined : this.findLoaded(ref);
    this.refresh(node instanceof RestoreJobNode ? node.getParent() : node);
  }

  /** The deepest node already loaded that matches the IDs given, without asking the server. */
  findLoaded(ref: Partial<JobRef>): TreeNode | undefined {
    if (ref.server === undefined) return undefined;
    const server = this.loadedRoots?.find((node) => node instanceof ServerNode && node.server === ref.server);
    if (server === undefined) return undefined;
    let found: TreeNode = server;
    const group =
      ref.groupId === undefined
        ? undefined
        : findChild(found, (n) => n instanceof GroupNode && n.groupId === ref.groupId);
    if (group === undefined) return found;
    found = group;
    const cluster =
      ref.clusterId === undefined
        ? undefined
        : findChild(found, (n) => n instanceof ClusterNode && n.clusterId === ref.clusterId);
    if (cluster === undefined) return found;
    found = cluster;
    if (ref.jobId === undefined || !(cluster instanceof ClusterNode)) return found;
    // A job reference: its cluster's "Restore Jobs" group, or the job in it.
    const jobs = cluster.jobsNode();
    if (jobs === undefined) return found;
    const job = findChild(jobs, (n) => n instanceof RestoreJobNode && n.jobId === ref.jobId);
    return job ?? jobs;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function findChild(parent: TreeNode, test: (node: TreeNode) => boolean): TreeNode | undefined {
  return parent.loadedChildren()?.find(test);
}
