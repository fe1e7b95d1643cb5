import type { BrowserWindow, WebContents } from 'electron';

/**
 * The windows the app created itself. IPC trusts only their web contents; events go to all
 * of them. Destroyed windows drop out on their own.
 */
export class AppWindows {
  readonly #windows = new Set<BrowserWindow>();

  add(window: BrowserWindow): void {
    this.#windows.add(window);
    window.once('closed', () => this.#windows.delete(window));
  }

  ownsWebContents(contents: unknown): boolean {
    for (const window of this.#windows) {
      if (!window.isDestroyed() && window.webContents === contents) return true;
    }
    return false;
  }

  webContents(): WebContents[] {
    return [...this.#windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
  }
}
