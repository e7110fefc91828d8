// What every src/opsManager package needs: the one error type, JSON and size helpers, an abortable sleep, and
// Ops Manager IDs and API URLs. Free of Node-only APIs: the webview bundle shares the ID checks and JSON helpers.
export * from './apiPath';
export * from './errors';
export * from './format';
export * from './ids';
export * from './json';
export * from './redact';
export * from './sleep';
