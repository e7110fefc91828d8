// What a newcomer meets first: the README's two commands, CI running the same test command, and commands that
// show in the palette of a fresh window where nothing has activated the extension yet.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRecord } from '../../src/opsManager/common/json';

const root = path.resolve(__dirname, '../../..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

/** The commands of the README's first code block, without their comments. */
function readmeCommands(): string[] {
  const block = /```bash\n([^`]*)```/.exec(read('README.md'))?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

describe('first run: the README, CI and a cold start', () => {
  it('the README starts with the demo command, then the test command, both through the set-up script', () => {
    assert.deepEqual(readmeCommands(), ['bash scripts/dev.sh demo', 'bash scripts/dev.sh test']);
  });

  it('.ci/run runs exactly the README test command', () => {
    const lines = read('.ci/run')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('echo'));
    const testCommand = readmeCommands()[1];
    assert.ok(lines.includes(testCommand), `.ci/run should run "${testCommand}":\n${lines.join('\n')}`);
    assert.ok(!lines.some((line) => /\bnpm (ci|test|install)\b/.test(line)), 'no set-up of its own beside it');
  });

  it('npm test ends with the smoke run of the README demo command', () => {
    assert.match(read('scripts/test.mjs'), /'scripts\/dev\.sh'\), 'demo', '--smoke'\]/);
  });

  it('the set-up script refuses an unknown command with its usage, changing nothing', () => {
    const result = spawnSync('bash', [path.join(root, 'scripts', 'dev.sh'), 'bogus'], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Usage: bash scripts\/dev\.sh demo/);
    assert.equal(result.stdout, '');
  });

  it('no palette entry waits for a context key the extension sets only once it is active', () => {
    const manifest: unknown = JSON.parse(read('package.json'));
    const contributes = isRecord(manifest) ? manifest.contributes : undefined;
    const menus = isRecord(contributes) ? contributes.menus : undefined;
    const palette = isRecord(menus) ? menus.commandPalette : undefined;
    assert.ok(Array.isArray(palette), 'package.json has contributes.menus.commandPalette');
    const problems = palette.flatMap((entry: unknown) => {
      if (!isRecord(entry) || typeof entry.when !== 'string') return [];
      // "false" hides tree-only commands on purpose; anything naming our own context keys hides a command in a
      // window where nothing has activated the extension yet.
      return entry.when !== 'false' && /\bopsManager\./.test(entry.when)
        ? [`${String(entry.command)}: ${entry.when}`]
        : [];
    });
    assert.deepEqual(problems, []);
  });
});
