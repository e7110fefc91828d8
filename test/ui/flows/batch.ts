// Sharded restores: the batch node in the tree opens the batch panel; Download All saves every part into one new
// folder with restore-manifest.json listing every SHA-1; Cancel in the progress notification keeps only the parts
// already verified (no temporary files, no manifest).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE } from '../../simulator/sampleData';
import { expectText, expectVisible, sha1File } from '../expect';
import { escapeRegExp, PRODUCTION } from '../navigate';
import { readmeShot, type UiSession } from '../session';
import { expectNoSeriousViolations } from '../axe';
import { WAIT } from '../workbench';

const CATALOG = 'catalog';

/** Expands server → Production → catalog and opens the 3-part batch's panel from its node (the a11y suite too). */
export async function openCatalogBatch(s: UiSession): Promise<void> {
  await s.wb.openView();
  await s.wb.expand(new RegExp(`^${escapeRegExp(s.serverName)} `));
  await s.wb.expand(new RegExp(`^${PRODUCTION.name} `));
  await s.wb.expand(new RegExp(`^${CATALOG} `));
  const node = s.wb.treeItem(/^Sharded restore created .*, 3 parts · ready$/).first();
  await node.waitFor({ state: 'visible', timeout: WAIT.ui });
  await node.click();
  await s.wb
    .editorTab(/Sharded restore · catalog/)
    .first()
    .waitFor({ state: 'visible', timeout: WAIT.ui });
  await expectText(s.wb.panel.locator('#batch-status'), '3 parts · ready');
}

function batchFolders(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith(`${CATALOG}-`))
    .map((e) => e.name)
    .sort();
}

export function defineBatchTests(session: () => UiSession): void {
  it('batch node → Download All saves every part with a manifest listing every SHA-1', async () => {
    const s = session();
    await s.wb.reset();
    const before = batchFolders(s.downloadDir);
    await openCatalogBatch(s);
    const panel = s.wb.panel;
    await expectText(panel.locator(`tr[data-job-id="${SAMPLE.jobs.shardedConfig.id}"] td`).nth(1), 'Config server');
    await panel.locator('button[data-action="downloadAll"]').click();
    await expectText(panel.locator('#download-state'), 'Every part verified; manifest written.', WAIT.ui * 2);
    await expectVisible(s.wb.toast(/Saved all 3 parts of the sharded restore/), 'the "Saved all 3 parts" notification');
    // The panel re-reads the parts after the download: each link has one download left now.
    await expectText(panel.locator(`tr[data-job-id="${SAMPLE.jobs.sharded.id}"] td`).nth(5), '1');
    await readmeShot(s, 'batch');
    await expectNoSeriousViolations(s.wb, 'dark, batch panel after Download All');

    const added = batchFolders(s.downloadDir).filter((name) => !before.includes(name));
    assert.equal(added.length, 1, `one new folder for the batch: ${added.join(', ')}`);
    const folder = path.join(s.downloadDir, added[0]);
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(folder, 'restore-manifest.json'), 'utf8'));
    assert.ok(typeof manifest === 'object' && manifest !== null);
    const parts: unknown = Reflect.get(manifest, 'parts');
    assert.ok(Array.isArray(parts) && parts.length === 3);
    const files = ['restore-manifest.json'];
    for (const part of parts) {
      const file = String(Reflect.get(part, 'file'));
      assert.equal(sha1File(path.join(folder, file)), Reflect.get(part, 'sha1'), `${file} matches the manifest`);
      assert.equal(Reflect.get(part, 'verified'), true);
      files.push(file);
    }
    assert.deepEqual(fs.readdirSync(folder).sort(), files.sort(), 'nothing else in the folder');
    for (const part of parts) {
      const sha1 = String(Reflect.get(part, 'sha1'));
      await expectText(panel.locator(`tr[data-job-id="${String(Reflect.get(part, 'jobId'))}"] .hash`), sha1);
    }
  });

  it('Cancel keeps only the verified parts: no temporary files, no manifest', async () => {
    const s = session();
    await s.wb.reset();
    const before = batchFolders(s.downloadDir);
    // The shards stall after a few bytes; the config server part completes.
    const faults = [SAMPLE.jobs.sharded.id, SAMPLE.jobs.shardedShard1.id].map((id) =>
      s.sim.faults.add({ port: 'backup', route: id, stallAfterBytes: 100_000, times: 1 }),
    );
    try {
      await openCatalogBatch(s);
      const panel = s.wb.panel;
      await panel.locator('button[data-action="downloadAll"]').click();
      // The first test used one of each part's two downloads: the one-use confirmation comes once for the batch.
      const dialog = s.wb.page.locator('.monaco-dialog-box');
      await expectText(dialog.locator('.dialog-message-text'), 'The links of 3 parts can be used once.');
      await dialog.locator('.monaco-button', { hasText: /^Download$/ }).click();
      const configRow = panel.locator(`tr[data-job-id="${SAMPLE.jobs.shardedConfig.id}"].part-verified`);
      await expectVisible(configRow, 'the config server part verified', WAIT.ui * 2);
      const toast = s.wb.toast(/Downloading the sharded restore of catalog/);
      await expectVisible(toast, 'the batch progress notification');
      await expectText(toast.locator('.notification-list-item-message'), /: 1 of 3 parts · /);
      await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await expectText(panel.locator('#download-state'), /^Cancelled: verified parts were kept/);
      await expectVisible(s.wb.toast(/Kept 1 verified parts in/), 'the "kept 1 verified part" notification');

      const added = batchFolders(s.downloadDir).filter((name) => !before.includes(name));
      assert.equal(added.length, 1);
      const config = s.sim.job(SAMPLE.jobs.shardedConfig.id);
      assert.ok(config?.archive);
      assert.deepEqual(
        fs.readdirSync(path.join(s.downloadDir, added[0])),
        [config.archive.fileName],
        'only the verified config server part: no .part file, no manifest',
      );
    } finally {
      for (const fault of faults) fault.remove();
    }
  });
}
