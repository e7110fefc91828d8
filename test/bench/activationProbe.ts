// Runs inside the real VS Code extension host (as the extensionTestsPath of a fresh code-server start) and
// times our extension's activation: from the activation request to activate()'s promise resolving, which
// covers loading dist/extension.js, creating the ExtensionContext and running activate().
// Nothing else in that window opens our view or runs our commands, so the extension is not active yet; the
// report says so if it was (that run would measure nothing).
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { EXTENSION_ID, REPORT_PREFIX } from './activationShared';

export async function run(): Promise<void> {
  // The benchmark also times an empty reference extension, named by the environment.
  const id = process.env.BENCH_ACTIVATION_ID || EXTENSION_ID;
  const ext = vscode.extensions.getExtension(id);
  if (ext === undefined) {
    throw new Error(`extension ${id} is not loaded in this extension host`);
  }
  // The test payload runs while the workbench is still starting (the browser page loading, extension host RPC
  // queues full), which would be timed too. A user opens the view into a settled window: wait for that.
  await settle(Number(process.env.BENCH_ACTIVATION_SETTLE_MS ?? 3000));
  const wasActive = ext.isActive;
  const t0 = performance.now();
  await ext.activate();
  const ms = performance.now() - t0;
  const report = JSON.stringify({ ms, wasActive, isActive: ext.isActive, vscode: vscode.version });
  // Two channels: the console reaches the page's automation log; the file works even when it does not.
  console.log(`${REPORT_PREFIX}${report}`);
  const out = process.env.BENCH_ACTIVATION_OUT;
  if (out) {
    fs.writeFileSync(out, report);
  }
}

/** Waits `ms`, then until a 50 ms timer fires within 10 ms of its time (the event loop is not busy). */
async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (performance.now() - t < 60) {
      return;
    }
  }
}
