// What every feature shares: the services built in extension.ts, the log, the settings, the configured servers and
// their clients, command IDs and the command wrapper with its error help and prompts, the job reference, and the
// download state shown by the panel and the notification. Features import this index, never a file behind it.
export * from './args';
export * from './clients';
export * from './commandIds';
export * from './dates';
export * from './dateTime';
export * from './downloadState';
export * from './errorHelp';
export * from './errorText';
export { pickText, plainText } from './escape';
export * from './jobRef';
export * from './jobRefProblem';
export * from './jobStatus';
export * from './jobs';
export * from './log';
export * from './mask';
export * from './pickServer';
export * from './progress';
export * from './progressText';
export * from './prompts';
export * from './registry';
export * from './runtimeModule';
export * from './savedFile';
export * from './secrets';
export * from './serverIdentity';
export * from './serverSettings';
export * from './services';
export * from './settings';
export * from './transport';
export * from './wrapper';
