// Which server a command is about: the one given, the only one configured, or the user's pick.
import * as vscode from 'vscode';
import type { ServerRegistry } from './registry';
import { UserCancelledError } from './wrapper';
import { COMMANDS } from './commandIds';

/** Resolves a server name; throws UserCancelledError when the user dismisses the pick. */
export async function pickServer(registry: ServerRegistry, title: string): Promise<string> {
  const servers = registry.list().servers;
  if (servers.length === 0) {
    const add = vscode.l10n.t('Add Server…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('No Ops Manager server is configured yet.'),
      add,
    );
    if (choice === add) void vscode.commands.executeCommand(COMMANDS.addServer);
    throw new UserCancelledError();
  }
  if (servers.length === 1) return servers[0].name;
  const picked = await vscode.window.showQuickPick(
    servers.map((server) => ({
      label: server.name,
      description: server.baseUrl,
      detail: server.username,
      name: server.name,
    })),
    {
      title,
      placeHolder: vscode.l10n.t('Choose an Ops Manager server'),
      matchOnDescription: true,
      ignoreFocusOut: true,
    },
  );
  if (picked === undefined) throw new UserCancelledError();
  return picked.name;
}
