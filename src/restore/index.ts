// "Create Restore Job…": what extension.ts wires. The feature talks to the tree, the panel and the downloads only
// through Services, the panel contract and command IDs: it imports no other feature.
import type * as vscode from 'vscode';
import type { CommandDeps } from '../core/commandDeps';
import { registerCommand } from '../core/wrapper';
import { CREATE_RESTORE_JOB_COMMAND, createRestoreJob } from './createRestoreJob';
import { RestoreWatcher } from './watcher';

export { CREATE_RESTORE_JOB_COMMAND } from './createRestoreJob';
export const RESTORE_SNAPSHOT_COMMAND = 'opsManager.restoreSnapshot';

export function registerRestoreCommands(deps: CommandDeps): vscode.Disposable {
  const watcher = new RestoreWatcher(deps.services);
  deps.context.subscriptions.push(watcher);
  registerCommand(deps.context, deps.services, CREATE_RESTORE_JOB_COMMAND, (arg) =>
    createRestoreJob({ ...deps, watcher }, arg),
  );
  // The snapshot node's inline "Restore…": the same command, with the snapshot chosen.
  registerCommand(deps.context, deps.services, RESTORE_SNAPSHOT_COMMAND, (arg) =>
    createRestoreJob({ ...deps, watcher }, arg),
  );
  return watcher;
}
