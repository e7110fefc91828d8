// API keys in VS Code's SecretStorage, keyed by server identity (identity.ts). Nothing else stores them.
import * as vscode from 'vscode';
import { addSecret } from '../log';
import { API_KEY_SECRET_PREFIX, apiKeySecretKey } from './identity';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when any API key is stored or deleted (also from another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(API_KEY_SECRET_PREFIX)) {
        this.changed.fire();
      }
    });
  }

  async get(identity: string): Promise<string | undefined> {
    const value = await this.secrets.get(apiKeySecretKey(identity));
    if (value === undefined || value === '') return undefined;
    addSecret(value);
    return value;
  }

  async set(identity: string, apiKey: string): Promise<void> {
    addSecret(apiKey);
    await this.secrets.store(apiKeySecretKey(identity), apiKey);
  }

  async delete(identity: string): Promise<void> {
    await this.secrets.delete(apiKeySecretKey(identity));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
