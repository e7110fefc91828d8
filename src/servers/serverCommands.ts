// "Set API Key…" and "Remove Server". Both take the server from a tree node, from arguments ({server, apiKey} /
// {server, confirm: false}) or from a pick, so tests and other extensions can run them without prompts.
import * as vscode from 'vscode';
import { OpsManagerError } from '../opsManager/common';
import { booleanField, pickServer, type Services, stringField, UserCancelledError } from '../core';

export async function setApiKey(services: Services, arg: unknown): Promise<boolean> {
  const registry = services.servers;
  const name = stringField(arg, 'server') ?? (await pickServer(registry, vscode.l10n.t('Set API Key')));
  const server = registry.require(name);
  let apiKey = stringField(arg, 'apiKey');
  const interactive = apiKey === undefined;
  if (apiKey === undefined) {
    apiKey = await vscode.window.showInputBox({
      title: vscode.l10n.t('Set API Key for "{0}"', name),
      prompt: vscode.l10n.t(
        'The API private key for {0} on {1}. It is kept in VS Code secret storage.',
        server.username,
        server.baseUrl,
      ),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === ''
          ? vscode.l10n.t('Enter the API private key.')
          : /\s/.test(value.trim())
            ? vscode.l10n.t('An API key has no spaces: check what was pasted.')
            : undefined,
    });
    if (apiKey === undefined) throw new UserCancelledError();
  }
  apiKey = apiKey.trim();
  if (apiKey === '' || /\s/.test(apiKey)) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: vscode.l10n.t('The API key is empty or contains spaces; nothing was stored.'),
    });
  }
  // The key store announces the change at once, which refreshes the tree before this command returns.
  await registry.setApiKey(name, apiKey);
  services.log.info(`Stored the API key of server "${name}".`);
  if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('API key for "{0}" saved.', name));
  return true;
}

export async function removeServer(services: Services, arg: unknown): Promise<boolean> {
  const registry = services.servers;
  const name = stringField(arg, 'server') ?? (await pickServer(registry, vscode.l10n.t('Remove Server')));
  if (booleanField(arg, 'confirm') !== false) {
    const remove = vscode.l10n.t('Remove');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the Ops Manager server "{0}"?', name),
      {
        modal: true,
        detail: vscode.l10n.t('Its entry in the settings and its API key in secret storage are deleted.'),
      },
      remove,
    );
    if (choice !== remove) throw new UserCancelledError();
  }
  const removed = await registry.remove(name);
  if (removed === 0) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: vscode.l10n.t('No server named "{0}" was found in the user or workspace settings.', name),
    });
  }
  services.refreshTree();
  services.log.info(`Removed server "${name}".`);
  return true;
}
