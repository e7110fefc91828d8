// One OpsManagerClient per configured server, built on first use and rebuilt when its settings, its API key or
// the connection settings change. The client module (and undici behind it) is loaded on first use, not at
// activation (src/runtimeModule.ts): opening VS Code should not pay for an HTTP stack nobody has used yet.
import * as vscode from 'vscode';
import { logRequest } from './log';
import type { ClientOptions, OpsManagerClient } from '../opsManager/api';
import { OpsManagerError } from '../opsManager/common';
import { opsManagerRuntime } from './runtimeModule';
import type { ServerRegistry } from './registry';
import { transportOptions } from './transport';

/** The server has no API key in SecretStorage yet. */
export class MissingApiKeyError extends OpsManagerError {
  constructor(readonly server: string) {
    super({
      kind: 'invalid-input',
      message: vscode.l10n.t('No API key is stored for server "{0}". Run "Ops Manager: Set API Key…".', server),
    });
    this.name = 'MissingApiKeyError';
  }
}

export interface NewClientOptions {
  baseUrl: string;
  username: string;
  apiKey: string;
  caFile?: string;
  strictSSL?: boolean;
}

interface CacheEntry {
  fingerprint: string;
  client: OpsManagerClient;
}

export class ClientCache implements vscode.Disposable {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly registry: ServerRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Settings or keys changed: drop clients whose server is gone now; the others are checked on next use.
    this.subscription = registry.onDidChange((change) => {
      for (const name of [...this.entries.keys()]) {
        if (change.transport || registry.get(name) === undefined) this.evict(name);
      }
    });
  }

  /** A client for a configured server. Throws UnknownServerError or MissingApiKeyError, both with a fix-it message. */
  async get(name: string): Promise<OpsManagerClient> {
    const server = this.registry.require(name);
    const apiKey = await this.registry.getApiKey(name);
    if (apiKey === undefined) {
      this.evict(name);
      throw new MissingApiKeyError(name);
    }
    const options = {
      baseUrl: server.baseUrl,
      username: server.username,
      apiKey,
      caFile: server.caFile,
      strictSSL: server.strictSSL,
    };
    const fingerprint = JSON.stringify([options, transportOptions(server)]);
    const cached = this.entries.get(name);
    if (cached !== undefined && cached.fingerprint === fingerprint) {
      return cached.client;
    }
    this.evict(name);
    const client = this.create(options, name);
    this.entries.set(name, { fingerprint, client });
    return client;
  }

  /** A client outside the cache (connection tests of servers not saved yet). The caller closes it. */
  create(options: NewClientOptions, logName: string): OpsManagerClient {
    const { OpsManagerClient: Client } = opsManagerRuntime();
    const clientOptions: ClientOptions = {
      ...transportOptions(options),
      baseUrl: options.baseUrl,
      username: options.username,
      apiKey: options.apiKey,
      onRequest: (entry) => logRequest(this.log, logName, entry),
    };
    return new Client(clientOptions);
  }

  private evict(name: string): void {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    this.entries.delete(name);
    // close() lets requests in flight finish; a failure to close is not the user's concern.
    entry.client
      .close()
      .catch((error: unknown) => this.log.debug(`Closing the client of ${name} failed: ${String(error)}`));
  }

  dispose(): void {
    this.subscription.dispose();
    for (const name of [...this.entries.keys()]) this.evict(name);
  }
}
