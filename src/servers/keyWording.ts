// How "Add Server…" and "Set API Key…" word a key check. A refused key is told apart from a server that could not
// be reached: "Could not connect" for a 401 sends people after the network when the key is what is wrong.
// Plain functions taking VS Code's l10n (a type import only) and already-masked text, so unit tests can read them.
import type * as vscode from 'vscode';
import type { ApiRoot } from '../opsManager/api';
import { isOpsManagerError, OpsManagerError } from '../opsManager/common';
import { plainText } from '../core/escape';
import { maskSecrets } from '../core/mask';

type L10n = typeof vscode.l10n;

export type KeyCheck =
  | { outcome: 'accepted'; version: string }
  /** Ops Manager answered and refused the credentials (401). */
  | { outcome: 'refused'; error: OpsManagerError }
  /** Anything else: unreachable, TLS, timeout, 403 access list, 5xx. */
  | { outcome: 'failed'; error: unknown };

export interface Wording {
  title: string;
  detail: string;
}

/** 401s that mean "authenticated, but not allowed here", not a wrong key. */
const VALID_BUT_NOT_ALLOWED = new Set(['NOT_IN_GROUP', 'USER_UNAUTHORIZED']);

export function isKeyRefused(error: unknown): error is OpsManagerError {
  return (
    isOpsManagerError(error) &&
    error.kind === 'http' &&
    error.status === 401 &&
    !VALID_BUT_NOT_ALLOWED.has(error.errorCode ?? '')
  );
}

export function describeVersion(root: ApiRoot): string {
  // The server's own text, shown in a notification: one bounded line, never a link.
  return plainText(root.versionString ?? [root.appName, root.build].filter((s) => s !== undefined).join(' '), 80);
}

/** What Ops Manager itself said about a refusal (its code and words), for the detail line; mask it before showing. */
export function serverWords(error: OpsManagerError): string {
  const code = error.errorCode ?? (error.status === undefined ? '' : `HTTP ${error.status}`);
  // Without its closing full stop: the words are quoted inside a sentence.
  const words = (error.detail ?? error.reason ?? '').trim().replace(/\.$/, '');
  const said = words === '' ? code : code === '' ? words : `${code}: ${words}`;
  // Masked whole before it is cut, so no part of a secret survives the cut.
  return plainText(maskSecrets(said), 300);
}

/** A URL typed without a scheme ("opsmanager.example.com:8443") gets https://; anything else stays as typed. */
export function completeBaseUrl(text: string): string {
  const trimmed = text.trim();
  // Linear: a scheme is letters, digits and + . - before "://"; none at all means the user left it out.
  return trimmed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Shown under the URL box while the scheme is being completed, so nobody is surprised by https://. */
export function completedUrlNote(l10n: L10n, typed: string): string | undefined {
  const completed = completeBaseUrl(typed);
  return completed !== typed.trim() ? l10n.t('Will use {0}', completed) : undefined;
}

/** Add Server's test: the key was refused. The server is not saved yet, so no "Set API Key…" here. */
export function addServerRefused(l10n: L10n, draft: { baseUrl: string; username: string }, said: string): Wording {
  return {
    title: l10n.t('Ops Manager at {0} refused the API key', draft.baseUrl),
    detail: l10n.t(
      'The server answered, so the URL is right, but it did not accept the public key (or user name) "{0}" with this private key ({1}). Check both in Ops Manager under Access Manager → API Keys. Retry asks for the private key again; Edit goes back to the keys.',
      draft.username,
      said,
    ),
  };
}

/** Add Server's test failed for any other reason. */
export function addServerFailed(l10n: L10n, draft: { baseUrl: string }, reason: string): Wording {
  return { title: l10n.t('Could not connect to {0}', draft.baseUrl), detail: reason };
}

/** A second entry for an account already configured: both would share (and overwrite) one stored key. */
export function duplicateAccount(
  l10n: L10n,
  existing: string,
  draft: { name: string; baseUrl: string; username: string },
): Wording {
  return {
    title: l10n.t('Server "{0}" already uses {1} with the public key "{2}"', existing, draft.baseUrl, draft.username),
    detail: l10n.t(
      'API keys are stored per URL and public key, so "{0}" and "{1}" would share one key: the key entered now replaces the key of "{0}".',
      existing,
      draft.name,
    ),
  };
}

export type SetKeyOutcome =
  | { outcome: 'accepted'; version: string }
  | { outcome: 'refused'; said: string }
  | { outcome: 'failed'; reason: string };

/** What "Set API Key…" says after testing the key (refused and failed ones can still be saved). */
export function setApiKeyOutcome(
  l10n: L10n,
  server: { name: string; baseUrl: string; username: string },
  result: SetKeyOutcome,
): Wording {
  switch (result.outcome) {
    case 'accepted':
      return {
        title: l10n.t('API key for "{0}" saved. Ops Manager {1} accepted it.', server.name, result.version || '?'),
        detail: '',
      };
    case 'refused':
      return {
        title: l10n.t('Ops Manager at {0} refused this API key for "{1}"', server.baseUrl, server.name),
        detail: l10n.t(
          'It did not accept the public key (or user name) "{0}" with this private key ({1}). Save it anyway, or enter it again.',
          server.username,
          result.said,
        ),
      };
    default:
      return {
        title: l10n.t('Could not test the API key for "{0}"', server.name),
        detail: l10n.t('{0} Save the key without the test, or enter it again.', result.reason),
      };
  }
}
