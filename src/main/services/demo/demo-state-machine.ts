import type { DemoState } from '../../../shared/first-run';

type Phase = DemoState['kind'];

/**
 * The only moves the demo makes: stopped → starting → running → stopping → stopped, and back
 * to stopped when a start fails. Anything else (a second start while starting, a stop while
 * stopped) is refused, so two clicks can never start two sandboxes or stop one twice.
 */
const NEXT: Readonly<Record<Phase, readonly Phase[]>> = {
  stopped: ['starting'],
  starting: ['running', 'stopped'],
  running: ['stopping'],
  stopping: ['stopped'],
};

export interface DemoStateMachine {
  state(): DemoState;
  /** Moves to `next` when that move is allowed; false (and no change) otherwise. */
  move(next: DemoState): boolean;
  onChange(listener: (state: DemoState) => void): () => void;
}

export function canMove(from: Phase, to: Phase): boolean {
  return NEXT[from].includes(to);
}

export function createDemoStateMachine(initial: DemoState = { kind: 'stopped' }): DemoStateMachine {
  let current = initial;
  const listeners = new Set<(state: DemoState) => void>();
  return {
    state: () => current,
    move(next) {
      if (!canMove(current.kind, next.kind)) return false;
      current = next;
      for (const listener of [...listeners]) listener(current);
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
