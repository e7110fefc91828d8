// Bundles the extension (Node, CommonJS) and the webview script (browser, IIFE) into dist/, and copies the
// codicon font the webview uses. The extension is split in files (see `separateModules`) so that activation does
// not parse the HTTP stack. `--production` minifies and drops source maps; `--watch` rebuilds on change
// and logs lines the `$esbuild-watch` problem matcher understands.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = __dirname;
const dist = path.join(root, 'dist');

/**
 * Logs one `[watch] build started` / `[watch] build finished` pair per rebuild (however many bundles it
 * touches) and each error as `✘ [ERROR] msg` + `file:line:col:`, which the `$esbuild-watch` problem matcher reads.
 */
let running = 0;
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (running++ === 0 && watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (--running === 0 && watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

/**
 * Modules built as their own file in dist/ and require()d from there at run time instead of being bundled into
 * every bundle that imports them:
 * - src/opsManager/runtime.ts, the HTTP layer (client, downloads and undici, ~80 % of the code): parsing it with
 *   dist/extension.js made activation slow, so the extension loads it on first use (src/core/runtimeModule.ts).
 * Each bundle has its own copy of src/opsManager/common/errors.ts: errors are recognised by a registered symbol
 * (`isOpsManagerError`) and cancellation by its kind, never by `instanceof`, so no shared errors bundle is needed.
 */
const separateModules = [
  { source: path.join(root, 'src/opsManager/runtime.ts'), outfile: 'opsManagerRuntime.js' },
  // The archive package (tar-stream): loaded on the first inspect or extract, like the HTTP layer.
  { source: path.join(root, 'src/opsManager/archiveRuntime.ts'), outfile: 'opsManagerArchive.js' },
];

/** Turns relative imports of a separate module into `require('./<outfile>')`, resolved beside the bundle in dist/. */
const separateModulesPlugin = {
  name: 'separate-modules',
  setup(build) {
    const names = separateModules.map((m) => path.basename(m.source, '.ts'));
    build.onResolve({ filter: new RegExp(`^\\.\\.?/(.*/)?(${names.join('|')})$`) }, (args) => {
      const target = `${path.resolve(args.resolveDir, args.path)}.ts`;
      const separate = separateModules.find((m) => m.source === target);
      return separate === undefined ? undefined : { path: `./${separate.outfile}`, external: true };
    });
  },
};

/**
 * Every `import * as vscode from 'vscode'` becomes one shared namespace: esbuild otherwise wraps `require('vscode')`
 * in its CommonJS-to-ESM helper once per importing file (about 50), each copying every property of the API object
 * at load time, which activation pays for.
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

const nodeBundle = {
  ...common,
  plugins: [...common.plugins, separateModulesPlugin, vscodeOncePlugin],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...nodeBundle, entryPoints: [path.join(root, 'src/extension.ts')], outfile: path.join(dist, 'extension.js') },
  ...separateModules.map((m) => ({ ...nodeBundle, entryPoints: [m.source], outfile: path.join(dist, m.outfile) })),
];

// The webview scripts: the restore-job panel's and the batch panel's.
const webviewEntries = [
  { source: path.join(root, 'src/jobPanel/webview/main.ts'), outfile: 'webview.js' },
  { source: path.join(root, 'src/batch/webview/main.ts'), outfile: 'batchWebview.js' },
];
for (const { source, outfile } of webviewEntries) {
  if (fs.existsSync(source)) {
    builds.push({
      ...common,
      entryPoints: [source],
      outfile: path.join(dist, outfile),
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
    });
  } else {
    console.log(`[esbuild] ${path.relative(root, source)} not found: webview bundle skipped`);
  }
}

function copyCodicons() {
  const from = path.join(root, 'node_modules/@vscode/codicons/dist');
  const to = path.join(dist, 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

async function main() {
  copyCodicons();
  if (production) {
    // Maps from an earlier development build would otherwise sit beside the minified bundle.
    for (const { outfile } of builds) fs.rmSync(`${outfile}.map`, { force: true });
  }
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (results.some((r) => r.status === 'rejected')) {
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
