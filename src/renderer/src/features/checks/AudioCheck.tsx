import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioProblem } from './audio-level';
import { startMicMeter, type MicMeter } from './mic-meter';
import { playRingerTone, playSpeakerTone, type SoundPlayback, type SoundStart } from './test-sounds';

export interface AudioDeviceChoice {
  readonly microphoneId: string;
  readonly speakerId: string;
  readonly ringerId: string;
}

type MicState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'listening'; readonly fellBack: boolean }
  | { readonly kind: 'failed'; readonly problem: AudioProblem; readonly name: string };

type SoundTarget = 'speaker' | 'ringer';
type SoundState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'playing'; readonly target: SoundTarget; readonly fellBack: boolean }
  | { readonly kind: 'played'; readonly target: SoundTarget; readonly fellBack: boolean }
  | { readonly kind: 'failed'; readonly target: SoundTarget; readonly problem: AudioProblem; readonly name: string };

/**
 * Audio check: a level meter on the chosen microphone, a test tone on the call speaker and the
 * ringtone on the ringer, each on the device the settings chose. Everything stops when the
 * screen closes (unmount), so nothing keeps the microphone open behind the agent's back.
 */
export function AudioCheck({ devices }: { devices: AudioDeviceChoice }): ReactElement {
  const { t } = useTranslation();
  const [mic, setMic] = useState<MicState>({ kind: 'idle' });
  const [level, setLevel] = useState(0);
  const [sound, setSound] = useState<SoundState>({ kind: 'idle' });
  const meter = useRef<MicMeter | null>(null);
  const playback = useRef<SoundPlayback | null>(null);
  // A start still under way when the screen closes must release what it opens.
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      meter.current?.stop();
      meter.current = null;
      playback.current?.stop();
      playback.current = null;
    };
  }, []);

  async function toggleMic(): Promise<void> {
    if (meter.current) {
      meter.current.stop();
      meter.current = null;
      setMic({ kind: 'idle' });
      setLevel(0);
      return;
    }
    setMic({ kind: 'starting' });
    const started = await startMicMeter(devices.microphoneId, (next) => setLevel(next));
    if (!started.ok) {
      if (mounted.current) setMic({ kind: 'failed', problem: started.problem, name: started.name });
      return;
    }
    if (!mounted.current) {
      started.meter.stop();
      return;
    }
    meter.current = started.meter;
    setMic({ kind: 'listening', fellBack: started.meter.fellBack });
  }

  async function play(target: SoundTarget): Promise<void> {
    playback.current?.stop();
    playback.current = null;
    const started: SoundStart =
      target === 'speaker' ? await playSpeakerTone(devices.speakerId) : await playRingerTone(devices.ringerId);
    if (!started.ok) {
      if (mounted.current) setSound({ kind: 'failed', target, problem: started.problem, name: started.name });
      return;
    }
    const current = started.playback;
    if (!mounted.current) {
      current.stop();
      return;
    }
    playback.current = current;
    setSound({ kind: 'playing', target, fellBack: current.fellBack });
    await current.finished;
    if (playback.current !== current || !mounted.current) return;
    playback.current = null;
    setSound({ kind: 'played', target, fellBack: current.fellBack });
  }

  function stopSound(): void {
    playback.current?.stop();
  }

  const percent = Math.round(level * 100);
  const listening = mic.kind === 'listening';
  const micText =
    mic.kind === 'failed'
      ? t(`checks.audio.problems.${mic.problem}`, { name: mic.name })
      : listening
        ? `${t('checks.audio.micListening')}${mic.fellBack ? ` ${t('checks.audio.fellBack')}` : ''}`
        : t('checks.audio.micIdle');

  const soundText = (target: SoundTarget): string => {
    if (sound.kind === 'idle' || sound.target !== target) return '';
    if (sound.kind === 'failed') return t(`checks.audio.problems.${sound.problem}`, { name: sound.name });
    const base = t(sound.kind === 'playing' ? 'checks.audio.playing' : 'checks.audio.played');
    return sound.fellBack ? `${base} ${t('checks.audio.fellBack')}` : base;
  };
  const playingHere = (target: SoundTarget): boolean => sound.kind === 'playing' && sound.target === target;

  return (
    <section className="checks-section" aria-labelledby="checks-audio-title">
      <h3 className="checks-section__title" id="checks-audio-title">
        {t('checks.audio.title')}
      </h3>
      <p className="checks-section__intro">{t('checks.audio.intro')}</p>

      <div className="audio-check__row">
        <span className="audio-check__label">{t('checks.audio.microphone')}</span>
        <button
          type="button"
          className="button"
          aria-pressed={listening}
          disabled={mic.kind === 'starting'}
          onClick={() => void toggleMic()}
        >
          {t(listening ? 'checks.audio.stopMic' : 'checks.audio.startMic')}
        </button>
        <div
          className="level-meter"
          role="meter"
          aria-label={t('checks.audio.micLevel')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-testid="mic-level"
          data-level={percent}
        >
          <div className="level-meter__bar" style={{ width: `${percent}%` }} />
        </div>
        <p className="audio-check__note" role="status">
          {micText}
        </p>
      </div>

      {(['speaker', 'ringer'] as const).map((target) => (
        <div className="audio-check__row" key={target}>
          <span className="audio-check__label">{t(`checks.audio.${target}`)}</span>
          {playingHere(target) ? (
            <button type="button" className="button" onClick={stopSound}>
              {t('checks.audio.stopSound')}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void play(target)}>
              {t(target === 'speaker' ? 'checks.audio.playSpeaker' : 'checks.audio.playRinger')}
            </button>
          )}
          <p className="audio-check__note" role="status" data-testid={`sound-status-${target}`}>
            {soundText(target)}
          </p>
        </div>
      ))}
    </section>
  );
}
