import { describe, expect, it, vi } from 'vitest';
import { type RequestHandlers } from '../../../src/shared/contract';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { ok } from '../../../src/shared/result';

describe('the clickToCall contract input', () => {
  function handlers() {
    const clickToCall = vi.fn((_input: { number: string }) => ok(undefined));
    return { clickToCall, handlers: { clickToCall } as unknown as RequestHandlers };
  }

  it.each(['..', '(.)', '+', '1', '', 'sip:0912345678@evil', '0912/../345'])(
    'refuses %j as invalid_input before any handler runs',
    async (number) => {
      const h = handlers();
      const result = await dispatchRequest(h.handlers, 'clickToCall', { number });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid_input', field: 'number' });
      expect(h.clickToCall).not.toHaveBeenCalled();
    },
  );

  it('hands the handler the normalised number', async () => {
    const h = handlers();
    expect(await dispatchRequest(h.handlers, 'clickToCall', { number: ' +84 (912) 345-678 ' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(h.clickToCall).toHaveBeenCalledWith({ number: '+84912345678' });
  });
});
