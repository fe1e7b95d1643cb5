import type { PhoneDialRequest } from '../../../../shared/dial';
import { onHostEvent } from '../../api';
import { useNavigationStore } from '../../app/navigation-store';
import { expectHostClickToCall, usePhoneStore } from '../../sip/phone-store';

/**
 * The main window's phone carrying out what the host's dial service asks (a link, the palette,
 * the tray): a SIP call placed here, or a click-to-call the host sends, whose callback this
 * phone then answers by itself as it does for the dial pad's. The Phone screen comes up: the
 * call's progress and its controls are there.
 */
export function followPhoneDialRequests(): () => void {
  const withdrawals = new Map<string, () => void>();
  const showPhone = (): void => useNavigationStore.getState().go('phone');

  const handle = (request: PhoneDialRequest): void => {
    switch (request.kind) {
      case 'call-over-sip':
        usePhoneStore.getState().callOverSip(request.number);
        showPhone();
        return;
      case 'click-to-call-sending':
        withdrawals.set(request.ticket, expectHostClickToCall());
        usePhoneStore.setState({ dial: { status: 'dialing', number: request.number } });
        showPhone();
        return;
      case 'click-to-call-finished': {
        const withdraw = withdrawals.get(request.ticket);
        withdrawals.delete(request.ticket);
        // A refused request rings nothing: the next call to ring must not be answered as its callback.
        if (request.error) withdraw?.();
        usePhoneStore.setState({
          dial: request.error
            ? { status: 'failed', number: request.number, error: request.error }
            : { status: 'placed', number: request.number },
        });
        return;
      }
    }
  };

  const stop = onHostEvent('phoneDialRequested', handle);
  return () => {
    stop();
    withdrawals.clear();
  };
}
