import { describe, expect, it } from 'vitest';
import { createCheckApi } from '../../../src/main/services/connection-check/api-step';
import { agentForSipUser, checkClickToCall } from '../../../src/main/services/connection-check/click-to-call-step';
import type { Agent } from '../../../src/main/services/api';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

const agent = (username: string, name: string, ext: string[]): Agent => ({
  anttel: { userId: `${username}-id` },
  username,
  name,
  ext,
});
const AGENTS = [agent('nguyenvanan', 'Nguyễn Văn An', ['8001']), agent('tranthiha', 'Trần Thị Hà', ['8002', '8099'])];

describe('finding the agent behind the SIP user', () => {
  it('by user name, by extension, or by the extension inside the SIP user', () => {
    expect(agentForSipUser(AGENTS, 'TranThiHa')?.name).toBe('Trần Thị Hà');
    expect(agentForSipUser(AGENTS, '8099')?.name).toBe('Trần Thị Hà');
    expect(agentForSipUser(AGENTS, 'agent8001')?.name).toBe('Nguyễn Văn An');
    expect(agentForSipUser(AGENTS, 'agent9999')).toBeUndefined();
    expect(agentForSipUser(AGENTS, '')).toBeUndefined();
  });
});

function settings(values: Partial<Settings>): Settings {
  return {
    ...defaultSettings('en-US'),
    // Nothing listens here: a step that asked the API would fail, so these prove it did not ask.
    apiBaseUrl: 'http://127.0.0.1:9',
    appId: '1234567890123',
    appSecret: 'secret-for-tests',
    sipUser: 'agent8001',
    sipPassword: 'password-for-tests',
    companyDomain: '',
    companyEmail: '',
    ...values,
  };
}

describe('the click-to-call step', () => {
  it('names a missing SIP user or password, which click-to-call sends to AntBuddy', async () => {
    for (const field of ['sipUser', 'sipPassword'] as const) {
      const s = settings({ [field]: '' });
      const result = await checkClickToCall(s, createCheckApi(s, { fetch, timeoutMs: 1000 }));
      expect(result.ok ? 'ok' : result.error, field).toMatchObject({ code: 'not_configured', field });
      expect(result.ok ? '' : result.error.message).toContain('click-to-call sends it to AntBuddy');
    }
  });

  it('without the company domain and e-mail, passes and says the agent list was not checked', async () => {
    const s = settings({});
    const result = await checkClickToCall(s, createCheckApi(s, { fetch, timeoutMs: 1000 }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.en).toContain('Click-to-call can ring agent8001');
    expect(result.value.en).toContain('not checked');
    expect(result.value.vi).toContain('Không thực hiện cuộc gọi nào');
  });
});
