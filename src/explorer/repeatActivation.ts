// Tells a double click on a tree row from two single clicks. VS Code gives extension tree items no double-click
// event: a click runs the item's command, and so does the `dblclick` that ends a double click (its second click is
// swallowed), with nothing to tell them apart. As other extensions do, a second activation of the same item
// within a short interval counts as the double click. 500 ms is the usual system double-click time (Windows'
// default, about macOS's); it also covers the round trip of both commands to the extension host.

export const DOUBLE_ACTIVATION_MS = 500;

export class RepeatActivation {
  private last: { key: string; at: number } | undefined;

  constructor(
    private readonly intervalMs = DOUBLE_ACTIVATION_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Records an activation of `key`; true when it repeats the previous one within the interval. */
  isRepeat(key: string): boolean {
    const at = this.now();
    const last = this.last;
    const repeat = last !== undefined && last.key === key && at - last.at >= 0 && at - last.at <= this.intervalMs;
    // After a double click the next click starts afresh: a triple click is a double click and a single one.
    this.last = repeat ? undefined : { key, at };
    return repeat;
  }
}
