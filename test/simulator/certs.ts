// Paths of the committed test CA and server certificate (see certs/README.md). tsc does not copy them to
// out/, so they are looked up beside the source whether this file runs from test/ or out/test/.
import * as fs from 'node:fs';
import * as path from 'node:path';

function certsDir(): string {
  const candidates = [
    path.join(__dirname, 'certs'),
    path.resolve(__dirname, '..', '..', '..', 'test', 'simulator', 'certs'),
  ];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'ca.pem')));
  if (!found) throw new Error(`simulator certificates not found in ${candidates.join(' or ')}`);
  return found;
}

export const CERTS_DIR = certsDir();
/** The test CA to trust (PEM): pass it as the client's CA file. */
export const CA_CERT_PATH = path.join(CERTS_DIR, 'ca.pem');
export const SERVER_CERT_PATH = path.join(CERTS_DIR, 'server.pem');
export const SERVER_KEY_PATH = path.join(CERTS_DIR, 'server.key');
