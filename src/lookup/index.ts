// Lookup: "Fetch Restore Job by ID…", from the palette, a pasted API URL, or arguments.
import type * as vscode from 'vscode';
import { COMMANDS, registerCommand } from '../core';
import { fetchRestoreJob, type LookupDeps } from './fetchRestoreJob';

export function registerLookupCommand(context: vscode.ExtensionContext, deps: LookupDeps): void {
  registerCommand(context, deps.services, COMMANDS.fetchRestoreJob, (arg) => fetchRestoreJob(deps, arg));
}
