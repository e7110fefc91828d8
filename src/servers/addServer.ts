// "Add Server…": name, URL (checked as you type), user name, API key (password input), then a connection test
// against the API root that shows the Ops Manager version or the precise error, and only then the save.
// With arguments {name, baseUrl, username, apiKey[, testConnection]} it asks nothing (tests, other extensions).
import * as vscode from 'vscode';
import { serverIdentity } from '../core/serverIdentity';
import { baseUrlProblem, serverSettingsEntry } from '../core/serverSettings';
import { describeError } from '../core/log';
import { errorText } from '../core/errorText';
import { OpsManagerError } from '../opsManager/common/errors';
import type { ApiRoot } from '../opsManager/api/model';
import { CLOUD_MANAGER_BASE_URL } from '../opsManager/api/ids';
import { booleanField, stringField } from '../core/args';
import type { CommandDeps } from '../core/commandDeps';
import { withCancellableProgress } from '../core/progress';
import { BACK, inputStep } from '../core/prompts';
import { UserCancelledError } from '../core/wrapper';

interface Draft {
  name: string;
  baseUrl: string;
  username: string;
  apiKey: string;
}

export interface AddServerResult {
  name: string;
  /** The Ops Manager version when the connection test passed. */
  version?: string;
}

function nameProblem(deps: CommandDeps, name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return vscode.l10n.t('Enter a name to show in the tree, e.g. "Production".');
  const list = deps.services.servers.list();
  const taken = list.servers.some((s) => s.name === trimmed) || list.invalid.some((s) => s.name === trimmed);
  return taken ? vscode.l10n.t('A server named "{0}" already exists.', trimmed) : undefined;
}

function usernameProblem(value: string): string | undefined {
  if (value.trim() === '') return vscode.l10n.t('Enter the API public key (or your Ops Manager user name).');
  return /\s/.test(value.trim()) ? vscode.l10n.t('The user name cannot contain spaces.') : undefined;
}

function apiKeyProblem(value: string): string | undefined {
  if (value.trim() === '') return vscode.l10n.t('Enter the API private key.');
  return /\s/.test(value.trim()) ? vscode.l10n.t('An API key has no spaces: check what was pasted.') : undefined;
}

export function describeVersion(root: ApiRoot): string {
  return root.versionString ?? [root.appName, root.build].filter((s) => s !== undefined).join(' ');
}

/** Runs the four steps; Back returns to the previous one. Throws UserCancelledError when dismissed. */
async function askDraft(deps: CommandDeps, draft: Draft, firstStep: number): Promise<Draft> {
  const title = vscode.l10n.t('Add Ops Manager Server');
  const total = 4;
  let step = firstStep;
  const result = { ...draft };
  while (step <= total) {
    let answer: string | typeof BACK | undefined;
    switch (step) {
      case 1:
        answer = await inputStep({
          title,
          step,
          totalSteps: total,
          value: result.name,
          canGoBack: false,
          prompt: vscode.l10n.t('A name for this server, shown in the tree'),
          placeholder: vscode.l10n.t('e.g. Production'),
          validate: (value) => nameProblem(deps, value),
        });
        if (typeof answer === 'string') result.name = answer.trim();
        break;
      case 2:
        answer = await inputStep({
          title,
          step,
          totalSteps: total,
          value: result.baseUrl,
          canGoBack: true,
          prompt: vscode.l10n.t(
            'The Ops Manager URL (/api/public/v1.0 is optional), or Cloud Manager with the cloud button',
          ),
          placeholder: 'https://opsmanager.example.com:8443',
          validate: (value) => baseUrlProblem(value),
          // Cloud Manager serves the same v1.0 API: offered as a choice so nobody has to know its URL.
          fillButtons: [
            {
              button: {
                iconPath: new vscode.ThemeIcon('cloud'),
                tooltip: vscode.l10n.t('Use Cloud Manager ({0})', CLOUD_MANAGER_BASE_URL),
              },
              value: CLOUD_MANAGER_BASE_URL,
            },
          ],
        });
        if (typeof answer === 'string') result.baseUrl = answer.trim();
        break;
      case 3:
        answer = await inputStep({
          title,
          step,
          totalSteps: total,
          value: result.username,
          canGoBack: true,
          prompt: vscode.l10n.t('The API public key (or Ops Manager user name on older servers)'),
          validate: usernameProblem,
        });
        if (typeof answer === 'string') result.username = answer.trim();
        break;
      default:
        answer = await inputStep({
          title,
          step,
          totalSteps: total,
          value: result.apiKey,
          canGoBack: true,
          password: true,
          prompt: vscode.l10n.t('The API private key. It is kept in VS Code secret storage, never in settings.'),
          validate: apiKeyProblem,
        });
        if (typeof answer === 'string') result.apiKey = answer.trim();
        break;
    }
    if (answer === undefined) throw new UserCancelledError();
    step = answer === BACK ? Math.max(1, step - 1) : step + 1;
  }
  return result;
}

/** Asks the API root with the draft's credentials. Resolves the version or the error (cancellation rethrown). */
async function testConnection(deps: CommandDeps, draft: Draft): Promise<{ version: string } | { error: unknown }> {
  return withCancellableProgress(vscode.l10n.t('Connecting to {0}…', draft.baseUrl), async (signal) => {
    const client = deps.clientFactory.create(
      { baseUrl: draft.baseUrl, username: draft.username, apiKey: draft.apiKey },
      draft.name,
    );
    try {
      const root = await client.getRoot({ signal });
      // The root answers without credentials on some servers: list groups too so a wrong key shows up now.
      await client.listGroups({ signal, maxItems: 1, itemsPerPage: 1 });
      return { version: describeVersion(root) };
    } catch (error) {
      if (signal.aborted) throw new UserCancelledError();
      return { error };
    } finally {
      client.close().catch(() => undefined);
    }
  });
}

async function save(deps: CommandDeps, draft: Draft): Promise<void> {
  // The key first, so the tree finds it when the settings change refreshes it.
  await deps.services.servers.setApiKeyForIdentity(serverIdentity(draft.baseUrl, draft.username), draft.apiKey);
  await deps.services.servers.add(serverSettingsEntry(draft));
  deps.tree.refresh();
  deps.tree.updateServerCount();
  deps.services.log.info(`Added server "${draft.name}" (${draft.baseUrl}, user ${draft.username}).`);
}

function checkArgs(deps: CommandDeps, draft: Draft): void {
  const problem =
    nameProblem(deps, draft.name) ??
    baseUrlProblem(draft.baseUrl) ??
    usernameProblem(draft.username) ??
    apiKeyProblem(draft.apiKey);
  if (problem !== undefined) throw new OpsManagerError({ kind: 'invalid-input', message: problem });
}

export async function addServer(deps: CommandDeps, arg: unknown): Promise<AddServerResult | undefined> {
  let draft: Draft = {
    name: stringField(arg, 'name')?.trim() ?? '',
    baseUrl: stringField(arg, 'baseUrl')?.trim() ?? '',
    username: stringField(arg, 'username')?.trim() ?? '',
    apiKey: stringField(arg, 'apiKey')?.trim() ?? '',
  };
  const fromArgs = draft.name !== '' && draft.baseUrl !== '' && draft.username !== '' && draft.apiKey !== '';
  if (fromArgs) {
    checkArgs(deps, draft);
    if (booleanField(arg, 'testConnection') === false) {
      await save(deps, draft);
      return { name: draft.name };
    }
    const result = await testConnection(deps, draft);
    if ('error' in result) throw result.error;
    await save(deps, draft);
    return { name: draft.name, version: result.version };
  }

  draft = await askDraft(deps, draft, 1);
  for (;;) {
    const result = await testConnection(deps, draft);
    if ('version' in result) {
      await save(deps, draft);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Connected to Ops Manager {0}. Server "{1}" saved.', result.version || '?', draft.name),
      );
      return { name: draft.name, version: result.version };
    }
    deps.services.log.warn(`Connection test for "${draft.name}" failed: ${describeError(result.error)}`);
    const retry = vscode.l10n.t('Retry');
    const edit = vscode.l10n.t('Edit');
    const saveAnyway = vscode.l10n.t('Save Anyway');
    const reason = errorText(result.error, vscode.l10n);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Could not connect to {0}', draft.baseUrl),
      { modal: true, detail: reason },
      retry,
      edit,
      saveAnyway,
    );
    if (choice === saveAnyway) {
      await save(deps, draft);
      return { name: draft.name };
    }
    if (choice === edit) {
      draft = await askDraft(deps, draft, 2);
    } else if (choice !== retry) {
      throw new UserCancelledError();
    }
  }
}
