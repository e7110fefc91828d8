import * as assert from 'node:assert/strict';
import { formatLocalDateTime, parseLocalDateTime, parseOplogText } from '../../../src/restore/inputs';

describe('restore: what the wizard accepts as typed', () => {
  it('reads a local date and time, with or without seconds, with a space or a T', () => {
    assert.equal(parseLocalDateTime('2026-11-30 14:05'), new Date(2026, 10, 30, 14, 5, 0).getTime());
    assert.equal(parseLocalDateTime(' 2026-11-30T14:05:30 '), new Date(2026, 10, 30, 14, 5, 30).getTime());
  });

  it('refuses dates that do not exist and other shapes, instead of rolling them over', () => {
    for (const text of [
      '2026-02-31 10:00',
      '2026-11-30 25:00',
      '2026-13-01 10:00',
      '2026-11-30 10:60',
      '30/11/2026 10:00',
      '2026-11-30',
      '',
    ]) {
      assert.equal(parseLocalDateTime(text), undefined, text);
    }
  });

  it('formats back to the same text (the input box is prefilled with it)', () => {
    const ms = new Date(2026, 0, 2, 3, 4, 5).getTime();
    assert.equal(formatLocalDateTime(ms), '2026-01-02 03:04:05');
    assert.equal(parseLocalDateTime(formatLocalDateTime(ms)), ms);
  });

  it('reads an oplog timestamp as seconds and increment', () => {
    assert.deepEqual(parseOplogText('1700000000:1'), { oplogTs: 1700000000, oplogInc: 1 });
    assert.deepEqual(parseOplogText('1700000000, 12'), { oplogTs: 1700000000, oplogInc: 12 });
    assert.deepEqual(parseOplogText('1700000000 3'), { oplogTs: 1700000000, oplogInc: 3 });
    for (const text of ['1700000000', '1700000000:', 'abc:1', '1700000000:1:2', '-5:1']) {
      assert.equal(parseOplogText(text), undefined, text);
    }
  });
});
