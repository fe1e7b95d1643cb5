import type { BrowserContext, Page } from '@playwright/test';
import type { AudioStats, CallOptions, CallOutcome, CallState, CallerAccount, RegisterOutcome } from './api';

/**
 * The test side of the caller page: opens it in a second page of the test's browser context and
 * drives `window.sipCaller` through page.evaluate.
 */
export class SipCallerPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, url: string): Promise<SipCallerPage> {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.sipCaller !== undefined);
    return new SipCallerPage(page);
  }

  register(account: CallerAccount): Promise<RegisterOutcome> {
    return this.page.evaluate((a) => window.sipCaller!.register(a), account);
  }

  /** Resolves once the call is confirmed or has failed. */
  call(target: string, options: CallOptions = {}): Promise<CallOutcome> {
    return this.page.evaluate(([t, o]) => window.sipCaller!.call(t, o), [target, options] as const);
  }

  hangup(): Promise<void> {
    return this.page.evaluate(() => window.sipCaller!.hangup());
  }

  state(): Promise<CallState> {
    return this.page.evaluate(() => window.sipCaller!.state());
  }

  endCause(): Promise<string | null> {
    return this.page.evaluate(() => window.sipCaller!.endCause());
  }

  stats(): Promise<AudioStats> {
    return this.page.evaluate(() => window.sipCaller!.stats());
  }

  heldByOtherSide(): Promise<boolean> {
    return this.page.evaluate(() => window.sipCaller!.heldByOtherSide());
  }

  dtmfReceived(): Promise<string> {
    return this.page.evaluate(() => window.sipCaller!.dtmfReceived());
  }

  transfersFollowed(): Promise<string[]> {
    return this.page.evaluate(() => window.sipCaller!.transfersFollowed());
  }

  async close(): Promise<void> {
    if (this.page.isClosed()) return;
    await this.page.evaluate(() => window.sipCaller!.stop());
    await this.page.close();
  }
}
