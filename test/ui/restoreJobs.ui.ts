// The UI tests: two real VS Code windows (code-server + Chromium), each with the packaged extension in a fresh
// profile and its own simulator. The dark one has the server in its settings and gets the key through the UI;
// the light one starts with no server at all and adds it through the input boxes. The main flows (palette
// lookup, sidebar, download) run in both themes.
import { defineApiKeyTests } from './flows/apiKey';
import { defineArchiveTests } from './flows/archive';
import { defineBatchTests } from './flows/batch';
import { defineDownloadTests } from './flows/download';
import { defineFirstScreenTests } from './flows/firstScreen';
import { defineLookupTests } from './flows/lookup';
import { definePreviewTests } from './flows/preview';
import { defineRestoreTests } from './flows/restore';
import { defineSidebarTests } from './flows/sidebar';
import { defineTreeStateTests } from './flows/treeState';
import { defineWatchTests } from './flows/watch';
import { defineWelcomeTests } from './flows/welcome';
import { THEMES, uiSuite, type Theme, type UiSession } from './session';
import { waitUntil } from './workbench';

/** The workbench applies the theme from the settings shortly after it first paints: wait for it. */
async function expectTheme(s: UiSession, theme: Theme): Promise<void> {
  const pattern = new RegExp(`(^|\\s)${THEMES[theme].bodyClass}(\\s|$)`);
  let classes = '';
  await waitUntil(async () => {
    classes = (await s.wb.page.locator('.monaco-workbench').getAttribute('class')) ?? '';
    return pattern.test(classes);
  }, `the ${theme} theme`).catch(() => {
    throw new Error(`the workbench is not in the ${theme} theme ("${THEMES[theme].setting}"): classes ${classes}`);
  });
}

uiSuite(
  'UI, dark theme: server in the settings, API key typed into VS Code',
  { name: 'dark', theme: 'dark', serverInSettings: 'Simulator', readmeShots: true },
  (session) => {
    it('the window uses the dark theme and shows the Ops Manager view', async () => {
      const s = session();
      await expectTheme(s, 'dark');
      await s.wb.openView();
    });
    defineApiKeyTests(session);
    defineLookupTests(session);
    defineSidebarTests(session);
    definePreviewTests(session);
    defineDownloadTests(session, { progressAndCancel: true });
    defineFirstScreenTests(session);
    defineArchiveTests(session);
    defineBatchTests(session);
    defineWatchTests(session);
    defineRestoreTests(session);
    // Last: it reloads the window.
    defineTreeStateTests(session);
  },
);

uiSuite('UI, light theme: fresh profile without servers', { name: 'light', theme: 'light' }, (session) => {
  it('the window uses the light theme', async () => {
    const s = session();
    await expectTheme(s, 'light');
  });
  defineWelcomeTests(session);
  defineLookupTests(session);
  defineSidebarTests(session);
  defineDownloadTests(session, { progressAndCancel: false });
  defineFirstScreenTests(session);
});
