// Package boundaries of src/, checked by `npm run lint` (dependency-cruiser). The rules, in words:
// - no file-level cycles, type-only imports included;
// - src/opsManager is plain Node: no `vscode`, nothing from the VS Code layers; inside it, packages depend
//   downwards only: common <- http <- api <- download (archive uses common);
// - another package is entered only through its public index.ts;
// - core/ imports no feature; a feature imports only core/ and src/opsManager's public indexes, never another
//   feature; extension.ts (the composition root) may import every feature's index.
const FEATURES = '(servers|explorer|jobPanel|download|lookup|restore|batch|archive)';
// A package: src/opsManager/<pkg>/ or src/<folder>/ (src/opsManager/runtime.ts is the lazily loaded bundle entry).
const PACKAGE = '^src/(opsManager/[^/]+|(?!opsManager/)[^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files must not import each other in a cycle, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-no-vscode',
      severity: 'error',
      comment: 'src/opsManager is plain Node: pass what it needs in from the VS Code layers instead.',
      from: { path: '^src/opsManager/' },
      to: { path: '^vscode$|^src/(?!opsManager/)' },
    },
    {
      name: 'domain-layers',
      severity: 'error',
      comment: 'Inside src/opsManager packages depend downwards only: common <- http <- api <- download.',
      from: { path: '^src/opsManager/common/' },
      to: { path: '^src/opsManager/(?!common/)' },
    },
    {
      name: 'domain-layers-http',
      severity: 'error',
      comment: 'http sees only common.',
      from: { path: '^src/opsManager/http/' },
      to: { path: '^src/opsManager/(?!(common|http)/)' },
    },
    {
      name: 'domain-layers-api',
      severity: 'error',
      comment: 'api sees http and common, never download or archive.',
      from: { path: '^src/opsManager/api/' },
      to: { path: '^src/opsManager/(download|archive)/' },
    },
    {
      name: 'only-through-index',
      severity: 'error',
      comment: 'Another package is entered through its index.ts, never its internals.',
      from: { path: PACKAGE },
      to: {
        path: '^src/(?:opsManager/[^/]+|(?!opsManager/)[^/]+)/(?!index\\.ts$)',
        pathNot: [
          '^src/$1/',
          // Leaves of core/ free of `vscode` values (the job reference, download state, status table, error
          // wording, HTML escaping, date formatting): the panels' pure HTML renderers and protocols share them with the webview scripts and the
          // plain-Node unit tests, and the core index loads `vscode`, which neither has.
          '^src/core/(jobRef|downloadState|jobStatus|errorText|mask|escape|dateTime)\\.ts$',
        ],
      },
    },
    {
      name: 'core-no-feature',
      severity: 'error',
      comment: 'core/ is shared by every feature and imports none of them.',
      from: { path: '^src/core/' },
      to: { path: `^src/${FEATURES}/` },
    },
    {
      name: 'feature-no-feature',
      severity: 'error',
      comment: 'A feature imports only core/ and src/opsManager public indexes, never another feature.',
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/`, pathNot: ['^src/$1/'] },
    },
    {
      name: 'webview-pure',
      severity: 'error',
      comment:
        'A webview script runs in the browser: no Node built-ins and no vscode (browser libraries such as morphdom are bundled).',
      from: { path: '^src/[^/]+/webview/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'webview-no-vscode',
      severity: 'error',
      comment: 'A webview script has no vscode API: it talks to the host through its typed message protocol.',
      from: { path: '^src/[^/]+/webview/' },
      to: { path: '^vscode$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules|\\.cache)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
