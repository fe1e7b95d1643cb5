import { expect, test } from '../fixtures';

/**
 * The shared `app` fixture, for tests that take the SIP server away (Kamailio restarted or
 * stopped). The shared fixture fails a test on any console error; while Kamailio is away, a
 * reconnect that reaches its port before it listens again makes Chromium itself log "WebSocket
 * connection to 'ws://…' failed". That line is expected here, for the SIP server's address only;
 * any other console error or page error (an uncaught INVALID_STATE_ERROR…) still fails the test.
 * `sipWsUrl` is read when the page opens (the spec's sandbox starts in its beforeAll).
 */
export function testThroughSipOutages(sipWsUrl: () => string | undefined): typeof test {
  return test.extend({
    app: async ({ page, webHost }, use) => {
      const problems: string[] = [];
      // As Chromium spells the address (normalised: ws://127.0.0.1:<port>/).
      const sipServerDown = `WebSocket connection to '${new URL(sipWsUrl() ?? 'ws://invalid').href}' failed`;
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith(sipServerDown)) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(webHost.url);
      await use(page);
      expect(problems).toEqual([]);
    },
  });
}
