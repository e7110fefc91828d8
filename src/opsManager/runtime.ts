// Everything the VS Code layer uses at run time from the HTTP stack (undici and the modules on top of it).
// esbuild emits this as its own file, dist/opsManagerRuntime.js, which the extension require()s on first use
// (src/runtimeModule.ts): parsing undici with the main bundle made activation slow.
// Only values belong here; the VS Code layer imports the types straight from their modules with `import type`.
export { OpsManagerClient } from './api/client';
export { downloadArchive } from './download/download';
export { createBatchFolder, downloadBatch } from './download/batch';
