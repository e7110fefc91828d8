// The command IDs the code registers and the ones package.json contributes must be the same set: a command only in
// the code has no title in the palette, one only in the manifest does nothing when chosen.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../../src/core/commandIds';

describe('core: command IDs', () => {
  it('match the commands package.json contributes, both ways', () => {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
    const contributed = new Set<string>();
    const commands =
      typeof manifest === 'object' && manifest !== null && 'contributes' in manifest
        ? Reflect.get(Reflect.get(manifest, 'contributes') ?? {}, 'commands')
        : undefined;
    assert.ok(Array.isArray(commands), 'package.json has contributes.commands');
    for (const entry of commands) {
      const id: unknown = Reflect.get(entry ?? {}, 'command');
      if (typeof id === 'string') contributed.add(id);
    }
    assert.deepEqual([...contributed].sort(), Object.values(COMMANDS).sort());
  });
});
