/** Plays the other side of the call. */
export interface RemoteAudioSink {
  play(stream: MediaStream): void;
  stop(): void;
}

/**
 * One hidden `<audio autoplay>` owned by the phone, created on first use and kept for the
 * life of the page: recreating it per call would lose the autoplay permission some
 * browsers grant to an element the user has already heard.
 */
/** The call's audio element, whose output device (the speaker setting) can be chosen. */
export interface RemoteAudioOutput extends RemoteAudioSink {
  setSinkId(sinkId: string): Promise<void>;
}

export function createRemoteAudioElement(doc: Document = document): RemoteAudioOutput {
  let element: HTMLAudioElement | null = null;
  const audio = (): HTMLAudioElement => {
    if (!element) {
      element = doc.createElement('audio');
      element.autoplay = true;
      element.className = 'sip-remote-audio';
      element.dataset['testid'] = 'sip-remote-audio';
      doc.body.appendChild(element);
    }
    return element;
  };
  return {
    play(stream) {
      const el = audio();
      if (el.srcObject === stream) return;
      el.srcObject = stream;
      // autoplay covers the usual case; play() also covers a stream swapped in later.
      void el.play().catch(() => undefined);
    },
    stop() {
      if (element) element.srcObject = null;
    },
    setSinkId(sinkId) {
      const el = audio() as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
      // Browsers without output selection (Firefox before 116, Safari) play on the default device.
      return typeof el.setSinkId === 'function' ? el.setSinkId(sinkId) : Promise.resolve();
    },
  };
}
