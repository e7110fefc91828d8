// What an error means for the user and what fixes it. Shared by the tree's error nodes and the command wrapper,
// so the same failure reads the same wherever it shows up.
import * as vscode from 'vscode';
import { MissingApiKeyError } from './clients';
import { UnknownServerError } from './registry';
import { maskSecrets } from './mask';
import { errorText } from './errorText';
import { isOpsManagerError } from '../opsManager/common';
import { COMMANDS } from './commandIds';
import { ACCESS_LIST_DOCS_URL, accessListHelp, isAccessListRefusal } from './accessList';

export interface FixAction {
  label: string;
  /** Codicon name. */
  icon: string;
  command: string;
  args: unknown[];
}

export interface ErrorHelp {
  /** A few words for a tree label. */
  summary: string;
  /** The full explanation (masked). */
  message: string;
  /** What fixes it, most useful first. */
  actions: FixAction[];
  /** A configuration problem (warning) rather than a failure (error). */
  severity: 'warning' | 'error';
  /** What to do when no command can fix it, shown as a line of its own (the tree). */
  hint?: string;
}

/** Where the failing request was aimed, so a 404 can name the right thing. */
export type ErrorLevel = 'server' | 'group' | 'cluster' | 'job';

export function setApiKeyAction(server: string | undefined): FixAction {
  return {
    label: vscode.l10n.t('Set API Key…'),
    icon: 'key',
    command: COMMANDS.setApiKey,
    args: server === undefined ? [] : [{ server }],
  };
}

export function openSettingsAction(): FixAction {
  return {
    label: vscode.l10n.t('Open Settings'),
    icon: 'settings-gear',
    command: COMMANDS.openSettings,
    args: ['opsManager.servers'],
  };
}

export function accessListDocsAction(): FixAction {
  return {
    label: vscode.l10n.t('Open Documentation'),
    icon: 'book',
    command: 'vscode.open',
    args: [vscode.Uri.parse(ACCESS_LIST_DOCS_URL)],
  };
}

export function showLogAction(): FixAction {
  return { label: vscode.l10n.t('Show Log'), icon: 'output', command: COMMANDS.showLog, args: [] };
}

const NOT_ALLOWED_CODES = new Set(['NOT_IN_GROUP', 'USER_UNAUTHORIZED']);

export function explainError(error: unknown, server?: string, level?: ErrorLevel): ErrorHelp {
  if (error instanceof MissingApiKeyError) {
    return {
      summary: vscode.l10n.t('No API key set'),
      message: error.message,
      actions: [setApiKeyAction(error.server)],
      severity: 'warning',
    };
  }
  if (error instanceof UnknownServerError) {
    return {
      summary: vscode.l10n.t('Server not configured'),
      message: error.message,
      actions: [openSettingsAction()],
      severity: 'warning',
    };
  }
  if (!isOpsManagerError(error)) {
    const text = errorText(error, vscode.l10n);
    return { summary: vscode.l10n.t('Unexpected error'), message: text, actions: [showLogAction()], severity: 'error' };
  }
  const message = errorText(error, vscode.l10n);
  const code = error.errorCode ?? '';
  if (error.kind === 'http') {
    const status = error.status ?? 0;
    if (status === 401 && NOT_ALLOWED_CODES.has(code)) {
      return {
        summary: vscode.l10n.t('Not allowed for this key (401 {0})', code),
        message,
        actions: [openSettingsAction(), showLogAction()],
        severity: 'error',
      };
    }
    if (status === 401) {
      return {
        summary: vscode.l10n.t('API key rejected (401)'),
        message,
        actions: [setApiKeyAction(server), openSettingsAction()],
        severity: 'error',
      };
    }
    if (status === 403) {
      if (isAccessListRefusal(error)) {
        // Settings cannot fix this one: explain the list and link the documentation instead.
        const help = accessListHelp(vscode.l10n, error);
        return {
          summary: help.summary,
          message: maskSecrets(help.message),
          actions: [accessListDocsAction(), showLogAction()],
          severity: 'error',
          hint: help.hint,
        };
      }
      return {
        summary: code === '' ? vscode.l10n.t('Access denied (403)') : vscode.l10n.t('Access denied (403 {0})', code),
        message,
        actions: [openSettingsAction(), showLogAction()],
        severity: 'error',
      };
    }
    if (status === 404) {
      if (/GROUP/.test(code) || (code === '' && level === 'group')) {
        return {
          summary: vscode.l10n.t('Group not found (404)'),
          message,
          actions: [openSettingsAction()],
          severity: 'error',
        };
      }
      if (/CLUSTER/.test(code) || (code === '' && level === 'cluster')) {
        return {
          summary: vscode.l10n.t('Cluster not found (404)'),
          message,
          actions: [openSettingsAction()],
          severity: 'error',
        };
      }
      if (/JOB/.test(code) || level === 'job') {
        return { summary: vscode.l10n.t('Restore job not found (404)'), message, actions: [], severity: 'error' };
      }
      return {
        summary: vscode.l10n.t('Not found (404)'),
        message,
        actions: [openSettingsAction(), showLogAction()],
        severity: 'error',
      };
    }
    if (status === 429) {
      return {
        summary: vscode.l10n.t('Too many requests (429)'),
        message,
        actions: [showLogAction()],
        severity: 'error',
      };
    }
    return {
      summary: vscode.l10n.t('Server error ({0})', status),
      message,
      actions: [showLogAction()],
      severity: 'error',
    };
  }
  switch (error.kind) {
    case 'network':
      return {
        summary: vscode.l10n.t('Cannot reach the server'),
        message,
        actions: [openSettingsAction(), showLogAction()],
        severity: 'error',
      };
    case 'timeout':
      return { summary: vscode.l10n.t('No answer in time'), message, actions: [showLogAction()], severity: 'error' };
    case 'tls':
      return {
        summary: vscode.l10n.t('TLS certificate problem'),
        message: /caFile/.test(message)
          ? message
          : vscode.l10n.t(
              '{0} If Ops Manager uses a private CA, set "caFile" for this server in the settings.',
              message,
            ),
        actions: [openSettingsAction(), showLogAction()],
        severity: 'error',
      };
    case 'parse':
      return {
        summary: vscode.l10n.t('Unexpected answer from the server'),
        message,
        actions: [showLogAction()],
        severity: 'error',
      };
    case 'invalid-input':
      return { summary: vscode.l10n.t('Invalid input'), message, actions: [], severity: 'warning' };
    default:
      return { summary: vscode.l10n.t('Request failed'), message, actions: [showLogAction()], severity: 'error' };
  }
}
