// The tree's menus in package.json: an inline icon cannot be reached from the keyboard, so every inline action on a
// row is also in that row's context menu (Shift+F10), under the same condition.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface MenuEntry {
  command: string;
  when: string;
  group: string;
}

function itemMenus(): MenuEntry[] {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
  const menus: unknown = Reflect.get(
    Reflect.get(Reflect.get(Object(manifest), 'contributes'), 'menus'),
    'view/item/context',
  );
  assert.ok(Array.isArray(menus), 'package.json has view/item/context menus');
  return menus.map((entry: unknown) => {
    const text = (key: string): string => {
      const value: unknown = Reflect.get(Object(entry), key);
      return typeof value === 'string' ? value : '';
    };
    return { command: text('command'), when: text('when'), group: text('group') };
  });
}

describe('tree menus', () => {
  const entries = itemMenus();
  const inline = entries.filter((entry) => entry.group.startsWith('inline'));
  const context = entries.filter((entry) => !entry.group.startsWith('inline'));

  it('has inline actions to check', () => {
    assert.ok(inline.length >= 5, `inline actions: ${inline.map((e) => e.command).join(', ')}`);
  });

  for (const action of inline) {
    it(`puts ${action.command} (${action.when}) in the context menu too`, () => {
      assert.ok(
        context.some((entry) => entry.command === action.command && entry.when === action.when),
        `no context-menu entry for ${action.command} when ${action.when}: it is reachable with the mouse only`,
      );
    });
  }

  it("offers a job row's Open, Download and Copy ID in its context menu", () => {
    const forJob = context.filter((entry) => /viewItem =~ \/\^(\(restoreJob\||restoreJob)/.test(entry.when));
    assert.deepEqual(forJob.map((entry) => entry.command).sort(), [
      'opsManager.copyId',
      'opsManager.downloadRestoreArchive',
      'opsManager.openRestoreJob',
    ]);
  });
});
