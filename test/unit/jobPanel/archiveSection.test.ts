// The job panel's Archive section: built from the archive commands' results (read with checks, never cast),
// every archive value escaped, Extract until extracted, then the mongod command with Copy and Open in Terminal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectArchive } from '../../../src/opsManager/archive';
import {
  readExtraction,
  readInspection,
  renderArchiveSection,
  type ArchiveView,
} from '../../../src/jobPanel/archiveSection';
import { parseWebviewMessage } from '../../../src/jobPanel/protocol';
import { englishL10n } from '../../../src/jobPanel/translate';
import { hostileArchives } from '../../simulator/hostileArchives';
import { smallRestoreArchive } from '../../simulator/omLayout';

const words = (code: string, entry: string): string => `${code}:${entry}`;

describe('job panel: Archive section', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-panel-archive-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows what the inspection found, with Extract enabled', async () => {
    const file = path.join(dir, 'a.tar.gz');
    fs.writeFileSync(file, smallRestoreArchive({ mongodbVersion: '7.0.2', masterKeyUuid: 'key-1' }));
    const view = readInspection(JSON.parse(JSON.stringify(await inspectArchive(file))), words);
    assert.ok(view);
    assert.equal(view.mongodbVersion, '7.0.2');
    const html = renderArchiveSection({ kind: 'inspected', archive: file, view }, englishL10n, 'en');
    assert.match(html, /data-field="mongodbVersion"[^]*?<span class="mono">7\.0\.2<\/span>/);
    assert.match(html, /yes, master key key-1/);
    assert.match(
      html,
      /<button type="button" id="extract-button" class="button primary" data-action="extract" aria-busy="false">/,
    );
    assert.doesNotMatch(html, /mongod-command/);
  });

  it("shows the last oplog entry in the panel's one date format, with its BSON timestamp", async () => {
    const file = path.join(dir, 'oplog.tar.gz');
    fs.writeFileSync(file, smallRestoreArchive({}));
    const view = readInspection(JSON.parse(JSON.stringify(await inspectArchive(file))), words);
    assert.ok(view?.lastOplogTimestamp, 'the BSON timestamp is read from restoreInfo.txt');
    const { seconds, increment } = view.lastOplogTimestamp;
    const iso = new Date(seconds * 1000).toISOString();
    const now = new Date((seconds + 2 * 86400) * 1000);
    const html = renderArchiveSection({ kind: 'inspected', archive: file, view }, englishL10n, 'en', now);
    const field = html.slice(
      html.indexOf('data-field="lastOplogApplied"'),
      html.indexOf('data-field="startupOptions"'),
    );
    const text = field.replace(/<[^>]*>/g, '');
    assert.match(
      text,
      new RegExp(`[A-Z][a-z]{2} \\d{1,2}, \\d\\d:\\d\\d [AP]M \\(2 days ago\\) \\(${seconds}, ${increment}\\)`),
    );
    assert.match(field, new RegExp(`title="${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC"`));
  });

  it('disables Extract and says why when extraction would refuse the archive', async () => {
    const hostile = hostileArchives().find((h) => h.name === 'path-traversal');
    assert.ok(hostile);
    const file = path.join(dir, 'h.tar.gz');
    fs.writeFileSync(file, hostile.bytes);
    const view = readInspection(await inspectArchive(file), words);
    assert.ok(view);
    assert.ok(view.refusal?.startsWith('PARENT_PATH:'));
    const html = renderArchiveSection({ kind: 'inspected', archive: file, view }, englishL10n);
    assert.match(html, /id="extract-button"[^>]* disabled/);
    assert.match(html, /Extraction would refuse this archive: PARENT_PATH:/);
  });

  it('escapes every value from the archive', () => {
    const view: ArchiveView = {
      mongodbVersion: '<img src=x onerror=alert(1)>',
      restoreInfoRaw: 'MongoDB Version: </pre><script>alert(1)</script>',
      topFolder: '"><b>',
    };
    const html = renderArchiveSection({ kind: 'inspected', archive: '/a', view }, englishL10n);
    assert.doesNotMatch(html, /<img|<script|"><b>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('after extraction: the mongod command with Copy and Open in Terminal, no Extract button', () => {
    const extracted = readExtraction({
      batch: false,
      parts: [
        {
          dataPath: '/r/rs0',
          mongod: {
            command: "mongod --dbpath /r/rs0 --port 27017 --kmipServerName '<kmip-server-host>'",
            noteText: ['Run it with MongoDB 7.0.2.', 3],
          },
        },
      ],
    });
    assert.deepEqual(extracted?.notes, ['Run it with MongoDB 7.0.2.']);
    assert.ok(extracted);
    const html = renderArchiveSection(
      { kind: 'extracted', archive: '/r/rs0.tar.gz', view: { mongodbVersion: '7.0.2' }, extracted },
      englishL10n,
    );
    assert.match(
      html,
      /<pre class="mono mongod-command" id="mongod-command">mongod --dbpath \/r\/rs0 --port 27017 --kmipServerName &#39;&lt;kmip-server-host&gt;&#39;<\/pre>/,
    );
    assert.match(html, /data-action="copy" data-copy="mongod --dbpath/);
    assert.match(html, /data-action="open-terminal"/);
    assert.doesNotMatch(html, /extract-button/);
  });

  it('reads nothing from results of the wrong shape', () => {
    assert.equal(readInspection(undefined, words), undefined);
    assert.equal(readInspection({ entryCount: '3' }, words), undefined);
    assert.equal(readExtraction({ parts: [{ dataPath: 1, mongod: { command: 'x' } }] }), undefined);
    assert.equal(readExtraction(null), undefined);
  });

  it('the webview may ask to extract and to open the terminal, nothing more', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'extract', archive: '/etc' }), { type: 'extract' });
    assert.deepEqual(parseWebviewMessage({ type: 'openTerminal', command: 'rm -rf /' }), { type: 'openTerminal' });
  });
});
