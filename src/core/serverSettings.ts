// The `opsManager.servers` setting, read with checks. The JSON schema in package.json warns in the settings
// editor, but settings.json can hold anything: every entry is validated here, and a broken entry becomes an
// explanation in the tree instead of an exception.
import * as vscode from 'vscode';
import { isObjectId, isRecord } from '../opsManager/common';
import { normaliseBaseUrl, serverIdentity } from './serverIdentity';

export interface ClusterConfig {
  id: string;
  name?: string;
}

export interface GroupConfig {
  id: string;
  name?: string;
  /** Undefined: discover the group's clusters from the API. */
  clusters?: ClusterConfig[];
}

export interface ServerConfig {
  name: string;
  /** As written in the settings. */
  baseUrl: string;
  username: string;
  caFile?: string;
  strictSSL: boolean;
  /** Undefined: discover the groups from the API. */
  groups?: GroupConfig[];
  /** Names the account for SecretStorage (see identity.ts). */
  identity: string;
}

export interface InvalidServerEntry {
  /** Position in the settings array (0-based). */
  index: number;
  /** The entry's name when it has one, for the tree label. */
  name?: string;
  problems: string[];
}

export interface ServerList {
  servers: ServerConfig[];
  invalid: InvalidServerEntry[];
}

/** A problem with a base URL as a sentence, or undefined when it is usable. Shared with "Add Server…". */
export function baseUrlProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return vscode.l10n.t('Enter the Ops Manager URL, for example https://opsmanager.example.com:8443.');
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return vscode.l10n.t('"{0}" is not a URL. It should look like https://opsmanager.example.com:8443.', trimmed);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return vscode.l10n.t('The URL must start with https:// or http://.');
  }
  if (url.username || url.password) {
    return vscode.l10n.t('Remove the user name and password from the URL: the API key is stored separately.');
  }
  if (url.search || url.hash) {
    return vscode.l10n.t('Remove the query string or fragment from the URL.');
  }
  if (normaliseBaseUrl(trimmed) === undefined) {
    return vscode.l10n.t('"{0}" is not a usable Ops Manager URL.', trimmed);
  }
  return undefined;
}

function optionalName(value: unknown, where: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems.push(vscode.l10n.t('{0}: "name" must be a string.', where));
    return undefined;
  }
  return value.trim() === '' ? undefined : value.trim();
}

function parseClusters(value: unknown, where: string, problems: string[]): ClusterConfig[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push(vscode.l10n.t('{0}: "clusters" must be a list.', where));
    return undefined;
  }
  const clusters: ClusterConfig[] = [];
  value.forEach((item: unknown, i) => {
    const at = vscode.l10n.t('{0}, cluster {1}', where, i + 1);
    if (!isRecord(item)) {
      problems.push(vscode.l10n.t('{0}: must be an object like {"id": "…"}.', at));
      return;
    }
    if (typeof item.id !== 'string' || !isObjectId(item.id.trim())) {
      problems.push(
        vscode.l10n.t('{0}: "id" must be a cluster ID of 24 hexadecimal characters (an ID, not a name).', at),
      );
      return;
    }
    clusters.push({ id: item.id.trim().toLowerCase(), name: optionalName(item.name, at, problems) });
  });
  return clusters;
}

function parseGroups(value: unknown, problems: string[]): GroupConfig[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push(vscode.l10n.t('"groups" must be a list.'));
    return undefined;
  }
  const groups: GroupConfig[] = [];
  value.forEach((item: unknown, i) => {
    const at = vscode.l10n.t('group {0}', i + 1);
    if (!isRecord(item)) {
      problems.push(vscode.l10n.t('{0}: must be an object like {"id": "…"}.', at));
      return;
    }
    if (typeof item.id !== 'string' || !isObjectId(item.id.trim())) {
      problems.push(vscode.l10n.t('{0}: "id" must be a group (project) ID of 24 hexadecimal characters.', at));
      return;
    }
    groups.push({
      id: item.id.trim().toLowerCase(),
      name: optionalName(item.name, at, problems),
      clusters: parseClusters(item.clusters, at, problems),
    });
  });
  return groups;
}

/** Validates the raw setting value. Never throws. */
export function parseServerList(raw: unknown): ServerList {
  const list: ServerList = { servers: [], invalid: [] };
  if (raw === undefined || raw === null) return list;
  if (!Array.isArray(raw)) {
    list.invalid.push({ index: 0, problems: [vscode.l10n.t('"opsManager.servers" must be a list of servers.')] });
    return list;
  }
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const problems: string[] = [];
    if (!isRecord(entry)) {
      list.invalid.push({
        index,
        problems: [vscode.l10n.t('Each server must be an object with "name", "baseUrl" and "username".')],
      });
      return;
    }
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (name === '') {
      problems.push(vscode.l10n.t('"name" is missing: give the server a name to show in the tree.'));
    } else if (seen.has(name)) {
      problems.push(vscode.l10n.t('Another server is already named "{0}": names must be unique.', name));
    }
    let baseUrl = '';
    if (typeof entry.baseUrl !== 'string') {
      problems.push(
        vscode.l10n.t('"baseUrl" is missing: the Ops Manager URL, e.g. https://opsmanager.example.com:8443.'),
      );
    } else {
      baseUrl = entry.baseUrl.trim();
      const problem = baseUrlProblem(baseUrl);
      if (problem !== undefined) problems.push(problem);
    }
    const username = typeof entry.username === 'string' ? entry.username.trim() : '';
    if (username === '') {
      problems.push(vscode.l10n.t('"username" is missing: the API public key (or Ops Manager user name).'));
    }
    let caFile: string | undefined;
    if (entry.caFile !== undefined) {
      if (typeof entry.caFile !== 'string') {
        problems.push(vscode.l10n.t('"caFile" must be the path of a PEM file.'));
      } else if (entry.caFile.trim() !== '') {
        caFile = entry.caFile.trim();
      }
    }
    let strictSSL = true;
    if (entry.strictSSL !== undefined) {
      if (typeof entry.strictSSL !== 'boolean') {
        problems.push(vscode.l10n.t('"strictSSL" must be true or false.'));
      } else {
        strictSSL = entry.strictSSL;
      }
    }
    const groups = parseGroups(entry.groups, problems);
    const known = new Set(['name', 'baseUrl', 'username', 'caFile', 'strictSSL', 'groups']);
    const unknown = Object.keys(entry).filter((key) => !known.has(key));
    if (unknown.includes('apiKey') || unknown.includes('password')) {
      problems.push(
        vscode.l10n.t(
          'Remove the API key from settings: it belongs in secret storage (run "Ops Manager: Set API Key…").',
        ),
      );
    }
    if (name !== '') seen.add(name);
    if (problems.length > 0) {
      list.invalid.push({ index, name: name === '' ? undefined : name, problems });
      return;
    }
    list.servers.push({
      name,
      baseUrl,
      username,
      caFile,
      strictSSL,
      groups,
      identity: serverIdentity(baseUrl, username),
    });
  });
  return list;
}

/** The entry written to settings for a new server. */
export function serverSettingsEntry(server: {
  name: string;
  baseUrl: string;
  username: string;
}): Record<string, unknown> {
  return { name: server.name, baseUrl: server.baseUrl, username: server.username };
}
