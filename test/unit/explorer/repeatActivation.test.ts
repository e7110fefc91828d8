// Telling a double click on a tree row from two single clicks: VS Code runs the row's command once for the first
// click and once for the double click, and the second run within the interval on the same row is the double click.
import * as assert from 'node:assert/strict';
import { DOUBLE_ACTIVATION_MS, RepeatActivation } from '../../../src/explorer/repeatActivation';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('RepeatActivation (double click on a tree row)', () => {
  it('a first activation is a single click', () => {
    const c = clock();
    assert.equal(new RepeatActivation(500, c.now).isRepeat('job A'), false);
  });

  it('the same row again within the interval is a double click, also at the interval exactly', () => {
    const c = clock();
    const clicks = new RepeatActivation(500, c.now);
    clicks.isRepeat('job A');
    c.advance(120);
    assert.equal(clicks.isRepeat('job A'), true);
    clicks.isRepeat('job B');
    c.advance(500);
    assert.equal(clicks.isRepeat('job B'), true);
  });

  it('the same row after the interval is another single click', () => {
    const c = clock();
    const clicks = new RepeatActivation(500, c.now);
    clicks.isRepeat('job A');
    c.advance(501);
    assert.equal(clicks.isRepeat('job A'), false);
    c.advance(100);
    assert.equal(clicks.isRepeat('job A'), true, 'the late click starts a new pair');
  });

  it('another row within the interval is a single click on that row', () => {
    const c = clock();
    const clicks = new RepeatActivation(500, c.now);
    clicks.isRepeat('job A');
    c.advance(50);
    assert.equal(clicks.isRepeat('job B'), false);
    c.advance(50);
    assert.equal(clicks.isRepeat('job A'), false, 'A, B, A quickly is three single clicks');
  });

  it('a triple click is a double click then a single click', () => {
    const c = clock();
    const clicks = new RepeatActivation(500, c.now);
    assert.deepEqual(
      [0, 100, 100].map((gap) => {
        c.advance(gap);
        return clicks.isRepeat('job A');
      }),
      [false, true, false],
    );
  });

  it('a clock that went backwards does not make a double click', () => {
    const c = clock();
    const clicks = new RepeatActivation(500, c.now);
    clicks.isRepeat('job A');
    c.advance(-100);
    assert.equal(clicks.isRepeat('job A'), false);
  });

  it('uses the usual system double-click time by default', () => {
    assert.equal(DOUBLE_ACTIVATION_MS, 500);
    const c = clock();
    const clicks = new RepeatActivation(undefined, c.now);
    clicks.isRepeat('job A');
    c.advance(499);
    assert.equal(clicks.isRepeat('job A'), true);
  });
});
