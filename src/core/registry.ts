// The configured servers: settings for everything public, SecretStorage for the API key. One event tells the
// tree and the client cache that something they depend on changed.
import * as vscode from 'vscode';
import { isRecord, OpsManagerError } from '../opsManager/common';
import { normaliseBaseUrl } from './serverIdentity';
import { ApiKeyStore } from './secrets';
import { parseServerList, type ServerConfig, type ServerList } from './serverSettings';
import { serversSetting, SETTINGS, TRANSPORT_SETTINGS } from './settings';

export interface ServerRegistryChange {
  /** The `opsManager.servers` setting changed. */
  servers: boolean;
  /** An API key was stored or deleted. */
  secrets: boolean;
  /** Settings that shape connections changed (timeouts, proxy). */
  transport: boolean;
}

/** Thrown when a command or the tree asks for a server name that is not (or no longer) configured. */
export class UnknownServerError extends OpsManagerError {
  constructor(readonly server: string) {
    super({
      kind: 'invalid-input',
      message: vscode.l10n.t(
        'There is no valid server named "{0}" in the "opsManager.servers" setting. Add it with "Ops Manager: Add Server…" or fix the settings entry.',
        server,
      ),
    });
    this.name = 'UnknownServerError';
  }
}

/**
 * `opsManager.servers` as VS Code applies it. The setting is machine-scoped: only user settings count (on a remote,
 * the remote machine's), and `inspect().globalValue` can be the local user's copy that a remote ignores, so adding
 * or removing from it would write back a list the user does not see (and drop entries added since).
 */
function appliedServers(config: vscode.WorkspaceConfiguration): unknown[] {
  const value = config.get<unknown>(SETTINGS.servers);
  return Array.isArray(value) ? [...value] : [];
}

function entryName(entry: unknown): string | undefined {
  return isRecord(entry) && typeof entry.name === 'string' ? entry.name.trim() : undefined;
}

export class ServerRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ServerRegistryChange>();
  readonly onDidChange = this.changed.event;
  private readonly keys: ApiKeyStore;
  private readonly disposables: vscode.Disposable[] = [];
  private cached: ServerList | undefined;

  constructor(secrets: vscode.SecretStorage) {
    this.keys = new ApiKeyStore(secrets);
    this.disposables.push(
      this.keys,
      this.changed,
      this.keys.onDidChange(() => this.changed.fire({ servers: false, secrets: true, transport: false })),
      vscode.workspace.onDidChangeConfiguration((event) => {
        const servers = event.affectsConfiguration(SETTINGS.servers);
        const transport = TRANSPORT_SETTINGS.some((key) => event.affectsConfiguration(key));
        if (servers) this.cached = undefined;
        if (servers || transport) this.changed.fire({ servers, secrets: false, transport });
      }),
    );
  }

  /** Valid servers and explained invalid entries, in settings order. */
  list(): ServerList {
    this.cached ??= parseServerList(serversSetting());
    return this.cached;
  }

  /** Number of entries in the setting, valid or not (drives the welcome view). */
  count(): number {
    const list = this.list();
    return list.servers.length + list.invalid.length;
  }

  get(name: string): ServerConfig | undefined {
    return this.list().servers.find((server) => server.name === name);
  }

  /** The server, or an UnknownServerError explaining how to fix it. */
  require(name: string): ServerConfig {
    const server = this.get(name);
    if (server === undefined) throw new UnknownServerError(name);
    return server;
  }

  /** The configured server whose base URL is `baseUrl` (any spelling), if any. */
  findByBaseUrl(baseUrl: string): ServerConfig | undefined {
    const wanted = normaliseBaseUrl(baseUrl);
    if (wanted === undefined) return undefined;
    return this.list().servers.find((server) => normaliseBaseUrl(server.baseUrl) === wanted);
  }

  async getApiKey(name: string): Promise<string | undefined> {
    return this.keys.get(this.require(name).identity);
  }

  async hasApiKey(name: string): Promise<boolean> {
    const server = this.get(name);
    return server !== undefined && (await this.keys.get(server.identity)) !== undefined;
  }

  async setApiKey(name: string, apiKey: string): Promise<void> {
    await this.keys.set(this.require(name).identity, apiKey);
  }

  /** Stores an API key for an account that is not (yet) in the settings. */
  async setApiKeyForIdentity(identity: string, apiKey: string): Promise<void> {
    await this.keys.set(identity, apiKey);
  }

  /** Appends a server entry to the user (global) settings. */
  async add(entry: Record<string, unknown>): Promise<void> {
    const config = vscode.workspace.getConfiguration();
    await config.update(SETTINGS.servers, [...appliedServers(config), entry], vscode.ConfigurationTarget.Global);
    this.cached = undefined;
  }

  /**
   * Removes every entry named `name` from the user settings (the only place a machine-scoped setting is read) and
   * its API key, unless another remaining server uses the same account. Returns how many entries were removed.
   */
  async remove(name: string): Promise<number> {
    const server = this.get(name);
    const config = vscode.workspace.getConfiguration();
    const entries = appliedServers(config);
    const kept = entries.filter((entry) => entryName(entry) !== name);
    const removed = entries.length - kept.length;
    if (removed > 0) await config.update(SETTINGS.servers, kept, vscode.ConfigurationTarget.Global);
    this.cached = undefined;
    if (server !== undefined && !this.list().servers.some((other) => other.identity === server.identity)) {
      await this.keys.delete(server.identity);
    }
    return removed;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
