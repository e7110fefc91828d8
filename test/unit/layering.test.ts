// The architecture's one rule: src/opsManager is plain Node and never imports `vscode` (eslint enforces it
// too; this test also holds when lint is not run).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const domain = path.join(root, 'src', 'opsManager');

/** Lines that import, require or re-export the `vscode` module (comments ignored). */
export function vscodeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const pattern = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])vscode\1/gm;
  return [...code.matchAll(pattern)].map((m) => m[0].trim());
}

describe('Layering: src/opsManager is plain Node', () => {
  it('recognises every way of importing vscode', () => {
    assert.equal(vscodeImports(`import * as vscode from 'vscode';`).length, 1);
    assert.equal(vscodeImports(`import { window } from "vscode";`).length, 1);
    assert.equal(vscodeImports(`import type { Uri } from 'vscode';`).length, 1);
    assert.equal(vscodeImports(`const v = require('vscode');`).length, 1);
    assert.equal(vscodeImports(`const v = await import('vscode');`).length, 1);
    assert.equal(vscodeImports(`import 'vscode';`).length, 1);
    assert.equal(vscodeImports(`export { Uri } from 'vscode';`).length, 1);
    assert.deepEqual(
      vscodeImports(`// no import from 'vscode' here\nimport * as fs from 'node:fs';\nconst s = 'vscode-remote';`),
      [],
    );
  });

  it('has no file under src/opsManager that imports vscode', () => {
    const files = fs
      .readdirSync(domain, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js|mts|cts)$/.test(f));
    assert.ok(files.length > 0, `${domain} has source files`);
    const offenders = files.filter((f) => vscodeImports(fs.readFileSync(path.join(domain, f), 'utf8')).length > 0);
    assert.deepEqual(offenders, [], `these files import vscode: ${offenders.join(', ')}`);
  });
});
