// "Add Server…": name, URL (checked as you type; https:// added when the scheme is left out), user name, API key
// (password input), a warning when that URL and user are configured already, then a connection test against the
// API root that shows the Ops Manager version, or says the key was refused (Retry asks for it again, Edit returns to
// the key step) or what else went wrong, and only then the save.
// With arguments {name, baseUrl, username, apiKey[, testConnection]} it asks nothing (tests, other extensions).
import * as vscode from 'vscode';
import {
  BACK,
  baseUrlProblem,
  booleanField,
  describeError,
  errorText,
  inputStep,
  maskSecrets,
  serverIdentity,
  serverSettingsEntry,
  type Services,
  stringField,
  UserCancelledError,
  type Validation,
  withCancellableProgress,
} from '../core';
import { CLOUD_MANAGER_BASE_URL, OpsManagerError } from '../opsManager/common';
import { checkKey } from './keyCheck';
import {
  addServerFailed,
  addServerRefused,
  completeBaseUrl,
  completedUrlNote,
  duplicateAccount,
  serverWords,
  type KeyCheck,
} from './keyWording';

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

function nameProblem(services: Services, name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return vscode.l10n.t('Enter a name to show in the tree, e.g. "Production".');
  const list = services.servers.list();
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

/** The URL box: a problem blocks Enter; a completed scheme is only pointed out. */
function urlValidation(value: string): Validation {
  const problem = baseUrlProblem(completeBaseUrl(value));
  if (problem !== undefined) return problem;
  const note = completedUrlNote(vscode.l10n, value);
  return note === undefined ? undefined : { message: note, severity: vscode.InputBoxValidationSeverity.Info };
}

/** The API key step on its own, after the key was refused: the other answers stay. */
async function askKeyAgain(draft: Draft): Promise<Draft> {
  const answer = await inputStep({
    title: vscode.l10n.t('Add Ops Manager Server'),
    step: 4,
    totalSteps: 4,
    canGoBack: false,
    password: true,
    prompt: vscode.l10n.t('The API private key. It is kept in VS Code secret storage, never in settings.'),
    initialMessage: {
      message: vscode.l10n.t(
        'Ops Manager refused the last key for "{0}": enter the private key again.',
        draft.username,
      ),
      severity: vscode.InputBoxValidationSeverity.Warning,
    },
    validate: apiKeyProblem,
  });
  if (typeof answer !== 'string') throw new UserCancelledError();
  return { ...draft, apiKey: answer.trim() };
}

/** Another configured server with the same URL and user, whose stored key this one would share. */
function sameAccount(services: Services, draft: Draft): string | undefined {
  const identity = serverIdentity(draft.baseUrl, draft.username);
  return services.servers.list().servers.find((s) => s.identity === identity)?.name;
}

/** Runs the four steps; Back returns to the previous one. Throws UserCancelledError when dismissed. */
async function askDraft(services: Services, draft: Draft, firstStep: number): Promise<Draft> {
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
          validate: (value) => nameProblem(services, value),
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
          validate: urlValidation,
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
        if (typeof answer === 'string') result.baseUrl = completeBaseUrl(answer);
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

/** Asks the API root and a group with the draft's credentials (cancellation rethrown). */
function testConnection(services: Services, draft: Draft): Thenable<KeyCheck> {
  return withCancellableProgress(vscode.l10n.t('Connecting to {0}…', draft.baseUrl), (signal) =>
    checkKey(
      services.clients,
      { baseUrl: draft.baseUrl, username: draft.username, apiKey: draft.apiKey },
      draft.name,
      signal,
    ),
  );
}

async function save(services: Services, draft: Draft): Promise<void> {
  // The key first, so the tree finds it when the settings change refreshes it.
  await services.servers.setApiKeyForIdentity(serverIdentity(draft.baseUrl, draft.username), draft.apiKey);
  await services.servers.add(serverSettingsEntry(draft));
  services.refreshTree();
  services.log.info(`Added server "${draft.name}" (${draft.baseUrl}, user ${draft.username}).`);
}

function checkArgs(services: Services, draft: Draft): void {
  const problem =
    nameProblem(services, draft.name) ??
    baseUrlProblem(draft.baseUrl) ??
    usernameProblem(draft.username) ??
    apiKeyProblem(draft.apiKey);
  if (problem !== undefined) throw new OpsManagerError({ kind: 'invalid-input', message: problem });
}

export async function addServer(services: Services, arg: unknown): Promise<AddServerResult | undefined> {
  let draft: Draft = {
    name: stringField(arg, 'name')?.trim() ?? '',
    // Scripted callers get no guessing: only the input box completes a missing https://.
    baseUrl: stringField(arg, 'baseUrl')?.trim() ?? '',
    username: stringField(arg, 'username')?.trim() ?? '',
    apiKey: stringField(arg, 'apiKey')?.trim() ?? '',
  };
  const fromArgs = draft.name !== '' && draft.baseUrl !== '' && draft.username !== '' && draft.apiKey !== '';
  if (fromArgs) {
    checkArgs(services, draft);
    if (booleanField(arg, 'testConnection') === false) {
      await save(services, draft);
      return { name: draft.name };
    }
    const result = await testConnection(services, draft);
    if (result.outcome !== 'accepted') throw result.error;
    await save(services, draft);
    return { name: draft.name, version: result.version };
  }

  draft = await askDraft(services, draft, 1);
  const retry = vscode.l10n.t('Retry');
  const edit = vscode.l10n.t('Edit');
  const saveAnyway = vscode.l10n.t('Save Anyway');
  const addAnyway = vscode.l10n.t('Add Anyway');
  /** The account the user already agreed to add a second entry for. */
  let acceptedDuplicate: string | undefined;
  for (;;) {
    const existing = sameAccount(services, draft);
    const identity = serverIdentity(draft.baseUrl, draft.username);
    if (existing !== undefined && acceptedDuplicate !== identity) {
      const warning = duplicateAccount(vscode.l10n, existing, draft);
      const choice = await vscode.window.showWarningMessage(
        warning.title,
        { modal: true, detail: warning.detail },
        addAnyway,
        edit,
      );
      if (choice === edit) {
        draft = await askDraft(services, draft, 2);
        continue;
      }
      if (choice !== addAnyway) throw new UserCancelledError();
      acceptedDuplicate = identity;
    }
    const result = await testConnection(services, draft);
    if (result.outcome === 'accepted') {
      await save(services, draft);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Connected to Ops Manager {0}. Server "{1}" saved.', result.version || '?', draft.name),
      );
      return { name: draft.name, version: result.version };
    }
    services.log.warn(`Connection test for "${draft.name}" failed: ${describeError(result.error)}`);
    const refused = result.outcome === 'refused';
    const wording = refused
      ? addServerRefused(vscode.l10n, draft, maskSecrets(serverWords(result.error)))
      : addServerFailed(vscode.l10n, draft, errorText(result.error, vscode.l10n));
    const choice = await vscode.window.showWarningMessage(
      wording.title,
      { modal: true, detail: wording.detail },
      retry,
      edit,
      saveAnyway,
    );
    if (choice === saveAnyway) {
      await save(services, draft);
      return { name: draft.name };
    }
    if (choice === retry) {
      // A refused key is asked for again; resending it would only be refused again.
      if (refused) draft = await askKeyAgain(draft);
    } else if (choice === edit) {
      // Edit starts where the problem is: the key step for a refused key, else the URL.
      draft = await askDraft(services, draft, refused ? 4 : 2);
    } else {
      throw new UserCancelledError();
    }
  }
}
