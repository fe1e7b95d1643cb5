import type { SipTransportLink } from '../../../src/renderer/src/sip/transport-link';

type Listener = () => void;

/** A SIP connection driven by hand: tests open, close and "hear" it, and read what was asked of it. */
export class FakeLink implements SipTransportLink {
  open = false;
  registered = false;
  probes = 0;
  drops = 0;
  connectNows = 0;
  registers = 0;
  private readonly listeners = { open: new Set<Listener>(), close: new Set<Listener>(), traffic: new Set<Listener>() };

  onOpen(listener: Listener): () => void {
    return this.add('open', listener);
  }
  onClose(listener: Listener): () => void {
    return this.add('close', listener);
  }
  onTraffic(listener: Listener): () => void {
    return this.add('traffic', listener);
  }
  isOpen(): boolean {
    return this.open;
  }
  isRegistered(): boolean {
    return this.registered;
  }
  probe(): void {
    this.probes += 1;
  }
  drop(): void {
    this.drops += 1;
    this.simulateClose();
  }
  connectNow(): void {
    this.connectNows += 1;
  }
  register(): void {
    this.registers += 1;
  }

  simulateOpen(): void {
    this.open = true;
    for (const l of [...this.listeners.open]) l();
  }
  simulateClose(): void {
    this.open = false;
    this.registered = false;
    for (const l of [...this.listeners.close]) l();
  }
  /** A message from the server. */
  hear(): void {
    for (const l of [...this.listeners.traffic]) l();
  }

  private add(kind: keyof FakeLink['listeners'], listener: Listener): () => void {
    this.listeners[kind].add(listener);
    return () => this.listeners[kind].delete(listener);
  }
}
