import type { LoggedLine } from '../harness/log-capture';

/**
 * No uncaught error in any process: the page (uncaught exceptions; console errors other than
 * Chromium's own line for a WebSocket to the SIP server that could not connect, which is what a
 * restarted, frozen or unreachable Kamailio looks like), the host process (uncaught exceptions,
 * unhandled rejections), and the services' log ("unexpected failure" lines). Other errors the
 * services logged on purpose (a connection lost, a request refused) are counted, not failed.
 */

export interface ErrorsVerdict {
  readonly problems: string[];
  readonly expectedConsoleErrors: number;
  readonly loggedErrors: number;
  readonly stderrLines: number;
}

/** Says when a line was logged, in the terms of the day (e.g. "at 14:05, during s1-d0593 (customer)"). */
export type Placer = (at: number) => string;

export function checkErrors(lines: readonly LoggedLine[], sipWsUrl: string, place: Placer = () => ''): ErrorsVerdict {
  const sipSocket = `WebSocket connection to '${new URL(sipWsUrl).href}' failed`;
  const problems: string[] = [];
  let expectedConsoleErrors = 0;
  let loggedErrors = 0;
  let stderrLines = 0;
  for (const line of lines) {
    const text = line.text.split('\n')[0] ?? '';
    // The first frames say where it was thrown; the day's context says what was going on.
    const frames = line.text
      .split('\n')
      .slice(1, 4)
      .map((f) => f.trim())
      .join(' ');
    const where = `${place(line.at)}${frames ? ` [${frames}]` : ''}`;
    if (line.source === 'page-error' || line.source === 'uncaught') problems.push(`${line.source}: ${text}${where}`);
    else if (line.source === 'page-console' && line.level === 'error') {
      if (text.startsWith(sipSocket)) expectedConsoleErrors++;
      else problems.push(`page console error: ${text}${place(line.at)}`);
    } else if (line.source === 'host-log' && line.level === 'error') {
      loggedErrors++;
      if (/unexpected/i.test(text)) problems.push(`host log: ${text}${place(line.at)}`);
    } else if (line.source === 'stderr') stderrLines++;
  }
  return { problems, expectedConsoleErrors, loggedErrors, stderrLines };
}
