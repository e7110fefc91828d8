// Keeps the HTTP tests hermetic: proxy variables of the machine running them must not reroute loopback requests.

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

/** Call inside a describe(): clears the proxy variables for its tests and restores them afterwards. */
export function isolateProxyEnv(): void {
  const saved = new Map<string, string | undefined>();
  before(() => {
    for (const name of PROXY_VARS) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });
}
