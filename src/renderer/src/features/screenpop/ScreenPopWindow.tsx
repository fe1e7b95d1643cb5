import { useEffect, type ReactElement } from 'react';
import { warmLocaleDataWhenIdle } from '../../app/locale-warm-up';
import { useHostPreferences } from '../../app/useHostPreferences';
import { useHostSync } from '../../api';
import { useRelayedCallStore } from '../../sip/phone-relay';
import { ScreenPopStack } from './ScreenPopStack';

export { isPopupRoute, POPUP_ROUTE } from './popup-route';

/** The whole page of the popup window: only the stack of calls, in the user's language and theme. */
export function ScreenPopWindow(): ReactElement {
  useHostPreferences();
  // The phone rings in the main window; this window learns what rings from the host.
  const followHost = useRelayedCallStore((s) => s.followHost);
  const load = useRelayedCallStore((s) => s.load);
  useHostSync(followHost, load);
  // The window is loaded ahead of the first call (shell/popup.ts): its first card must not pay for ICU.
  useEffect(() => warmLocaleDataWhenIdle(), []);
  return (
    <div className="screenpop-window">
      <ScreenPopStack variant="window" />
    </div>
  );
}
