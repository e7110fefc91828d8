// Workload "activation": the production bundle's size, and the activation time in the real VS Code extension
// host (code-server's, driven by headless Chromium), median of several fresh starts: a new code-server, a new
// user-data-dir and a new browser profile each time, so no cache of a previous start helps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from '../vscode/chromium';
import { ensureCodeServer, quietSettings, startCodeServer, writeUserSettings } from '../vscode/codeServer';
import { EXTENSION_ID, REPORT_PREFIX } from './activationShared';
import { alternate } from './alternate';
import { isRecord, REPO_ROOT } from './procs';
import { finite, summarize } from './stats';
import type { BenchConfig, Row, WorkloadOutput } from './types';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'extension.js');
/** The HTTP layer (undici), a separate file the extension loads on its first request, not at activation. */
const RUNTIME_BUNDLE = path.join(REPO_ROOT, 'dist', 'opsManagerRuntime.js');
const PROBE = path.join(__dirname, 'activationProbe');
const START_TIMEOUT_MS = 120_000;

export interface Start {
  ms: number;
  wasActive: boolean;
  /** Trace-level log lines of the extension host that mention our extension (first start only). */
  logLines?: string[];
}

/** Our extension, and an empty one (activate() does nothing) as the floor VS Code itself imposes. */
type Contender = 'ours' | 'empty';

export interface Target {
  id: string;
  path: string;
}

export async function benchActivation(config: BenchConfig): Promise<WorkloadOutput> {
  const bundleBytes = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).size : null;
  const runtimeBytes = fs.existsSync(RUNTIME_BUNDLE) ? fs.statSync(RUNTIME_BUNDLE).size : null;
  const json: Record<string, unknown> = { bundle_bytes: bundleBytes, runtime_bundle_bytes: runtimeBytes, ms: null };
  const rows: Row[] = [
    { metric: 'activation.bundle_bytes', unit: 'B', median: bundleBytes, note: 'dist/extension.js' },
    {
      metric: 'activation.runtime_bundle_bytes',
      unit: 'B',
      median: runtimeBytes,
      note: 'dist/opsManagerRuntime.js: first request',
    },
  ];
  if (bundleBytes === null) {
    throw new Error('dist/extension.js is missing: run `npm run compile -- --production` first (npm run bench does)');
  }
  // Installs the pinned code-server when it is missing (scripts/setup-vscode.sh), as the test runners do.
  ensureCodeServer();
  const targets: Record<Contender, Target> = {
    ours: { id: EXTENSION_ID, path: REPO_ROOT },
    empty: { id: `${EMPTY_PUBLISHER}.${EMPTY_NAME}`, path: writeEmptyExtension(config.tmpDir) },
  };
  let traced: Start | undefined;
  let first = true;
  const samples = await alternate(
    'activation',
    ['ours', 'empty'] as const,
    { runs: config.activationStarts, warmup: config.warmup, log: config.log },
    async (c: Contender) => {
      // Trace logging slows the extension host down: on for our first start only (the warm-up when there is one).
      const trace = c === 'ours' && first;
      const start = await oneStart(config, targets[c], trace);
      if (trace) {
        traced = start;
        first = false;
      }
      return start;
    },
    (x) => `${x.ms.toFixed(1)} ms${x.wasActive ? ' (already active: not counted)' : ''}`,
  );
  const valid = (c: Contender) => samples[c].filter((s) => !s.wasActive);
  const ms = summarize(valid('ours').map((s) => s.ms));
  const empty = summarize(valid('empty').map((s) => s.ms));
  json.ms = finite(ms.median, 1);
  json.empty_extension_ms = finite(empty.median, 1);
  const overEmpty = finite(ms.median - empty.median, 1);
  json.ms_over_empty = overEmpty;
  json.settle_ms = config.activationSettleMs;
  json.starts = valid('ours').length;
  json.already_active_starts = samples.ours.length - valid('ours').length;
  json.runs = { ms, empty_extension_ms: empty };
  json.method =
    'performance.now() around vscode.extensions.getExtension(id).activate() in an extensionTestsPath module, ' +
    'fresh code-server + Chromium per start, alternating with an empty extension; the probe first waits ' +
    `${config.activationSettleMs} ms and for an idle event loop, so the workbench's own start-up is not timed`;
  if (traced?.logLines) {
    json.exthost_trace = traced.logLines;
    json.exthost_trace_load_ms = loadGap(traced.logLines);
  }
  rows.push(
    {
      metric: 'activation.ms',
      unit: 'ms',
      median: ms.median,
      min: ms.min,
      max: ms.max,
    },
    {
      metric: 'activation.empty_extension_ms',
      unit: 'ms',
      median: empty.median,
      min: empty.min,
      max: empty.max,
      note: 'floor: activate() {}',
    },
    {
      metric: 'activation.ms_over_empty',
      unit: 'ms',
      median: overEmpty,
      target: '≤ 25',
      pass: overEmpty !== null && overEmpty <= 25,
      note: 'ours minus the floor, same run',
    },
  );
  return { json, rows };
}

const EMPTY_PUBLISHER = 'bench';
const EMPTY_NAME = 'empty-activation-reference';

/** An extension whose activate() does nothing: what activation costs before any of our code runs. */
function writeEmptyExtension(tmpDir: string): string {
  const dir = fs.mkdtempSync(path.join(tmpDir, 'empty-extension-'));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: EMPTY_NAME,
      publisher: EMPTY_PUBLISHER,
      version: '0.0.1',
      engines: { vscode: '^1.96.0' },
      main: './extension.js',
      activationEvents: [],
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    'exports.activate = function () {};\nexports.deactivate = function () {};\n',
  );
  return dir;
}

/** One fresh start timing `target`'s activation (exported for one-off experiments on other builds). */
export async function oneStart(config: BenchConfig, target: Target, collectTrace: boolean): Promise<Start> {
  const root = fs.mkdtempSync(path.join(config.tmpDir, 'activation-'));
  const dirs = {
    data: path.join(root, 'data'),
    exts: path.join(root, 'exts'),
    ws: path.join(root, 'workspace'),
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    browser: path.join(root, 'browser'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(dirs.data, quietSettings);
  const reportFile = path.join(root, 'activation.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    TMPDIR: dirs.tmp,
    // The extension host inherits code-server's environment: the probe writes its report here.
    BENCH_ACTIVATION_OUT: reportFile,
    BENCH_ACTIVATION_ID: target.id,
    BENCH_ACTIVATION_SETTLE_MS: String(config.activationSettleMs),
  };
  const automationLog: string[] = [];
  const server = await startCodeServer({
    userDataDir: dirs.data,
    extensionsDir: dirs.exts,
    env,
    // Without the smoke-test driver the built workbench ignores the test payload.
    args: ['--vscode-option', 'enable-smoke-test-driver', ...(collectTrace ? ['--log', 'trace'] : [])],
    folder: dirs.ws,
  });
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(target.path)],
      ['extensionTestsPath', remote(PROBE)],
    ]);
    const context = await launchChromium(dirs.browser, env);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      let exit: (code: number) => void = () => undefined;
      const exited = new Promise<number>((resolve) => (exit = resolve));
      await page.exposeFunction('codeAutomationExit', (code: unknown) => exit(typeof code === 'number' ? code : -1));
      await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
        const text = Array.isArray(args)
          ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')
          : String(args);
        automationLog.push(`${String(type)} ${text}`);
      });
      await page.goto(`${server.origin}/?folder=${encodeURIComponent(dirs.ws)}&payload=${encodeURIComponent(payload)}`);
      const code = await withTimeout(exited, START_TIMEOUT_MS, 'the probe did not finish');
      const report = readReport(reportFile, automationLog);
      if (code !== 0 || report === undefined) {
        throw new Error(`activation probe exited ${code}; log:\n${automationLog.slice(-20).join('\n')}`);
      }
      if (collectTrace) {
        report.logLines = traceLines(dirs.data, target.id);
      }
      return report;
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function readReport(file: string, log: readonly string[]): Start | undefined {
  let text: string | undefined;
  if (fs.existsSync(file)) {
    text = fs.readFileSync(file, 'utf8');
  } else {
    const line = log.find((l) => l.includes(REPORT_PREFIX));
    text = line?.slice(line.indexOf(REPORT_PREFIX) + REPORT_PREFIX.length);
  }
  if (text === undefined) return undefined;
  const v: unknown = JSON.parse(text);
  if (!isRecord(v) || typeof v.ms !== 'number') return undefined;
  return { ms: v.ms, wasActive: v.wasActive === true };
}

/**
 * From the trace log: `_doActivateExtension` (activation begins) to `_callActivateOptional` (the module is
 * loaded and activate() is about to be called): how much of the activation is loading the bundle.
 */
function loadGap(lines: readonly string[]): number | null {
  const at = (marker: string): number | undefined => {
    const line = lines.find((l) => l.includes(marker));
    const m = line && /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
    return m ? Date.parse(`${m[1]}T${m[2]}Z`) : undefined;
  };
  const a = at('_doActivateExtension');
  const b = at('_callActivateOptional');
  return a !== undefined && b !== undefined ? b - a : null;
}

/** What the extension host itself logs about our activation at trace level, to document alongside. */
function traceLines(dataDir: string, id: string): string[] {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.log')) {
        for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
          if (line.includes(id) && /ExtensionService#/.test(line))
            lines.push(`${entry.name}: ${line.trim()}`.slice(0, 400));
        }
      }
    }
  };
  const logs = path.join(dataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return lines.slice(0, 20);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
