import { useEffect, useRef } from 'react';
import { antring, onHostEvent } from '../api';
import { selectView, useSettingsStore } from '../features/settings/settings-store';
import { loadJsSipUserAgentFactory } from './load-user-agent';
import { followPhoneCommands, reportPhoneCalls } from './phone-relay';
import type { PhonePreferences } from './phone-state';
import { usePhoneShortcuts } from './phone-shortcuts';
import { bindPhone, phoneStoreSink } from './phone-store';
import { createPhoneMedia, type PhoneMedia } from './phone-media';
import { createRemoteAudioElement, type RemoteAudioOutput } from './remote-audio';
import { markPhoneStarted } from './phone-startup';
import { createRingerElement, Ringer } from './ringer';
import { isConfigured, SipPhone } from './sip-phone';
import { PHONE_SOUNDS } from './sounds';
import { browserClock } from './timer-clock';
import type { SipUserAgentFactory } from './user-agent';

/** One audio element each (call audio, ringtone) for the page's whole life, whatever remounts. */
let remoteAudio: RemoteAudioOutput | null = null;
let ringer: Ringer | null = null;

/**
 * Runs the agent's SIP phone for as long as the app frame is mounted, whatever screen is
 * shown: loads the credentials, registers, re-registers when they change or the network
 * comes back, and follows do-not-disturb and auto-answer.
 */
export function useSipPhone(): void {
  const dnd = useSettingsStore((s) => selectView(s)?.values.dnd ?? false);
  const autoAnswerClickToCall = useSettingsStore((s) => selectView(s)?.values.autoAnswerClickToCall ?? true);
  const autoAnswerIntercom = useSettingsStore((s) => selectView(s)?.values.autoAnswerIntercom ?? false);
  const callWaiting = useSettingsStore((s) => selectView(s)?.values.callWaiting ?? true);
  const dtmfMode = useSettingsStore((s) => selectView(s)?.values.dtmfMode ?? 'rfc2833');
  // Answer/decline/mute/hold from the keyboard, whichever screen is shown.
  usePhoneShortcuts();

  const microphoneId = useSettingsStore((s) => selectView(s)?.values.microphoneId ?? '');
  const speakerId = useSettingsStore((s) => selectView(s)?.values.speakerId ?? '');
  const ringerId = useSettingsStore((s) => selectView(s)?.values.ringerId ?? '');
  const devices = useRef({ microphoneId, speakerId, ringerId });
  devices.current = { microphoneId, speakerId, ringerId };
  const mediaRef = useRef<PhoneMedia | null>(null);

  const phoneRef = useRef<SipPhone | null>(null);
  const preferences = useRef<PhonePreferences>({
    dnd,
    autoAnswerClickToCall,
    autoAnswerIntercom,
    callWaiting,
    dtmfMode,
  });
  preferences.current = { dnd, autoAnswerClickToCall, autoAnswerIntercom, callWaiting, dtmfMode };

  useEffect(() => {
    remoteAudio ??= createRemoteAudioElement();
    ringer ??= new Ringer(createRingerElement(), PHONE_SOUNDS);
    const media = createPhoneMedia({
      sink: phoneStoreSink,
      speaker: remoteAudio,
      ringer,
      // Absent on an insecure origin: the phone then uses the defaults.
      mediaDevices: typeof navigator.mediaDevices === 'object' ? navigator.mediaDevices : undefined,
      clock: browserClock,
      // The call log is a convenience: a host that cannot store it must not disturb the phone.
      record: (call) =>
        void antring()
          .recordCall(call)
          .catch(() => undefined),
    });
    media.setDevices(devices.current);
    mediaRef.current = media;
    // JsSIP loads after the first paint (load-user-agent.ts); configure() is only ever called
    // once it has, so the phone never asks this before.
    let createUserAgent: SipUserAgentFactory | null = null;
    const phone = new SipPhone({
      createUserAgent: (config) => {
        if (!createUserAgent) throw new Error('JsSIP used before its chunk loaded');
        return createUserAgent(config);
      },
      sink: media.sink,
      remoteAudio,
      onSession: media.onSession,
      microphone: media.microphone,
      isOnline: () => navigator.onLine !== false,
    });
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
      // Side by side: the host's answer and, the first time, JsSIP's chunk.
      const userAgents = loadJsSipUserAgentFactory();
      const result = await antring()
        .getSipCredentials()
        .catch(() => null);
      if (ticket !== latest) return;
      if (!result?.ok) {
        phoneStoreSink.setRegistration({ kind: 'failed', reason: 'Credentials Unavailable' });
        markPhoneStarted();
        return;
      }
      // The first time, the Phone screen need not wait for JsSIP: registering is what the phone does next.
      if (!createUserAgent && isConfigured(result.value)) phoneStoreSink.setRegistration({ kind: 'registering' });
      markPhoneStarted();
      const loaded = await userAgents;
      if (ticket !== latest) return;
      if (!loaded.ok) {
        phoneStoreSink.setRegistration({ kind: 'failed', reason: 'SIP Library Unavailable' });
        return;
      }
      createUserAgent = loaded.value;
      phone.configure(result.value);
    };
    const stopFollowing = onHostEvent('settingsChanged', () => void loadCredentials());
    const onOnline = (): void => phone.reconnect();
    const onOffline = (): void => phone.networkLost();
    const stopFollowingResume = onHostEvent('systemResumed', () => phone.systemResumed());
    // Quitting or reloading: ua.stop() unregisters, so calls stop ringing a device that is gone.
    const onLeave = (): void => phone.dispose();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('pagehide', onLeave);
    void loadCredentials();
    return () => {
      latest += 1;
      stopFollowing();
      stopFollowingResume();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onLeave);
      stopFollowingCommands();
      unbind();
      phoneRef.current = null;
      phone.dispose();
      mediaRef.current = null;
      media.dispose();
      stopReporting();
    };
  }, []);

  useEffect(() => {
    // Switches a live call's devices too: the microphone by replaceTrack, the outputs by setSinkId.
    mediaRef.current?.setDevices({ microphoneId, speakerId, ringerId });
  }, [microphoneId, speakerId, ringerId]);

  useEffect(() => {
    // Applies from the next incoming call on; a call already ringing keeps its course.
    phoneRef.current?.setPreferences({ dnd, autoAnswerClickToCall, autoAnswerIntercom, callWaiting, dtmfMode });
  }, [dnd, autoAnswerClickToCall, autoAnswerIntercom, callWaiting, dtmfMode]);
}
