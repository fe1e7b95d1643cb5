import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DTMF_TONES, isDtmfTone, type DtmfTone } from '../../sip/dtmf';
import { usePhoneStore } from '../../sip/phone-store';

/** Where a typed digit is text, not a tone (the transfer field, the dial field, Settings). */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
  );
}

/**
 * The DTMF keypad of one call (IVR menus, PINs): a button per key, and the same keys typed on
 * the keyboard while it is open. Shows what was sent, as a desk phone's display would.
 */
export function Keypad({
  callId,
  id,
  keyboard,
}: {
  callId: string;
  id: string;
  /** Whether typed keys go to this call: only the focused call's keypad listens, so no tone goes to two calls. */
  keyboard: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const sendDtmf = usePhoneStore((s) => s.sendDtmf);
  const [sent, setSent] = useState('');

  const press = (tone: DtmfTone): void => {
    if (sendDtmf(tone, callId)) setSent((before) => (before + tone).slice(-24));
  };

  useEffect(() => {
    if (!keyboard) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
      if (!isDtmfTone(event.key) || isTyping(event.target)) return;
      event.preventDefault();
      if (sendDtmf(event.key, callId)) setSent((before) => (before + event.key).slice(-24));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [callId, sendDtmf, keyboard]);

  return (
    <div className="keypad" id={id} role="group" aria-label={t('phone.keypad')}>
      <div className="keypad__keys">
        {DTMF_TONES.map((tone) => (
          <button key={tone} type="button" className="button keypad__key" onClick={() => press(tone)}>
            {tone}
          </button>
        ))}
      </div>
      <output className="keypad__sent" data-testid="dtmf-sent">
        {sent === '' ? t('phone.keypadHint') : t('phone.tonesSent', { tones: sent })}
      </output>
    </div>
  );
}
