// Throwaway certificates for the TLS tests, made with openssl in a temp dir: a CA, a server certificate it signs
// (for 127.0.0.1 and localhost), and a self-signed server certificate.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCerts {
  dir: string;
  caFile: string;
  caPem: string;
  /** Signed by the CA. */
  server: { key: string; cert: string };
  selfSigned: { key: string; cert: string };
  cleanup(): void;
}

export function makeTestCerts(): TestCerts {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-http-certs-'));
  const p = (name: string) => path.join(dir, name);
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const san = 'subjectAltName=IP:127.0.0.1,DNS:localhost';
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '3650',
    '-subj',
    '/CN=OM Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  run('req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(p('ext.cnf'), `${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  run(
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '3650',
    '-extfile',
    p('ext.cnf'),
  );
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('self.key'),
    '-out',
    p('self.pem'),
    '-days',
    '3650',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    san,
  );
  const read = (name: string) => fs.readFileSync(p(name), 'utf8');
  return {
    dir,
    caFile: p('ca.pem'),
    caPem: read('ca.pem'),
    server: { key: read('server.key'), cert: read('server.pem') },
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
