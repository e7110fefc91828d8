// Loads the HTTP layer (src/opsManager/runtime.ts: the client, downloads, undici) on first use, not at activation.
// In the esbuild bundle this require is rewritten to `./opsManagerRuntime.js`, a second file beside
// dist/extension.js (see esbuild.js), so undici is not even parsed until the first request: activation speed.
// Compiled by tsc (out/), it is an ordinary lazy require of the module.
type RuntimeModule = typeof import('../opsManager/runtime');

export function opsManagerRuntime(): RuntimeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../opsManager/runtime') as RuntimeModule;
}

type ArchiveModule = typeof import('../opsManager/archiveRuntime');

/** The archive package (src/opsManager/archiveRuntime.ts: tar-stream), loaded on first use the same way. */
export function archiveRuntime(): ArchiveModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../opsManager/archiveRuntime') as ArchiveModule;
}
