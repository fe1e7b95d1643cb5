import { describe, expect, it } from 'vitest';
import { createDialService, type DialServiceDeps } from '../../../src/main/services/dial';
import type { Logger } from '../../../src/main/services/logger';
import type { DialPrompt, PhoneDialRequest } from '../../../src/shared/dial';
import { appError, type AppResult } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import type { DialVia } from '../../../src/shared/settings';

/** A click-to-call the test answers when it wants (the platform's answer arrives later). */
function deferred() {
  let resolve: (result: AppResult<void>) => void = () => undefined;
  const promise = new Promise<AppResult<void>>((done) => (resolve = done));
  return { promise, resolve };
}

function setup(options: { dialVia?: DialVia; clickToCall?: (number: string) => Promise<AppResult<void>> } = {}) {
  let dialVia: DialVia = options.dialVia ?? 'click-to-call';
  const clickToCalls: string[] = [];
  const prompts: (DialPrompt | null)[] = [];
  const phone: PhoneDialRequest[] = [];
  const logLines: string[] = [];
  const log: Logger = {
    debug: (m) => logLines.push(m),
    info: (m) => logLines.push(m),
    warn: (m) => logLines.push(m),
    error: (m) => logLines.push(m),
  };
  let ids = 0;
  const deps: DialServiceDeps = {
    dialVia: () => dialVia,
    clickToCall: (number) => {
      clickToCalls.push(number);
      return options.clickToCall?.(number) ?? Promise.resolve(ok(undefined));
    },
    directory: () => [{ name: 'Nguyễn Văn An', username: 'agent8001', extensions: ['8001'] }],
    log,
    newId: () => `prompt-${++ids}`,
  };
  const dial = createDialService(deps);
  dial.onChange((prompt) => prompts.push(prompt));
  // Each request as the phone receives it, next to the click-to-calls sent so far (the order matters).
  dial.onPhoneRequest((request) => phone.push(request));
  return { dial, clickToCalls, prompts, phone, logLines, setVia: (via: DialVia) => (dialVia = via) };
}

const refused = appError('not_registered', 'Your softphone is not registered.', 'Softphone chưa đăng ký.', {
  status: 400,
});

describe('the dial service', () => {
  it('a link asks first: a confirm prompt with the normalised number, pending until answered, nothing dialled', () => {
    const { dial, clickToCalls, prompts, phone } = setup();
    const answer = dial.request({ text: 'tel:+84-912-345-678', source: 'link', confirm: true });
    const expected = {
      id: 'prompt-1',
      source: 'link',
      kind: 'confirm',
      number: { dial: '0912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
    };
    expect(answer).toEqual({ ok: true, value: expected });
    expect(dial.pending()).toEqual(expected);
    expect(prompts).toEqual([expected]);
    expect(clickToCalls).toEqual([]);
    expect(phone).toEqual([]);
  });

  it('Call (click-to-call): the phone is told before the request, then how it went; the prompt goes away', async () => {
    const pending = deferred();
    const { dial, clickToCalls, prompts, phone } = setup({ clickToCall: () => pending.promise });
    dial.request({ text: 'sip:8001@pbx.example.vn', source: 'link', confirm: true });
    const confirming = dial.confirm('prompt-1');
    // While the platform has not answered: the phone expects the callback, the prompt shows "calling".
    expect(clickToCalls).toEqual(['8001']);
    expect(phone).toEqual([{ kind: 'click-to-call-sending', ticket: 'prompt-1', number: '8001' }]);
    expect(dial.pending()).toMatchObject({ kind: 'dialing', via: 'click-to-call', name: 'Nguyễn Văn An' });
    // A second Enter meanwhile must not ring the customer twice.
    expect(await dial.confirm('prompt-1')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(clickToCalls).toEqual(['8001']);

    pending.resolve(ok(undefined));
    expect(await confirming).toEqual({ ok: true, value: undefined });
    expect(phone.at(-1)).toEqual({ kind: 'click-to-call-finished', ticket: 'prompt-1', number: '8001' });
    expect(dial.pending()).toBeNull();
    expect(prompts.map((p) => p?.kind ?? null)).toEqual(['confirm', 'dialing', null]);
  });

  it('a refused click-to-call stays on screen as failed (with the reason), withdraws the expectation, and can be tried again', async () => {
    let answer: AppResult<void> = err(refused);
    const { dial, clickToCalls, phone } = setup({ clickToCall: () => Promise.resolve(answer) });
    dial.request({ text: '0912 345 678', source: 'shortcut', confirm: true });
    expect(await dial.confirm('prompt-1')).toEqual({ ok: false, error: refused });
    expect(dial.pending()).toMatchObject({ id: 'prompt-1', kind: 'failed', error: refused });
    expect(phone.at(-1)).toEqual({
      kind: 'click-to-call-finished',
      ticket: 'prompt-1',
      number: '0912345678',
      error: refused,
    });
    answer = ok(undefined);
    expect(await dial.confirm('prompt-1')).toEqual({ ok: true, value: undefined });
    expect(clickToCalls).toEqual(['0912345678', '0912345678']);
    expect(dial.pending()).toBeNull();
  });

  it('Call with dialVia sip: the phone places the call itself; no click-to-call is sent', async () => {
    const { dial, clickToCalls, phone, prompts } = setup({ dialVia: 'sip' });
    dial.request({ text: 'callto:0912345678', source: 'link', confirm: true });
    expect(await dial.confirm('prompt-1')).toEqual({ ok: true, value: undefined });
    expect(phone).toEqual([{ kind: 'call-over-sip', number: '0912345678' }]);
    expect(clickToCalls).toEqual([]);
    expect(prompts.map((p) => p?.kind ?? null)).toEqual(['confirm', null]);
  });

  it('follows dialVia as it is when the agent says Call, not when the link arrived', async () => {
    const { dial, clickToCalls, phone, setVia } = setup({ dialVia: 'click-to-call' });
    dial.request({ text: 'tel:0912345678', source: 'link', confirm: true });
    setVia('sip');
    await dial.confirm('prompt-1');
    expect(clickToCalls).toEqual([]);
    expect(phone).toEqual([{ kind: 'call-over-sip', number: '0912345678' }]);
  });

  it('Cancel dials nothing; a stale or unknown id does nothing either', async () => {
    const { dial, clickToCalls, phone } = setup();
    dial.request({ text: 'tel:0912345678', source: 'link', confirm: true });
    dial.cancel('prompt-unknown');
    expect(dial.pending()?.id).toBe('prompt-1');
    dial.cancel('prompt-1');
    expect(dial.pending()).toBeNull();
    expect(await dial.confirm('prompt-1')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(clickToCalls).toEqual([]);
    expect(phone).toEqual([]);
  });

  it('the newest request replaces the one waiting: Call on the old id dials nothing', async () => {
    const { dial, clickToCalls } = setup();
    dial.request({ text: 'tel:0912345678', source: 'link', confirm: true });
    dial.request({ text: 'tel:0987654321', source: 'link', confirm: true });
    expect(dial.pending()).toMatchObject({ id: 'prompt-2', number: { dial: '0987654321' } });
    expect((await dial.confirm('prompt-1')).ok).toBe(false);
    expect(await dial.confirm('prompt-2')).toEqual({ ok: true, value: undefined });
    expect(clickToCalls).toEqual(['0987654321']);
  });

  it('a link with no number says so (a not-dialable prompt and err not_dialable) and dials nothing', async () => {
    const { dial, clickToCalls, phone } = setup();
    const answer = dial.request({ text: 'sip:alice:pa55word@example.com', source: 'link', confirm: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_dialable' } });
    if (answer.ok) throw new Error('unreachable');
    expect(answer.error.message).toMatch(/link/i);
    expect(answer.error.messageVi).toMatch(/liên kết/i);
    expect(dial.pending()).toEqual({ id: 'prompt-1', source: 'link', kind: 'not-dialable', problem: 'characters' });
    // Nothing of the link is kept or shown: it may carry a password.
    expect(JSON.stringify([answer, dial.pending()])).not.toContain('pa55word');
    expect(JSON.stringify([answer, dial.pending()])).not.toContain('alice');
    expect((await dial.confirm('prompt-1')).ok).toBe(false);
    expect(clickToCalls).toEqual([]);
    expect(phone).toEqual([]);
  });

  it('confirm=false (palette, tray) dials at once; without a number it only answers the error', async () => {
    const { dial, clickToCalls, prompts } = setup();
    const answer = dial.request({ text: '8001', source: 'tray', confirm: false });
    expect(answer).toMatchObject({ ok: true, value: { kind: 'dialing', number: { dial: '8001' } } });
    await Promise.resolve();
    expect(clickToCalls).toEqual(['8001']);
    expect(dial.request({ text: 'hello', source: 'palette', confirm: false })).toMatchObject({
      ok: false,
      error: { code: 'not_dialable', message: 'That is not a phone number or an extension.' },
    });
    // Nothing to ask the agent: no prompt appeared for either.
    expect(prompts).toEqual([]);
  });

  it('a dial made without asking that fails shows up as a failed prompt, so the agent learns of it', async () => {
    const { dial, prompts } = setup({ clickToCall: () => Promise.resolve(err(refused)) });
    dial.request({ text: '0912345678', source: 'tray', confirm: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(prompts).toEqual([
      expect.objectContaining({ kind: 'failed', source: 'tray', error: refused, number: expect.anything() }),
    ]);
  });

  it('an exception from the API client becomes a failed prompt, not an unhandled rejection', async () => {
    const { dial } = setup({ clickToCall: () => Promise.reject(new Error('boom')) });
    dial.request({ text: '0912345678', source: 'link', confirm: true });
    expect(await dial.confirm('prompt-1')).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(dial.pending()).toMatchObject({ kind: 'failed' });
  });

  it('never logs a number or a link', async () => {
    const { dial, logLines } = setup({ clickToCall: () => Promise.resolve(err(refused)) });
    dial.request({ text: 'tel:0912345678', source: 'link', confirm: true });
    await dial.confirm('prompt-1');
    dial.request({ text: 'sip:bob:secret@pbx', source: 'link', confirm: true });
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    for (const part of ['0912345678', '912', 'secret', 'bob', 'tel:', 'sip:']) expect(all).not.toContain(part);
  });

  it('the shortcut status starts unavailable (a host without global shortcuts) and tells listeners of changes only', () => {
    const { dial } = setup();
    const seen: string[] = [];
    dial.shortcut.onChange((state) => seen.push(state.kind));
    expect(dial.shortcut.current()).toEqual({ kind: 'unavailable' });
    dial.shortcut.report({ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' });
    dial.shortcut.report({ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' });
    dial.shortcut.report({ kind: 'failed', accelerator: 'CommandOrControl+Alt+D', reason: 'taken' });
    expect(seen).toEqual(['registered', 'failed']);
  });
});
