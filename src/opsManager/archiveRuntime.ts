// The archive package (tar-stream and its stream library) as its own bundle file, dist/opsManagerArchive.js,
// loaded on the first inspect or extract (src/core/runtimeModule.ts), so activation does not parse it.
// Only values belong here; the VS Code layer imports types from './archive' with `import type`.
export {
  archiveBaseName,
  buildMongodCommand,
  extractArchive,
  findFreePort,
  inspectArchive,
  isArchiveError,
  isArchiveName,
  orderBatchParts,
  parseRestoreInfo,
} from './archive';
