// The panel's renderers take VS Code's `l10n` as a parameter instead of importing `vscode` (they run on plain Node
// in unit tests); their calls are written `l10n.t('literal', …)` in files that import vscode's *types*, which is
// how the l10n extraction tool (`npm run l10n`) finds them. Outside VS Code, `englishL10n` stands in.
import type * as vscode from 'vscode';
import { isRecord } from '../opsManager/common';

/** `{0}` or `{name}` placeholders replaced by `lookup`; unknown ones kept as written. */
function fill(message: string, lookup: (key: string) => unknown): string {
  return message.replace(/\{([^{}]+)\}/g, (match, key: string) => {
    const value = lookup(key);
    return value === undefined ? match : String(value);
  });
}

function filler(args: unknown): (key: string) => unknown {
  if (Array.isArray(args)) {
    return (key) => args[Number(key)];
  }
  return isRecord(args) ? (key) => args[key] : () => undefined;
}

/** The untranslated strings with their placeholders filled in, as `vscode.l10n.t` does without a bundle. */
export const englishL10n: typeof vscode.l10n = {
  t(first: string | { message: string; args?: unknown }, ...rest: unknown[]): string {
    if (typeof first !== 'string') {
      return fill(first.message, filler(first.args));
    }
    return fill(first, filler(rest.length === 1 && isRecord(rest[0]) ? rest[0] : rest));
  },
  bundle: undefined,
  uri: undefined,
};
