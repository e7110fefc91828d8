// Everything the VS Code layer uses at run time from the HTTP stack (undici and the modules on top of it).
// esbuild emits this as its own file, dist/opsManagerRuntime.js, which the extension require()s on first use
// (src/core/runtimeModule.ts): parsing undici with the main bundle made activation slow.
// Only values belong here; the VS Code layer imports the types from the packages' indexes with `import type`.
// It may reach into api/client.ts: the api index exports the client as a type only, to keep undici out of the
// main bundle.
export { OpsManagerClient } from './api/client';
export { downloadArchive } from './download';
export { createBatchFolder, downloadBatch } from './download';
