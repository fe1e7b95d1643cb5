import { useEffect, useRef } from 'react';
import { antring, onHostEvent } from '../api';
import { selectView, useSettingsStore } from '../features/settings/settings-store';
import { createJsSipUserAgent } from './jssip-user-agent';
import { followPhoneCommands, reportPhoneCalls } from './phone-relay';
import { bindPhone, phoneStoreSink } from './phone-store';
import { createRemoteAudioElement, type RemoteAudioSink } from './remote-audio';
import { SipPhone } from './sip-phone';

/** One audio element for the page's whole life, whatever remounts. */
let remoteAudio: RemoteAudioSink | null = null;

/**
 * Runs the agent's SIP phone for as long as the app frame is mounted, whatever screen is
 * shown: loads the credentials, registers, re-registers when they change or the network
 * comes back, and follows do-not-disturb and auto-answer.
 */
export function useSipPhone(): void {
  const dnd = useSettingsStore((s) => selectView(s)?.values.dnd ?? false);
  const autoAnswerClickToCall = useSettingsStore((s) => selectView(s)?.values.autoAnswerClickToCall ?? true);
  const autoAnswerIntercom = useSettingsStore((s) => selectView(s)?.values.autoAnswerIntercom ?? false);

  const phoneRef = useRef<SipPhone | null>(null);
  const preferences = useRef({ dnd, autoAnswerClickToCall, autoAnswerIntercom });
  preferences.current = { dnd, autoAnswerClickToCall, autoAnswerIntercom };

  useEffect(() => {
    remoteAudio ??= createRemoteAudioElement();
    const phone = new SipPhone({ createUserAgent: createJsSipUserAgent, sink: phoneStoreSink, remoteAudio });
    phone.setPreferences(preferences.current);
    phoneRef.current = phone;
    const unbind = bindPhone(phone);
    // The popup window has no phone of its own: it rings and answers through these.
    const stopReporting = reportPhoneCalls();
    const stopFollowingCommands = followPhoneCommands();
    let latest = 0;
    const loadCredentials = async (): Promise<void> => {
      // Answers can cross when settings change twice quickly: only the newest one counts.
      const ticket = ++latest;
      const result = await antring().getSipCredentials();
      if (ticket !== latest) return;
      if (result.ok) phone.configure(result.value);
      else phoneStoreSink.setRegistration({ kind: 'failed', reason: 'Credentials Unavailable' });
    };
    const stopFollowing = onHostEvent('settingsChanged', () => void loadCredentials());
    const onOnline = (): void => phone.reconnect();
    window.addEventListener('online', onOnline);
    void loadCredentials();
    return () => {
      latest += 1;
      stopFollowing();
      window.removeEventListener('online', onOnline);
      stopFollowingCommands();
      unbind();
      phoneRef.current = null;
      phone.dispose();
      stopReporting();
    };
  }, []);

  useEffect(() => {
    // Applies from the next incoming call on; a call already ringing keeps its course.
    phoneRef.current?.setPreferences({ dnd, autoAnswerClickToCall, autoAnswerIntercom });
  }, [dnd, autoAnswerClickToCall, autoAnswerIntercom]);
}
