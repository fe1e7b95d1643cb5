import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test as base } from './fixtures';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { samePhone } from '../../../src/shared/phone';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * The inline recordings player end to end: the sandbox pops an inbound call from a customer
 * with recorded calls, the agent listens to the last conversation from the screen-pop, and the
 * short-lived signed URLs behind it expire, at the pace of the sandbox's clock, while the agent
 * listens. Real WAV files, real HMAC-signed URLs, the real <audio> element of Chromium.
 */

interface Fixtures {
  /** Lifetime of the sandbox's signed recording URLs, per describe. */
  recordingUrlTtlSeconds: number;
  /** How far the sandbox's clock runs ahead of this computer's; a test moves it to expire URLs there only. */
  serverClock: { aheadMs: number };
  /** A sandbox of its own for every test, so no request log or clock leaks from one test to the next. */
  sandbox: RunningSandbox;
  agent: SandboxAgent;
}

const test = base.extend<Fixtures>({
  recordingUrlTtlSeconds: [600, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  serverClock: async ({}, use) => {
    await use({ aheadMs: 0 });
  },
  sandbox: async ({ recordingUrlTtlSeconds, serverClock }, use) => {
    const sandbox = await startSandbox({
      seed: 11,
      calls: 3000,
      days: 40,
      recordingUrlTtlSeconds,
      now: () => Date.now() + serverClock.aheadMs,
    });
    await use(sandbox);
    await sandbox.close();
  },
  agent: async ({ sandbox }, use) => {
    const first = sandbox.state.agents[0];
    if (!first) throw new Error('the sandbox has no agents');
    await use(first);
  },
  hostEnv: async ({ sandbox, agent }, use) => {
    await use(appEnvFor(sandbox, agent.sipUser));
  },
});

interface AudioState {
  readonly src: string;
  readonly currentTime: number;
  readonly paused: boolean;
  readonly playbackRate: number;
  readonly resumedAt: number | null;
}

function audioState(page: Page): Promise<AudioState> {
  return page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('audio[data-testid="recording-audio"]');
    if (!audio) throw new Error('no recording audio element');
    const resumed = (window as unknown as { resumedAt?: number }).resumedAt;
    return {
      src: audio.currentSrc,
      currentTime: audio.currentTime,
      paused: audio.paused,
      playbackRate: audio.playbackRate,
      resumedAt: resumed ?? null,
    };
  });
}

/** Notes where the recording element's next `playing` starts: where playback resumed. */
async function watchNextResume(page: Page): Promise<void> {
  await page.evaluate(() => {
    const holder = window as unknown as { resumedAt?: number };
    delete holder.resumedAt;
    // Captured at the document: media events do not bubble, and the element may not exist yet.
    const onPlaying = (event: Event): void => {
      const audio = event.target;
      if (!(audio instanceof HTMLAudioElement) || audio.dataset['testid'] !== 'recording-audio') return;
      holder.resumedAt = audio.currentTime;
      document.removeEventListener('playing', onPlaying, true);
    };
    document.addEventListener('playing', onPlaying, true);
  });
}

const playRequests = (sandbox: RunningSandbox, media: string): number =>
  sandbox.requestLog.filter((e) => e.path === '/oapi/v1/call/play_recording' && e.query['media'] === media).length;

/** Requests for the recording file itself, in order (their `Expires` tells which URL was used). */
const fileRequests = (sandbox: RunningSandbox, media: string): RequestLogEntry[] =>
  sandbox.requestLog.filter((e) => e.path === `/recordings/${encodeURIComponent(media)}`);

/** The recording's bytes went out: whole (200) or the range the element asked for (206). */
const served = (status: number | null): boolean => status === 200 || status === 206;

/** A customer whose five newest calls (what the pop lists) hold at least `count` recordings. */
function customerWithRecordings(sandbox: RunningSandbox, count: number): { number: string; recordings: string[] } {
  const since = Date.now() / 1000 - 30 * 86_400;
  const recent = sandbox.state.history.all().filter((r) => r.unix_timestamp >= since);
  const numbers = new Set(recent.filter((r) => r.direction === 'to_ab').map((r) => r.caller.number));
  for (const number of numbers) {
    const shown = recent
      .filter((r) => samePhone(r.caller.number, number) || samePhone(r.callee.number, number))
      .sort((a, b) => b.unix_timestamp - a.unix_timestamp)
      .slice(0, 5);
    const recordings = shown.map((r) => r.recording).filter((name) => name !== '');
    if (recordings.length >= count) return { number, recordings };
  }
  throw new Error(`no customer with ${count} recorded calls in the sandbox`);
}

/** The host has loaded history and agents and listens to call signals. */
async function waitUntilReady(page: Page, sandbox: RunningSandbox): Promise<void> {
  await expect
    .poll(
      async () => {
        const log = sandbox.requestLog;
        const history = log.filter((e) => e.path === '/oapi/v1/call/histories');
        const agents = log.filter((e) => e.path === '/oapi/v1/agents' && e.status === 200);
        const settled =
          history.length > 0 &&
          history.every((e) => e.status !== null) &&
          sandbox.state.now() - Math.max(...history.map((e) => e.time)) > 300;
        const signals = await page.evaluate(() => window.antring.getSignalState());
        return settled && agents.length > 0 && signals.ok && signals.value.kind === 'live';
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

/** Rings the agent with a call from `number` (long enough for the whole test) and returns its card. */
async function popCallFrom(page: Page, sandbox: RunningSandbox, agent: SandboxAgent, number: string): Promise<Locator> {
  await waitUntilReady(page, sandbox);
  sandbox.signals.startCall({
    direction: 'inbound',
    from: number,
    to: agent.sipUser,
    ringMs: 50_000,
    outcome: 'missed',
  });
  const card = page.getByTestId('screenpop-card');
  await expect(card.getByTestId('screenpop-recent')).toBeVisible({ timeout: 10_000 });
  return card;
}

/** Opens the player of the earlier call whose recording is `media` (Listen starts it). */
async function listenTo(card: Locator, media: string): Promise<Locator> {
  await card.locator(`[data-testid="screenpop-listen"][data-media="${media}"]`).click();
  const player = card.locator(`[data-testid="recording-player"][data-media="${media}"]`);
  await expect(player).toBeVisible();
  return player;
}

async function playsPast(page: Page, seconds: number): Promise<void> {
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(seconds);
}

test.describe('listening to the last conversation from the screen-pop', () => {
  // Shorter than the player's margin: every play after a pause renews the URL.
  test.use({ recordingUrlTtlSeconds: 3 });

  test('a recording streams and plays; after its URL expired, Play renews it and resumes at the same place and speed', async ({
    app,
    webHost,
    sandbox,
    agent,
  }) => {
    expect(await app.evaluate(() => window.antring.saveSettings({ language: 'vi' }))).toMatchObject({ ok: true });
    const customer = customerWithRecordings(sandbox, 1);
    const card = await popCallFrom(app, sandbox, agent, customer.number);
    const media = customer.recordings[0] ?? '';
    // Nothing asked for until the agent wants to listen.
    expect(playRequests(sandbox, media)).toBe(0);

    const player = await listenTo(card, media);
    await playsPast(app, 0.4);
    expect(playRequests(sandbox, media)).toBe(1);
    const first = await audioState(app);
    expect(new URL(first.src).origin).toBe(new URL(sandbox.apiUrl).origin);

    await player.getByRole('button', { name: 'Tạm dừng' }).click();
    await expect(player.getByRole('button', { name: 'Phát' })).toBeVisible();
    await expect.poll(async () => (await audioState(app)).paused).toBe(true);
    const pausedAt = (await audioState(app)).currentTime;
    await expect(player.getByRole('slider', { name: 'Vị trí' })).toHaveAttribute(
      'aria-valuetext',
      /^0 phút \d+ giây trên tổng 0 phút \d+ giây$/,
    );
    await player.getByRole('combobox', { name: 'Tốc độ' }).selectOption('1.5');

    // Download: main saves it into the data folder, readable by this user only.
    await player.getByRole('button', { name: 'Tải xuống' }).click();
    const savedPath = join(webHost.dataDir, 'recordings', media);
    await expect(player.getByRole('status')).toHaveText(`Đã lưu vào ${savedPath}`);
    expect(readFileSync(savedPath).subarray(0, 4).toString('ascii')).toBe('RIFF');
    if (process.platform !== 'win32') expect(statSync(savedPath).mode & 0o777).toBe(0o600);

    // Let the URL run out: the sandbox refuses it from now on (this very fetch is the one 403).
    const expires = Number(new URL(first.src).searchParams.get('Expires'));
    await expect.poll(() => Date.now() > expires * 1000 + 1000, { timeout: 15_000 }).toBe(true);
    expect((await fetch(first.src)).status).toBe(403);
    const beforeReplay = fileRequests(sandbox, media).length;
    const urlsBefore = playRequests(sandbox, media);

    await watchNextResume(app);
    await player.getByRole('button', { name: 'Phát' }).click();
    await expect.poll(async () => (await audioState(app)).resumedAt, { timeout: 15_000 }).not.toBeNull();
    const resumed = await audioState(app);
    expect(resumed.src).not.toBe(first.src);
    expect(resumed.resumedAt ?? 0).toBeGreaterThanOrEqual(pausedAt - 0.05);
    expect(resumed.playbackRate).toBe(1.5);
    await playsPast(app, (resumed.resumedAt ?? 0) + 0.2);
    // Renewed before use: one more play_recording, and the player never sent the expired URL.
    expect(playRequests(sandbox, media)).toBe(urlsBefore + 1);
    const replay = fileRequests(sandbox, media).slice(beforeReplay);
    expect(replay.length).toBeGreaterThan(0);
    expect(replay.every((e) => served(e.status) && e.query['Expires'] !== String(expires))).toBe(true);
  });
});

test.describe('the recordings server refuses', () => {
  /** Long enough that main caches a URL (it keeps one while it has a minute more to live). */
  const TTL_SECONDS = 120;
  test.use({ recordingUrlTtlSeconds: TTL_SECONDS });

  test('a URL main still trusts but the server refuses (403) is replaced once, transparently, and plays', async ({
    app,
    webHost,
    sandbox,
    agent,
    serverClock,
  }) => {
    expect(await app.evaluate(() => window.antring.saveSettings({ language: 'en' }))).toMatchObject({ ok: true });
    const customer = customerWithRecordings(sandbox, 1);
    const media = customer.recordings[0] ?? '';
    const card = await popCallFrom(app, sandbox, agent, customer.number);

    // A download (as the player's button asks it) leaves main holding a signed URL the page never loaded.
    const saved = await app.evaluate((m) => window.antring.downloadRecording({ media: m }), media);
    expect(saved).toEqual({ ok: true, value: { path: join(webHost.dataDir, 'recordings', media) } });
    const cached = fileRequests(sandbox, media).at(-1)?.query['Expires'];
    expect(cached).toBeDefined();

    // The server's clock moves past that URL's expiry; this computer still sees two minutes left.
    serverClock.aheadMs = (TTL_SECONDS + 1) * 1000;
    const requestsBefore = playRequests(sandbox, media);
    const filesBefore = fileRequests(sandbox, media).length;

    await watchNextResume(app);
    const player = await listenTo(card, media);
    await expect.poll(async () => (await audioState(app)).resumedAt, { timeout: 15_000 }).not.toBeNull();
    await playsPast(app, 0.3);
    await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(player.getByRole('alert')).toHaveCount(0);

    const after = fileRequests(sandbox, media).slice(filesBefore);
    // The trusted URL was refused at the server (the element's 403), then a new one was served.
    expect(after.some((e) => e.status === 403 && e.query['Expires'] === cached)).toBe(true);
    expect(after.some((e) => served(e.status) && e.query['Expires'] !== cached)).toBe(true);
    // Exactly one new URL: asked for past main's cache, since main still held the refused one.
    expect(playRequests(sandbox, media) - requestsBefore).toBe(1);
  });

  test('when the new URL fails too, the player says so and Retry plays it', async ({ app, sandbox, agent }) => {
    expect(await app.evaluate(() => window.antring.saveSettings({ language: 'en' }))).toMatchObject({ ok: true });
    const customer = customerWithRecordings(sandbox, 1);
    const media = customer.recordings[0] ?? '';
    const card = await popCallFrom(app, sandbox, agent, customer.number);

    // The recording server fails the element's first two loads: the URL it had, and the new one.
    sandbox.faults.failNext(2, { status: 500, path: '/recordings/' });
    const filesBefore = fileRequests(sandbox, media).length;
    const player = await listenTo(card, media);
    const alert = player.getByRole('alert');
    await expect(alert).toContainText('The recording could not be played');
    await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
    expect(
      fileRequests(sandbox, media)
        .slice(filesBefore)
        .map((e) => e.status),
    ).toEqual([500, 500]);

    await alert.getByRole('button', { name: 'Retry' }).click();
    await playsPast(app, 0.3);
    await expect(player.getByRole('alert')).toHaveCount(0);
    await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  });
});
