import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScreenPop } from '../../../src/shared/contract';
import type { MissedCall } from '../../../src/shared/domain';
import { notificationText } from '../../../src/main/shell/popup-layout';
import { forNotificationServer, missedCallsText } from '../../../src/main/shell/status-text';

/** What the fake Electron Notification was built with. */
const shown: { title: string; body: string }[] = [];
vi.mock('electron', () => ({
  Notification: class {
    static isSupported(): boolean {
      return true;
    }
    constructor(options: { title: string; body: string }) {
      shown.push({ title: options.title, body: options.body });
    }
    on(): void {}
    show(): void {}
  },
}));

const NAME = '<b>Boss</b> & co';

const pop: ScreenPop = {
  callId: 'c1',
  state: 'ringing',
  direction: 'inbound',
  caller: { raw: '0912345678', display: '0912 345 678', isExtension: false },
  name: NAME,
  queue: '<i>Sales</i>',
  did: { raw: '<u>1</u>', display: '<u>1</u>', isExtension: false },
  recentCalls: [],
  ringingSince: '2025-11-27T03:00:00.000Z',
};

const missed = (number: string): MissedCall => ({
  callId: 'm1',
  from: { number },
  to: { number: '8001' },
  at: '2025-11-27T03:00:00.000Z',
  statusDetail: 'CANCELLED',
});

describe('forNotificationServer (pure: the platform is an argument)', () => {
  it('escapes markup in the body on Linux, where notification servers read body markup', () => {
    const text = forNotificationServer(notificationText(pop, 'en'), 'linux');
    expect(text.body).toBe('&lt;b&gt;Boss&lt;/b&gt; &amp; co · &lt;i&gt;Sales&lt;/i&gt; · to &lt;u&gt;1&lt;/u&gt;');
    expect(text.body).not.toMatch(/<|>/);
    // The summary is plain text by the spec: escaping it would show `&amp;` to the agent.
    expect(text.title).toBe('Incoming call: 0912 345 678');
  });

  it('escapes the numbers of missed calls too', () => {
    expect(forNotificationServer(missedCallsText([missed('<b>x</b>&')], 'en'), 'linux').body).toBe(
      '&lt;b&gt;x&lt;/b&gt;&amp;',
    );
  });

  it.each(['win32', 'darwin'] as const)('leaves the text alone on %s (plain-text notifications)', (platform) => {
    const text = notificationText(pop, 'en');
    expect(forNotificationServer(text, platform)).toEqual(text);
  });
});

describe('the notifications module shows escaped text on Linux', () => {
  const realPlatform = process.platform;
  beforeEach(() => {
    shown.length = 0;
    Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
  });
  afterEach(() => Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true }));

  it('incoming call', async () => {
    const { notifyIncomingCall } = await import('../../../src/main/shell/notifications');
    notifyIncomingCall(pop, 'en', () => undefined);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.body).toContain('&lt;b&gt;Boss&lt;/b&gt; &amp; co');
    expect(shown[0]?.body).not.toContain(NAME);
  });

  it('missed calls', async () => {
    const { notifyMissedCalls } = await import('../../../src/main/shell/notifications');
    notifyMissedCalls([missed('<b>x</b>')], 'en', () => undefined);
    expect(shown[0]?.body).toBe('&lt;b&gt;x&lt;/b&gt;');
  });
});
