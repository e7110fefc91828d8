// After a download: the panel's Archive section shows restoreInfo.txt's MongoDB version, Extract unpacks the
// archive beside it (the default destination, picked in the quick pick), and the section then shows the mongod
// command for that folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SIM_RESTORE_INFO } from '../../simulator/omLayout';
import { SAMPLE } from '../../simulator/sampleData';
import { expectText, expectVisible, servedJob } from '../expect';
import { escapeRegExp, openJobFromTree } from '../navigate';
import type { UiSession } from '../session';
import { expectNoSeriousViolations } from '../axe';
import { WAIT } from '../workbench';

export function defineArchiveTests(session: () => UiSession): void {
  it('download → the Archive section shows the MongoDB version → Extract → the mongod command is shown', async () => {
    const s = session();
    await s.wb.reset();
    const job = await servedJob(s.sim, SAMPLE.jobs.encrypted.id);
    assert.ok(job.delivery.url !== undefined);
    const fileName = decodeURIComponent(new URL(job.delivery.url).pathname.split('/').pop() ?? '');
    const folderName = fileName.replace(/\.tar\.gz$/u, '');
    const folder = path.join(s.downloadDir, folderName);

    await openJobFromTree(s, job.id);
    const panel = s.wb.panel;
    await panel.locator('#download-button').click();
    await expectVisible(panel.locator('#download-status[data-state="verified"]'), 'the verified download', WAIT.ui * 2);

    const section = panel.locator('#archive-section');
    await expectText(section.locator('[data-field="mongodbVersion"] dd'), SIM_RESTORE_INFO.mongodbVersion);
    await expectText(section.locator('[data-field="storageEngine"] dd'), 'wiredTiger');
    await expectText(section.locator('[data-field="topFolder"] dd'), 'rs0-1700000000');

    await section.locator('#extract-button').click();
    await s.wb.pick(`Extract ${fileName}`, `Extract to ${folderName}`);

    const command = section.locator('#mongod-command');
    await expectText(
      command,
      new RegExp(`^mongod --dbpath ${escapeRegExp(folder)} --port \\d+ --bind_ip 127\\.0\\.0\\.1 `),
    );
    await expectVisible(section.locator('#open-terminal-button'), 'the "Open in Terminal" button');
    // The Archive section and the Saved-to actions, checked like the rest of the panel (dark theme here).
    await expectNoSeriousViolations(s.wb, 'dark, panel with the Archive section and the mongod command');
    assert.ok(
      fs.existsSync(path.join(folder, 'restoreInfo.txt')),
      'restoreInfo.txt is at the top of the extracted folder',
    );
    assert.ok(
      fs.readdirSync(s.downloadDir).every((name) => !name.includes('.partial-')),
      'no temporary folder left beside it',
    );
    await s.wb.screenshot('archive extracted');
  });
}
