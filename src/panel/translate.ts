// The panel's text goes through an `l10n.t(...)`-shaped object so the pure HTML builder can be used by the host
// (with `vscode.l10n`) and by unit tests (with the English default below) alike. Calls are written as
// `l10n.t('literal', …)` so the l10n extraction tool finds them.

export interface L10n {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** The untranslated strings with `{0}`-style placeholders filled in, as `vscode.l10n.t` does without a bundle. */
export const englishL10n: L10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    return message.replace(/\{(\d+)\}/g, (match, index: string) => {
      const value = args[Number(index)];
      return value === undefined ? match : String(value);
    });
  },
};
