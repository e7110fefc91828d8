// The words for a job's statuses, shared by the panel's badges, the tree and the notifications.
import * as assert from 'node:assert/strict';
import { statusesInWords, statusWords } from '../../../src/core/jobStatus';
import { englishL10n } from '../../../src/jobPanel/translate';

describe('core: job statuses in words', () => {
  it('words a known value and shows an unknown one as the server sent it', () => {
    assert.equal(statusWords('delivery', 'MAX_DOWNLOADS_EXCEEDED', englishL10n), 'Max downloads reached');
    assert.equal(statusWords('job', 'PAUSED_BY_A_NEWER_SERVER', englishL10n), 'PAUSED_BY_A_NEWER_SERVER');
  });

  it("gives the job's status, then the delivery's, each only when the server sent it", () => {
    assert.equal(
      statusesInWords({ statusName: 'BROKEN', delivery: { statusName: 'FAILED' } }, englishL10n),
      'Broken · Failed',
    );
    assert.equal(statusesInWords({ statusName: 'KILLED' }, englishL10n), 'Killed');
    assert.equal(statusesInWords({ delivery: { statusName: 'EXPIRED' } }, englishL10n), 'Expired');
    assert.equal(statusesInWords({ statusName: 'NEW_STATE', delivery: {} }, englishL10n), 'NEW_STATE');
    assert.equal(statusesInWords({}, englishL10n), '');
  });
});
