// The secrets this window knows by value (API keys read from SecretStorage, download tokens), and the mask every
// text shown or logged goes through. Kept apart from log.ts so that plain-Node modules (the error wording) can
// use it without importing `vscode`.
import { maskSecrets as maskWith } from '../opsManager/common';

/** Values that must never be shown: API keys read from SecretStorage, download tokens. */
const knownSecrets = new Set<string>();

/** Registers a secret so every later log line and error message hides it. Short values are ignored (too many false hits). */
export function addSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= 6) {
    knownSecrets.add(value);
  }
}

/** Removes every known secret and anything that looks like a credential from `text`. */
export function maskSecrets(text: string): string {
  return maskWith(text, knownSecrets);
}
