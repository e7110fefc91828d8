// Demo only (`npm run demo`): a companion extension that gives the Ops Manager extension the simulator's API key
// the way a user would, through its "Set API Key" command, so the key lands in VS Code's secret storage and never
// in settings. The key comes from a file in the demo's throwaway profile (named by OPSMANAGER_DEMO_SEED_FILE and
// deleted with the profile when the demo stops).
// code-server keeps secrets per browser (localStorage of the page's origin), so this runs at every window start
// and stores the key when this browser does not have it yet, then opens the Ops Manager view.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

const SEED_FILE_ENV = 'OPSMANAGER_DEMO_SEED_FILE';
/** How long to wait for our own marker's change event (it follows the Ops Manager extension's, see below). */
const SETTLE_MS = 5000;

interface Seed {
  server: string;
  apiKey: string;
}

function readSeed(file: string): Seed | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // the demo has stopped (or never wrote it): nothing to do
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const server: unknown = Reflect.get(parsed, 'server');
  const apiKey: unknown = Reflect.get(parsed, 'apiKey');
  return typeof server === 'string' && typeof apiKey === 'string' ? { server, apiKey } : undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const file = process.env[SEED_FILE_ENV];
  const seed = file === undefined ? undefined : readSeed(file);
  if (seed === undefined) return;
  // A fingerprint (not the key) of what was stored in this browser's secret storage.
  const marker = `seeded:${seed.server}`;
  const fingerprint = crypto.createHash('sha256').update(`${seed.server}\n${seed.apiKey}`).digest('hex');
  if ((await context.secrets.get(marker)) !== fingerprint) {
    // {server, apiKey}: the command stores the key without asking and refreshes the tree.
    await vscode.commands.executeCommand('opsManager.setApiKey', { server: seed.server, apiKey: seed.apiKey });
    // Secret changes reach the extensions in order: once our marker's change arrives, the Ops Manager extension has
    // seen its key change too (and refreshed its tree), so the view opens on a settled tree.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, SETTLE_MS);
      const subscription = context.secrets.onDidChange((event) => {
        if (event.key === marker) done();
      });
      function done(): void {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
      void context.secrets.store(marker, fingerprint);
    });
  }
  await vscode.commands.executeCommand('workbench.view.extension.opsManager');
}

export function deactivate(): void {
  // Nothing to release.
}
