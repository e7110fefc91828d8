// Shared by the activation probe (inside VS Code) and the workload that starts VS Code (plain Node, where the
// `vscode` module does not exist, so these cannot live in the probe).
export const EXTENSION_ID = 'opsmanager-tools.ops-manager-restore-jobs';
export const REPORT_PREFIX = 'BENCH_ACTIVATION ';
