import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';

/**
 * The app secret (and the SIP password) stay with the addresses they were entered for: a save
 * that moves the API address through the page must not send the company's credential, the
 * hashes or the SIP password to the new host, not even by the background caches.
 */

let home: RunningSandbox;
let elsewhere: RunningSandbox;

test.beforeAll(async () => {
  [home, elsewhere] = await Promise.all([startSandbox({ calls: 50, days: 2 }), startSandbox({ calls: 50, days: 2 })]);
});

test.afterAll(async () => {
  await Promise.all([home?.close(), elsewhere?.close()]);
});

test('moving the API address drops the app secret: click-to-call sends nothing there until it is entered again', async ({
  app,
}) => {
  const [agent] = home.state.agents;
  if (!agent) throw new Error('the sandbox needs an agent');
  // The user's own setup, saved through the page (the web host has no keyring: consent to plaintext).
  const setup = await app.evaluate(
    (s) =>
      window.antring.saveSettings({
        plaintextSecretsConsent: true,
        apiBaseUrl: s.apiUrl,
        appId: s.appId,
        appSecret: s.appSecret,
        companyDomain: s.domain,
        companyEmail: s.email,
        sipUser: s.sipUser,
        sipPassword: s.sipPassword,
      }),
    { ...home.startLine(), sipUser: agent.sipUser, sipPassword: agent.sipPassword },
  );
  expect(setup.ok).toBe(true);

  const moved = await app.evaluate((url) => window.antring.saveSettings({ apiBaseUrl: url }), elsewhere.apiUrl);
  expect(moved.ok).toBe(true);
  if (!moved.ok) return;
  expect(moved.value.secrets.appSecret.set).toBe(false);
  expect(moved.value.problems.filter((p) => p.code === 'secret_dropped').map((p) => p.field)).toEqual(
    expect.arrayContaining(['appSecret', 'sipPassword']),
  );

  // The page's click-to-call (what the dialer sends): refused here, before anything leaves.
  const refused = await app.evaluate(() => window.antring.clickToCall({ number: '0912345678' }));
  expect(refused).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  expect(elsewhere.requestLog, 'nothing at all reached the new address').toEqual([]);

  // Entered again, for the new address: now it is used there.
  const again = await app.evaluate(
    (s) => window.antring.saveSettings({ appSecret: s.appSecret, sipPassword: s.sipPassword }),
    { appSecret: elsewhere.appSecret, sipPassword: agent.sipPassword },
  );
  expect(again.ok).toBe(true);
  expect(await app.evaluate(() => window.antring.clickToCall({ number: '0912345678' }))).toEqual({
    ok: true,
    value: undefined,
  });
  await expect
    .poll(() => elsewhere.requestLog.filter((e) => e.path.startsWith('/oapi/v1/call/click-to-call/')).length, {
      timeout: 15_000,
    })
    .toBe(1);
});
