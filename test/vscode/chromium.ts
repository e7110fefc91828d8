// Launches Debian's Chromium through playwright-core with a throwaway profile, for driving the code-server
// workbench. Shared by the extension-host test shim and the UI tests.
import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in containers), and no background connections to outside hosts. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * `profileDir` must be a fresh folder the caller removes afterwards; `env` should give Chromium its own HOME,
 * XDG_CONFIG_HOME and TMPDIR so its crash folders and sockets go there too.
 */
export function launchChromium(profileDir: string, env: NodeJS.ProcessEnv): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    env,
    viewport: { width: 1400, height: 900 },
    // The shim handles signals itself so it can also stop code-server and remove its folders.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
