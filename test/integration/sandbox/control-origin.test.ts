import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

/**
 * The sandbox's controls hand out every seeded agent's SIP password and can break the API on
 * purpose. A web page the tester happens to have open must not reach them: not through a
 * DNS-rebound host name (the browser sends that name as Host) and not cross-site (the
 * browser sends its own Origin). Checked over real sockets, as a browser would send them.
 */

let sandbox: RunningSandbox;
let port: number;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, calls: 20, days: 2 });
  port = Number(new URL(sandbox.apiUrl).port);
});

afterAll(async () => {
  await sandbox?.close();
});

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const own = (): string => `127.0.0.1:${port}`;

describe('sandbox controls: who may ask', () => {
  it('answers its own address, by IP or as localhost, with or without its own Origin', async () => {
    expect((await send('GET', '/__sandbox/agents', { host: own() })).status).toBe(200);
    expect((await send('GET', '/__sandbox/agents', { host: `localhost:${port}` })).status).toBe(200);
    expect((await send('GET', '/__sandbox/agents', { host: own(), origin: `http://127.0.0.1:${port}` })).status).toBe(
      200,
    );
  });

  it('refuses a forged Host (DNS rebinding) with 421, without handing out any password', async () => {
    for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const answer = await send('GET', '/__sandbox/agents', { host });
      expect(answer.status, host).toBe(421);
      expect(answer.text).not.toContain('sipPassword');
    }
  });

  it('refuses a foreign Origin with 403, and the control changes nothing', async () => {
    const before = await send('GET', '/__sandbox/faults', { host: own() });
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const answer = await send(
        'POST',
        '/__sandbox/faults',
        { host: own(), origin, 'content-type': 'application/json' },
        JSON.stringify({ failRate: 1 }),
      );
      expect(answer.status, origin).toBe(403);
    }
    expect((await send('GET', '/__sandbox/agents', { host: own(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await send('GET', '/__sandbox/faults', { host: own() })).text).toBe(before.text);
  });

  it('still serves the API itself to any Host (the checks are for the controls only)', async () => {
    // An unsigned request: the API answers it (with its own refusal), not the Host check.
    expect((await send('GET', '/oapi/v1/agents', { host: `attacker.example:${port}` })).status).not.toBe(421);
  });
});
