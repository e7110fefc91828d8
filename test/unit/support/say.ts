// What a user reads for an error or a download blocker: the VS Code layer's wording (src/core/errorText.ts) in
// English, so domain tests can assert the sentence that a code and its parameters produce.
import { blockerText, errorText } from '../../../src/core/errorText';
import type { Downloadability } from '../../../src/opsManager/api/downloadable';
import { englishL10n } from '../../../src/jobPanel/translate';

export function say(error: unknown): string {
  return errorText(error, englishL10n);
}

export function sayBlocker(check: Extract<Downloadability, { ok: false }>): string {
  return blockerText(check, englishL10n);
}
