// API keys in VS Code's SecretStorage, keyed by server identity (identity.ts). Nothing else stores them.
import * as vscode from 'vscode';
import { addSecret } from './log';
import { API_KEY_SECRET_PREFIX, apiKeySecretKey } from './serverIdentity';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires once when an API key is stored or deleted, here or in another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /**
   * What this window last wrote or read per secret key. Our own writes fire at once; SecretStorage echoes them
   * later (about half a second under code-server), and a second refresh then would collapse what the user just
   * expanded. An echo that matches is dropped; a real change from elsewhere does not match and fires.
   */
  private readonly known = new Map<string, string | undefined>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (!event.key.startsWith(API_KEY_SECRET_PREFIX)) return;
      const value = await this.read(event.key);
      if (this.known.has(event.key) && this.known.get(event.key) === value) return;
      this.known.set(event.key, value);
      this.changed.fire();
    });
  }

  async get(identity: string): Promise<string | undefined> {
    const key = apiKeySecretKey(identity);
    const value = await this.read(key);
    this.known.set(key, value);
    return value;
  }

  async set(identity: string, apiKey: string): Promise<void> {
    addSecret(apiKey);
    const key = apiKeySecretKey(identity);
    await this.secrets.store(key, apiKey);
    this.remember(key, apiKey);
  }

  async delete(identity: string): Promise<void> {
    const key = apiKeySecretKey(identity);
    await this.secrets.delete(key);
    this.remember(key, undefined);
  }

  private async read(key: string): Promise<string | undefined> {
    const value = await this.secrets.get(key);
    if (value === undefined || value === '') return undefined;
    addSecret(value);
    return value;
  }

  /** An explicit write always refreshes (storing the same key again is how a user retries); its echo does not. */
  private remember(key: string, value: string | undefined): void {
    this.known.set(key, value);
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
