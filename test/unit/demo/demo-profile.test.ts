import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  demoDataDir,
  demoEnvironment,
  demoLaunchFromArgv,
  overlapsRealProfile,
  relaunchArguments,
  type DemoAccount,
} from '../../../src/main/services/demo';

const ACCOUNT: DemoAccount = {
  apiUrl: 'http://127.0.0.1:4100',
  appId: 'demo-app',
  appSecret: 'demo-secret',
  domain: 'demo.antbuddy.test',
  email: 'it@demo.test',
  accountId: 'acc-1',
  signalsUrl: 'ws://127.0.0.1:4100/',
  sipUser: 'agent8001',
};

describe('the demo profile folder', () => {
  it.each([
    ['/home/an/.config/AntRing Companion'],
    ['/home/an/.config/AntRing Companion/'],
    ['relative/data'],
    ['.'],
    ['/'],
    ['C:/Users/an/AppData/Roaming/AntRing Companion'],
  ])('is never the real data folder %j nor above it', (real) => {
    const demo = demoDataDir(real);
    expect(resolve(demo)).not.toBe(resolve(real));
    expect(overlapsRealProfile(demo, real)).toBe(false);
  });

  it('is one folder of its own inside the real one, so removing the demo is removing it', () => {
    expect(demoDataDir('/data/antring')).toBe(join(resolve('/data/antring'), 'demo'));
  });

  it('calls the real folder and every folder above it overlapping, and others not', () => {
    expect(overlapsRealProfile('/data/antring', '/data/antring')).toBe(true);
    expect(overlapsRealProfile('/data/antring/', '/data/antring')).toBe(true);
    expect(overlapsRealProfile('/data', '/data/antring')).toBe(true);
    expect(overlapsRealProfile('/', '/data/antring')).toBe(true);
    expect(overlapsRealProfile('/data/antring-demo', '/data/antring')).toBe(false);
    expect(overlapsRealProfile('/data/antring/demo', '/data/antring')).toBe(false);
  });
});

describe("the demo's environment", () => {
  it("drops everything IT set for the real account and names the sandbox's account and the demo folder", () => {
    const env = demoEnvironment(
      {
        PATH: '/usr/bin',
        LANG: 'vi_VN.UTF-8',
        ANTRING_DATA_DIR: '/real',
        ANTRING_CONFIG: '/etc/antring.json',
        ANTRING_APP_SECRET: 'real-secret',
        ANTRING_SIP_PASSWORD: 'real-sip-password',
        ANTRING_CRM_WHATEVER: 'x',
      },
      ACCOUNT,
      '/real/demo',
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      LANG: 'vi_VN.UTF-8',
      ANTRING_DATA_DIR: '/real/demo',
      ANTRING_API_URL: ACCOUNT.apiUrl,
      ANTRING_APP_ID: ACCOUNT.appId,
      ANTRING_APP_SECRET: ACCOUNT.appSecret,
      ANTRING_DOMAIN: ACCOUNT.domain,
      ANTRING_EMAIL: ACCOUNT.email,
      ANTRING_SIGNALS_URL: ACCOUNT.signalsUrl,
      ANTRING_ACCOUNT_ID: ACCOUNT.accountId,
      ANTRING_SIP_USER: ACCOUNT.sipUser,
    });
    expect(JSON.stringify(env)).not.toContain('real-secret');
    expect(JSON.stringify(env)).not.toContain('real-sip-password');
  });

  it('carries the SIP server and password only when the demo has SIP', () => {
    const env = demoEnvironment(
      {},
      { ...ACCOUNT, sip: { wsUrl: 'ws://127.0.0.1:4200', domain: 'sip.demo.test', password: 'pw' } },
      '/d',
    );
    expect(env).toMatchObject({
      ANTRING_SIP_WS_URL: 'ws://127.0.0.1:4200',
      ANTRING_SIP_DOMAIN: 'sip.demo.test',
      ANTRING_SIP_PASSWORD: 'pw',
    });
  });
});

describe('launching into and out of the demo', () => {
  it('reads --demo and the language the page showed; ignores a language without --demo', () => {
    expect(demoLaunchFromArgv(['/opt/antring', '--demo'])).toEqual({ demo: true });
    expect(demoLaunchFromArgv(['/opt/antring', '--demo', '--demo-language=en'])).toEqual({
      demo: true,
      language: 'en',
    });
    expect(demoLaunchFromArgv(['/opt/antring', '--demo', '--demo-language=fr'])).toEqual({ demo: true });
    expect(demoLaunchFromArgv(['/opt/antring', '--demo-language=en'])).toEqual({ demo: false });
    expect(demoLaunchFromArgv(['/opt/antring', '--demonstrate'])).toEqual({ demo: false });
  });

  it('relaunches with the same arguments, adding or removing only its own switches', () => {
    expect(relaunchArguments(['.', '--inspect'], { demo: true, language: 'vi' })).toEqual([
      '.',
      '--inspect',
      '--demo',
      '--demo-language=vi',
    ]);
    expect(relaunchArguments(['.', '--demo', '--demo-language=vi', 'tel:0912345678'], { demo: false })).toEqual([
      '.',
      'tel:0912345678',
    ]);
    // Asked twice, the switch is still there once.
    expect(relaunchArguments(['.', '--demo'], { demo: true })).toEqual(['.', '--demo']);
  });
});
