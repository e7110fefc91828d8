// "Set API Key…" and "Remove Server". Both take the server from a tree node, from arguments ({server, apiKey} /
// {server, confirm: false}) or from a pick, so tests and other extensions can run them without prompts.
// A key typed into "Set API Key…" is tested against the server before it is stored, and the result said; a refused
// or untested key can still be saved (the server may be down, or the key's access list not updated yet).
import * as vscode from 'vscode';
import { OpsManagerError } from '../opsManager/common';
import {
  booleanField,
  maskSecrets,
  pickServer,
  type ServerConfig,
  type Services,
  stringField,
  UserCancelledError,
  withCancellableProgress,
} from '../core';
import { checkKey } from './keyCheck';
import { serverWords, setApiKeyOutcome, type SetKeyOutcome } from './keyWording';

function keyProblem(value: string): string | undefined {
  return value.trim() === ''
    ? vscode.l10n.t('Enter the API private key.')
    : /\s/.test(value.trim())
      ? vscode.l10n.t('An API key has no spaces: check what was pasted.')
      : undefined;
}

/** Tests the typed key against the server; Save Anyway or Enter Again when it is refused or cannot be tested. */
async function testTypedKey(
  services: Services,
  server: ServerConfig,
  apiKey: string,
): Promise<'save' | 'again' | { version: string }> {
  const check = await withCancellableProgress(vscode.l10n.t('Testing the API key for "{0}"…', server.name), (signal) =>
    checkKey(
      services.clients,
      {
        baseUrl: server.baseUrl,
        username: server.username,
        apiKey,
        caFile: server.caFile,
        strictSSL: server.strictSSL,
      },
      server.name,
      signal,
    ),
  );
  if (check.outcome === 'accepted') return { version: check.version };
  const outcome: SetKeyOutcome =
    check.outcome === 'refused'
      ? { outcome: 'refused', said: maskSecrets(serverWords(check.error)) }
      : {
          outcome: 'failed',
          reason: maskSecrets(check.error instanceof Error ? check.error.message : String(check.error)),
        };
  services.log.warn(`The API key typed for "${server.name}" was not accepted: ${outcome.outcome}.`);
  const wording = setApiKeyOutcome(vscode.l10n, server, outcome);
  const saveAnyway = vscode.l10n.t('Save Anyway');
  const again = vscode.l10n.t('Enter Again');
  const choice = await vscode.window.showWarningMessage(
    wording.title,
    { modal: true, detail: wording.detail },
    again,
    saveAnyway,
  );
  if (choice === saveAnyway) return 'save';
  if (choice === again) return 'again';
  throw new UserCancelledError();
}

export async function setApiKey(services: Services, arg: unknown): Promise<boolean> {
  const registry = services.servers;
  const name = stringField(arg, 'server') ?? (await pickServer(registry, vscode.l10n.t('Set API Key')));
  const server = registry.require(name);
  const given = stringField(arg, 'apiKey');
  if (given !== undefined) {
    // Scripted ({server, apiKey}): stored as given, without a test, as before.
    const apiKey = given.trim();
    if (apiKey === '' || /\s/.test(apiKey)) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: vscode.l10n.t('The API key is empty or contains spaces; nothing was stored.'),
      });
    }
    await store(services, name, apiKey);
    return true;
  }
  let typed: string | undefined;
  for (;;) {
    typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Set API Key for "{0}"', name),
      prompt: vscode.l10n.t(
        'The API private key for {0} on {1}. It is kept in VS Code secret storage.',
        server.username,
        server.baseUrl,
      ),
      value: typed,
      password: true,
      ignoreFocusOut: true,
      validateInput: keyProblem,
    });
    if (typed === undefined) throw new UserCancelledError();
    const apiKey = typed.trim();
    const tested = await testTypedKey(services, server, apiKey);
    if (tested === 'again') continue;
    await store(services, name, apiKey);
    void vscode.window.showInformationMessage(
      tested === 'save'
        ? vscode.l10n.t('API key for "{0}" saved.', name)
        : setApiKeyOutcome(vscode.l10n, server, { outcome: 'accepted', version: tested.version }).title,
    );
    return true;
  }
}

async function store(services: Services, name: string, apiKey: string): Promise<void> {
  // The key store announces the change at once, which refreshes the tree before this command returns.
  await services.servers.setApiKey(name, apiKey);
  services.log.info(`Stored the API key of server "${name}".`);
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
