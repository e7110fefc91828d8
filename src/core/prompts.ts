// Small building blocks for the commands' prompts: a wizard step with a Back button, and a quick pick that
// shows itself busy while its items load and skips itself when there is only one choice.
import * as vscode from 'vscode';

export const BACK = Symbol('back');

export type Validation = string | vscode.InputBoxValidationMessage | undefined;

export interface InputStepOptions {
  title: string;
  step: number;
  totalSteps: number;
  value?: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  canGoBack: boolean;
  /** Called as the user types; an Error-severity message (or a string) blocks Enter. */
  validate?: (value: string) => Validation;
  /** Shown when the box opens (why it is asked again), until the value changes. */
  initialMessage?: Validation;
  /** Title-bar buttons that fill in a value (e.g. a well-known URL), after Back. */
  fillButtons?: Array<{ button: vscode.QuickInputButton; value: string }>;
}

function blocks(validation: Validation): boolean {
  if (validation === undefined) return false;
  if (typeof validation === 'string') return validation !== '';
  return validation.severity === vscode.InputBoxValidationSeverity.Error;
}

/** One step of a multi-step input. Resolves the value, BACK, or undefined when dismissed. */
export function inputStep(options: InputStepOptions): Promise<string | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    const disposables: vscode.Disposable[] = [box];
    let settled = false;
    const finish = (result: string | typeof BACK | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(result);
      for (const d of disposables) d.dispose();
    };
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.value = options.value ?? '';
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    const fills = options.fillButtons ?? [];
    box.buttons = [...(options.canGoBack ? [vscode.QuickInputButtons.Back] : []), ...fills.map((f) => f.button)];
    const validate = (value: string): Validation => options.validate?.(value);
    box.validationMessage = options.initialMessage ?? (box.value === '' ? undefined : validate(box.value));
    disposables.push(
      box.onDidChangeValue((value) => {
        box.validationMessage = validate(value);
      }),
      box.onDidAccept(() => {
        const validation = validate(box.value);
        box.validationMessage = validation;
        if (!blocks(validation)) finish(box.value);
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
        const fill = fills.find((f) => f.button === button);
        if (fill !== undefined) {
          box.value = fill.value;
          box.validationMessage = validate(fill.value);
        }
      }),
      box.onDidHide(() => finish(undefined)),
    );
    box.show();
  });
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface LoadingPickOptions<T> {
  title: string;
  placeholder: string;
  /** Items (loaded from settings or the API). */
  load: () => Promise<Array<PickItem<T>>>;
  /** An item for what the user typed (an ID or a pasted URL), shown above the list. */
  typed?: (value: string) => PickItem<T> | undefined;
  /** Shown instead of an empty list. */
  emptyMessage: string;
}

/**
 * A quick pick that opens at once, busy while items load; when exactly one item loads (and nothing was typed) it is
 * chosen without asking. Resolves undefined when dismissed; rejects when loading fails.
 */
export function pickWithLoading<T>(options: LoadingPickOptions<T>): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    const disposables: vscode.Disposable[] = [pick];
    let settled = false;
    let loaded: Array<PickItem<T>> = [];
    const finish = (value: T | undefined, error?: unknown): void => {
      if (settled) return;
      settled = true;
      if (error !== undefined) reject(error);
      else resolve(value);
      for (const d of disposables) d.dispose();
    };
    const render = (): void => {
      const typed = options.typed?.(pick.value.trim());
      const items = typed === undefined ? loaded : [{ ...typed, alwaysShow: true }, ...loaded];
      pick.items = items;
      if (!pick.busy && items.length === 0) {
        pick.placeholder = options.emptyMessage;
      }
    };
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.ignoreFocusOut = true;
    pick.busy = true;
    disposables.push(
      pick.onDidChangeValue(render),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen !== undefined) finish(chosen.value);
      }),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.show();
    options.load().then(
      (items) => {
        loaded = items;
        pick.busy = false;
        if (items.length === 1 && pick.value.trim() === '') {
          finish(items[0].value);
          return;
        }
        render();
      },
      (error: unknown) => finish(undefined, error),
    );
  });
}
