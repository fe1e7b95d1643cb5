/** The part of Electron's powerMonitor used here. */
export interface PowerEvents {
  on(event: 'suspend', listener: () => void): unknown;
  on(event: 'resume', listener: () => void): unknown;
}

export interface PowerAware {
  suspend(): void;
  resume(): void;
}

/**
 * Signal Desktop's habit: tell the network layer about sleep and wake instead of letting it
 * discover a dead socket later. A closed laptop lid then costs nothing: the connection closes
 * on suspend, reopens on resume, and the gap's calls are fetched as missed.
 */
export function followPowerEvents(power: PowerEvents, target: PowerAware, log: (message: string) => void): void {
  power.on('suspend', () => {
    log('power: suspend');
    target.suspend();
  });
  power.on('resume', () => {
    log('power: resume');
    target.resume();
  });
}
