// After "job not found", Fetch Restore Job reopens the ID step with what was typed, saying why.
import * as assert from 'node:assert/strict';
import { OpsManagerError } from '../../../src/opsManager/common/errors';
import { englishL10n } from '../../../src/jobPanel/translate';
import { isJobNotFound, jobNotFoundMessage } from '../../../src/lookup/notFound';

const http = (status: number, errorCode?: string): OpsManagerError =>
  new OpsManagerError({ kind: 'http', status, message: 'x', ...(errorCode === undefined ? {} : { errorCode }) });

describe('lookup: a restore job that is not found', () => {
  it('is a 404 about the job, not one about the group or cluster, and not another failure', () => {
    assert.equal(isJobNotFound(http(404, 'RESTORE_JOB_NOT_FOUND')), true);
    assert.equal(isJobNotFound(http(404, 'INVALID_JOB_ID')), true);
    assert.equal(isJobNotFound(http(404)), true);
    assert.equal(isJobNotFound(http(404, 'GROUP_NOT_FOUND')), false);
    assert.equal(isJobNotFound(http(404, 'CLUSTER_NOT_FOUND')), false);
    assert.equal(isJobNotFound(http(401)), false);
    assert.equal(isJobNotFound(new OpsManagerError({ kind: 'network', message: 'x' })), false);
  });

  it('says which job was not found where, and that Enter tries the same ID again', () => {
    const message = jobNotFoundMessage(englishL10n, {
      server: 'prod',
      groupId: '5f2b3c4d5e6f708192a3b4c1',
      clusterId: '60a1b2c3d4e5f60718293a01',
      jobId: '65e0f1a2b3c4d5e6f7a8b9ff',
    });
    assert.equal(
      message,
      'Ops Manager has no restore job 65e0f1a2b3c4d5e6f7a8b9ff in 60a1b2c3d4e5f60718293a01 (group 5f2b3c4d5e6f708192a3b4c1). Correct the ID, or press Enter to try it again.',
    );
  });
});
