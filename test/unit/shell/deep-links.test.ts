import { describe, expect, it } from 'vitest';
import { createDialService } from '../../../src/main/services/dial';
import { createDialLinkInbox, dialUrlScheme, findDialUrl, isDialUrl } from '../../../src/main/shell/deep-links';
import { ok } from '../../../src/shared/result';

/** What the app does with a link the OS hands over: the dial service reads it, here without a platform. */
function dialService() {
  const sent: string[] = [];
  const dial = createDialService({
    dialVia: () => 'click-to-call',
    clickToCall: (number) => {
      sent.push(number);
      return Promise.resolve(ok(undefined));
    },
    directory: () => [],
  });
  return { dial, sent };
}

const WINDOWS_ARGV = ['C:\\Program Files\\AntRing Companion\\AntRing Companion.exe', '--allow-file-access-from-files'];
const LINUX_ARGV = ['/opt/AntRing Companion/antring-companion', '--no-sandbox'];

describe('links from argv (a launch, or second-instance on Windows and Linux)', () => {
  it('finds each scheme among Chromium switches, whatever its case', () => {
    for (const link of [
      'tel:+84912345678',
      'TEL:0912345678',
      'callto:0912345678',
      'callto://+84912345678',
      'sip:8001@pbx',
      'sips:8001@pbx',
    ])
      expect(findDialUrl([...WINDOWS_ARGV, link])).toBe(link);
    expect(findDialUrl([...LINUX_ARGV, '--', 'tel:0912345678', 'tel:0987654321'])).toBe('tel:0912345678');
  });

  it('ignores what is not a dial link: other schemes, look-alikes, files, flags', () => {
    for (const junk of [
      'https://evil.example/tel:0912345678',
      'telnet:host',
      'file:///tmp/tel:1',
      'mailto:a@b',
      '--tel:1',
      'xtel:1',
      'tel',
    ])
      expect(findDialUrl([...LINUX_ARGV, junk]), junk).toBeUndefined();
    expect(findDialUrl([])).toBeUndefined();
  });

  it('an overlong link still arrives (and is refused as not dialable); a giant argument is not even read', () => {
    const overlong = `tel:${'9'.repeat(5000)}`;
    expect(findDialUrl([...LINUX_ARGV, overlong])).toBe(overlong);
    const { dial, sent } = dialService();
    expect(dial.request({ text: overlong, source: 'link', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'not_dialable' },
    });
    expect(dial.pending()).toMatchObject({ kind: 'not-dialable', problem: 'length' });
    expect(sent).toEqual([]);
    expect(isDialUrl(`tel:${'9'.repeat(100_000)}`)).toBe(false);
  });

  it('each scheme from argv becomes a confirmation with the number normalised for Vietnam', () => {
    const cases: [string, string, string][] = [
      ['tel:+84-912-345-678;phone-context=+84', '0912345678', '0912 345 678'],
      ['callto://+842873019555', '02873019555', '028 7301 9555'],
      ['sip:0987654321@pbx.example.vn;transport=wss', '0987654321', '0987 654 321'],
      ['sip:8001@pbx.example.vn', '8001', '8001'],
    ];
    for (const [link, dialled, shown] of cases) {
      const { dial } = dialService();
      const url = findDialUrl([...WINDOWS_ARGV, link]);
      if (!url) throw new Error(`not found: ${link}`);
      dial.request({ text: url, source: 'link', confirm: true });
      expect(dial.pending(), link).toMatchObject({ kind: 'confirm', number: { dial: dialled, display: shown } });
    }
  });
});

describe('links through open-url (macOS), before and after the app is ready', () => {
  it('a link that arrives before the services exist waits, only the newest, and is handed over once', () => {
    const inbox = createDialLinkInbox();
    inbox.receive('tel:0912345678');
    inbox.receive('tel:0987654321');
    const handled: string[] = [];
    inbox.deliverTo((url) => handled.push(url));
    expect(handled).toEqual(['tel:0987654321']);
    inbox.receive('callto:8001');
    expect(handled).toEqual(['tel:0987654321', 'callto:8001']);
  });
});

describe('what the log may say about a link', () => {
  it('the scheme only, never the user, password or number', () => {
    expect(dialUrlScheme('sip:alice:hunter2@pbx.example.vn')).toBe('sip');
    expect(dialUrlScheme('SIPS:alice@pbx')).toBe('sips');
    expect(dialUrlScheme('Tel:0912345678')).toBe('tel');
    expect(dialUrlScheme('callto:x')).toBe('callto');
    expect(dialUrlScheme('https://x')).toBeUndefined();
  });

  it('a sip: link with credentials is not dialled and nothing of it reaches the prompt', () => {
    const { dial, sent } = dialService();
    const answer = dial.request({ text: 'sip:alice:hunter2@pbx.example.vn', source: 'link', confirm: true });
    expect(answer.ok).toBe(false);
    expect(JSON.stringify([answer, dial.pending()])).not.toMatch(/hunter2|alice|pbx\.example/);
    expect(sent).toEqual([]);
  });
});
