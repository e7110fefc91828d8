// A 403 because this machine's address is not on the API key's access list: no setting in VS Code can fix it, so
// say what the list is, which address Ops Manager saw (when it said), who can add it, and where the documentation
// is. Plain functions taking VS Code's l10n (a type import only), so unit tests can read the wording.
import { isIP } from 'node:net';
import type * as vscode from 'vscode';
import type { OpsManagerError } from '../opsManager/common';

/** Ops Manager's page on API keys and their access lists. */
export const ACCESS_LIST_DOCS_URL =
  'https://www.mongodb.com/docs/ops-manager/current/tutorial/configure-public-api-access/';

/** Error codes of this refusal, old and new names (IP_ADDRESS_NOT_ON_WHITELIST, …_ACCESS_LIST, RESOURCE_REQUIRES_…). */
export function isAccessListRefusal(error: OpsManagerError): boolean {
  return error.status === 403 && /WHITELIST|ACCESS_LIST|IP_ADDRESS/i.test(error.errorCode ?? '');
}

/** The address Ops Manager reports: a parameter that is an IP, else an IPv4 address in its words. */
export function reportedAddress(error: Pick<OpsManagerError, 'parameters' | 'detail' | 'reason'>): string | undefined {
  for (const parameter of error.parameters ?? []) {
    if (typeof parameter === 'string' && isIP(parameter.trim()) !== 0) return parameter.trim();
  }
  for (const text of [error.detail, error.reason]) {
    // Linear: fixed-width digit runs separated by dots, then confirmed by isIP.
    const match = text === undefined ? null : /\b\d{1,3}(?:\.\d{1,3}){3}\b/.exec(text);
    if (match !== null && isIP(match[0]) !== 0) return match[0];
  }
  return undefined;
}

export interface AccessListHelp {
  summary: string;
  message: string;
  /** What to do, short enough for a tree row. */
  hint: string;
  address?: string;
}

export function accessListHelp(l10n: typeof vscode.l10n, error: OpsManagerError): AccessListHelp {
  const address = reportedAddress(error);
  const summary =
    address === undefined
      ? l10n.t('IP address not on the API access list (403)')
      : l10n.t('IP address {0} not on the API access list (403)', address);
  const seen =
    address === undefined
      ? l10n.t(
          "Ops Manager accepts this API key only from the addresses on the key's API access list, and refused this machine's address.",
        )
      : l10n.t(
          "Ops Manager accepts this API key only from the addresses on the key's API access list, and this machine's address as Ops Manager sees it, {0}, is not on it.",
          address,
        );
  const fix = l10n.t(
    'No setting in VS Code can change that: an Ops Manager organization owner adds the address to the key in Ops Manager (Organization → Access Manager → API Keys → the key → Edit → API Access List). Then retry. A proxy or NAT in between can make Ops Manager see another address than this machine has.',
  );
  const hint =
    address === undefined
      ? l10n.t("Ask an organization owner to add this machine's address to the key's API access list")
      : l10n.t("Ask an organization owner to add {0} to the key's API access list", address);
  return { summary, message: `${seen} ${fix}`, hint, ...(address === undefined ? {} : { address }) };
}
