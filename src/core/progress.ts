// A progress notification whose Cancel button aborts the work through an AbortSignal.
import * as vscode from 'vscode';

/**
 * Runs `task` under a cancellable notification titled `title`; Cancel aborts the signal `task` was given.
 * `report` sets the notification's message (e.g. "rate limited, retrying in 8 s").
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await task(abort.signal, (message) => progress.report({ message }));
      } finally {
        cancel.dispose();
      }
    },
  );
}
