import { describe, expect, it } from 'vitest';
import { parseMainArgs } from '../../../sandbox/args';

describe('sandbox/main.ts arguments', () => {
  it('reads every option', () => {
    expect(
      parseMainArgs([
        '--port',
        '0',
        '--seed=9',
        '--calls',
        '100',
        '--days',
        '30',
        '--rate-limit',
        '5',
        '--latency',
        '20',
        '--fail-rate',
        '0.25',
        '--history-shape',
        'array',
        '--kamailio',
      ]),
    ).toEqual({
      ok: true,
      options: {
        port: 0,
        seed: 9,
        calls: 100,
        days: 30,
        rateLimitPerSecond: 5,
        latencyMs: 20,
        failRate: 0.25,
        historyShape: 'array',
        kamailio: true,
      },
    });
    expect(parseMainArgs([])).toEqual({ ok: true, options: {} });
    expect(parseMainArgs(['--help'])).toEqual({ ok: 'help' });
  });

  it.each([
    [['--port', '70000'], '--port must be at most 65535'],
    [['--port', 'x'], '--port must be a whole number'],
    [['--fail-rate', '1.5'], '--fail-rate must be a number from 0 to 1'],
    [['--rate-limit', '0'], '--rate-limit must be at least 1'],
    [['--seed'], '--seed needs a value'],
    [['--colour'], 'unknown argument: --colour'],
    [['--history-shape', 'list'], '--history-shape'],
  ])('rejects %j', (argv, message) => {
    const parsed = parseMainArgs(argv);
    expect(parsed.ok).toBe(false);
    if (parsed.ok === false) expect(parsed.message).toContain(message);
  });
});
