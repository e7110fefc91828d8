// Explorer: the Ops Manager view (servers → groups → clusters → restore jobs) and the commands on its nodes.
import * as vscode from 'vscode';
import { COMMANDS, type JobPanels, registerCommand, type Services } from '../core';
import { RestoreJobsTreeProvider, VIEW_ID } from './provider';
import { RepeatActivation } from './repeatActivation';
import { TreeNode } from './nodes/common';
import { copyId, openRestoreJob, openSettings, refresh } from './viewCommands';

export { RestoreJobsTreeProvider } from './provider';

/** Each provider's view, so that commands run from a keybinding (which get no argument) act on its selection. */
const views = new WeakMap<RestoreJobsTreeProvider, vscode.TreeView<unknown>>();

/** Creates the tree view; the provider is built first because the services refresh it. */
export function createExplorerView(
  context: vscode.ExtensionContext,
  tree: RestoreJobsTreeProvider,
): vscode.TreeView<unknown> {
  // Per workspace, as VS Code keeps its own views' expansion (expansionMemory.ts says why).
  tree.rememberExpansion(context.workspaceState);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  views.set(tree, view);
  const remember = (node: unknown, expanded: boolean): void => {
    if (node instanceof TreeNode) tree.setExpanded(node, expanded);
  };
  context.subscriptions.push(
    tree,
    view,
    view.onDidExpandElement((event) => remember(event.element, true)),
    view.onDidCollapseElement((event) => remember(event.element, false)),
  );
  return view;
}

export function registerExplorerCommands(
  context: vscode.ExtensionContext,
  services: Services,
  tree: RestoreJobsTreeProvider,
  panels: JobPanels,
): void {
  const deps = { tree, panels, selected: () => views.get(tree)?.selection[0], clicks: new RepeatActivation() };
  registerCommand(context, services, COMMANDS.refresh, (arg) => refresh(deps, arg));
  registerCommand(context, services, COMMANDS.openRestoreJob, (arg, second, third, fourth) =>
    openRestoreJob(deps, arg, second, third, fourth),
  );
  registerCommand(context, services, COMMANDS.copyId, (arg) => copyId(arg ?? deps.selected()));
  registerCommand(context, services, COMMANDS.openSettings, (arg) => openSettings(arg));
}
