// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  adoptStartupDial,
  dialOrQueue,
  dialReadiness,
  usePlaceQueuedDial,
  useQueuedDialStore,
} from '../../../src/renderer/src/features/phone/queued-dial';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { usePhoneStartupStore } from '../../../src/renderer/src/sip/phone-startup';
import {
  bindPhone,
  initialPhoneState,
  usePhoneStore,
  type PhoneControls,
} from '../../../src/renderer/src/sip/phone-store';
import type { DialVia } from '../../../src/shared/settings';
import { err, ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from './fake-host';

const ready = (dialVia: DialVia) => ({ status: 'ready', view: makeView({ values: { dialVia } }) }) as const;

describe('when a Call can go out', () => {
  it('waits for the settings (the way to dial), the phone to start, and its registration', () => {
    const registered = { kind: 'registered' } as const;
    expect(dialReadiness({ settings: { status: 'idle' }, phoneStarted: true, registration: registered })).toEqual({
      kind: 'wait',
    });
    expect(dialReadiness({ settings: { status: 'loading' }, phoneStarted: true, registration: registered })).toEqual({
      kind: 'wait',
    });
    expect(
      dialReadiness({ settings: ready('sip'), phoneStarted: false, registration: { kind: 'unconfigured' } }),
    ).toEqual({ kind: 'wait' });
    expect(
      dialReadiness({ settings: ready('sip'), phoneStarted: true, registration: { kind: 'registering' } }),
    ).toEqual({ kind: 'wait' });
  });

  it('goes the way the settings say once the phone has settled, registered or not', () => {
    expect(dialReadiness({ settings: ready('sip'), phoneStarted: true, registration: { kind: 'registered' } })).toEqual(
      { kind: 'ready', via: 'sip' },
    );
    expect(
      dialReadiness({ settings: ready('click-to-call'), phoneStarted: true, registration: { kind: 'unconfigured' } }),
    ).toEqual({ kind: 'ready', via: 'click-to-call' });
    expect(
      dialReadiness({
        settings: ready('sip'),
        phoneStarted: true,
        registration: { kind: 'failed', reason: 'Connection Error' },
      }),
    ).toEqual({ kind: 'ready', via: 'sip' });
  });

  it('dials through click-to-call, as the Phone screen always has, when the settings could not be read', () => {
    const failed = { status: 'failed', error: { code: 'internal', message: 'x', messageVi: 'x' } } as const;
    expect(dialReadiness({ settings: failed, phoneStarted: true, registration: { kind: 'registered' } })).toEqual({
      kind: 'ready',
      via: 'click-to-call',
    });
  });
});

describe('a Call kept while the phone starts (over SIP)', () => {
  const placeCall = vi.fn<PhoneControls['placeCall']>(() => ok('call-1'));
  let unbind: () => void = () => undefined;

  beforeEach(() => {
    usePhoneStore.setState(initialPhoneState);
    usePhoneStartupStore.setState({ started: false });
    useSettingsStore.setState(initialSettingsState);
    useQueuedDialStore.setState({ number: null });
    placeCall.mockClear();
    const host = createFakeHost(makeView({ values: { dialVia: 'sip' } }));
    installFakeHost(host);
    unbind = bindPhone({ placeCall } as unknown as PhoneControls);
  });
  afterEach(() => {
    unbind();
    cleanup();
  });

  it('is placed once the phone has registered, once, and not before', async () => {
    renderHook(() => usePlaceQueuedDial());
    dialOrQueue('0912345678');
    expect(useQueuedDialStore.getState().number).toBe('0912345678');

    await useSettingsStore.getState().loadSettings();
    // In this order, as useSipPhone does: a configured phone says it registers, then that it started.
    usePhoneStore.setState({ registration: { kind: 'registering' } });
    usePhoneStartupStore.setState({ started: true });
    expect(placeCall).not.toHaveBeenCalled();

    usePhoneStore.setState({ registration: { kind: 'registered' } });
    expect(placeCall).toHaveBeenCalledTimes(1);
    expect(placeCall).toHaveBeenCalledWith('0912345678');
    expect(useQueuedDialStore.getState().number).toBeNull();
    usePhoneStore.setState({ registration: { kind: 'registered' } });
    expect(placeCall).toHaveBeenCalledTimes(1);
  });

  it('says why when the phone could not register, rather than waiting for ever', async () => {
    placeCall.mockReturnValueOnce(err('not-configured'));
    renderHook(() => usePlaceQueuedDial());
    // As main.tsx hands it over from the frame's field.
    adoptStartupDial({ typed: '0912345678', queued: '0912345678', invalid: false });
    await useSettingsStore.getState().loadSettings();
    usePhoneStartupStore.setState({ started: true });
    usePhoneStore.setState({ registration: { kind: 'failed', reason: 'Connection Error' } });

    const dial = usePhoneStore.getState().dial;
    expect(dial.status).toBe('failed');
    expect(dial.status === 'failed' && dial.error.code).toBe('not_configured');
  });
});
