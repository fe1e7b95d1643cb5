import { describe, expect, it } from 'vitest';
import { createDemoStateMachine } from '../../../src/main/services/demo';
import type { DemoState } from '../../../src/shared/first-run';

const RUNNING: DemoState = {
  kind: 'running',
  sip: { kind: 'withoutSip', reason: 'kamailio-not-installed' },
  agent: { name: 'Nguyễn Văn An', extension: '8001' },
};

describe('the demo state machine', () => {
  it('goes stopped → starting → running → stopping → stopped, telling listeners each step', () => {
    const machine = createDemoStateMachine();
    const seen: string[] = [];
    machine.onChange((state) => seen.push(state.kind));
    expect(machine.state()).toEqual({ kind: 'stopped' });
    expect(machine.move({ kind: 'starting' })).toBe(true);
    expect(machine.move(RUNNING)).toBe(true);
    expect(machine.state()).toEqual(RUNNING);
    expect(machine.move({ kind: 'stopping' })).toBe(true);
    expect(machine.move({ kind: 'stopped' })).toBe(true);
    expect(seen).toEqual(['starting', 'running', 'stopping', 'stopped']);
  });

  it('goes back to stopped when a start fails', () => {
    const machine = createDemoStateMachine();
    machine.move({ kind: 'starting' });
    expect(machine.move({ kind: 'stopped' })).toBe(true);
    expect(machine.state().kind).toBe('stopped');
  });

  it.each<[DemoState, DemoState]>([
    [{ kind: 'stopped' }, RUNNING],
    [{ kind: 'stopped' }, { kind: 'stopping' }],
    [{ kind: 'starting' }, { kind: 'starting' }],
    [{ kind: 'starting' }, { kind: 'stopping' }],
    [RUNNING, { kind: 'starting' }],
    [RUNNING, RUNNING],
    [RUNNING, { kind: 'stopped' }],
    [{ kind: 'stopping' }, { kind: 'starting' }],
    [{ kind: 'stopping' }, RUNNING],
  ])('refuses %j → %j and stays where it was', (from, to) => {
    const machine = createDemoStateMachine(from);
    const seen: DemoState[] = [];
    machine.onChange((state) => seen.push(state));
    expect(machine.move(to)).toBe(false);
    expect(machine.state()).toEqual(from);
    expect(seen).toEqual([]);
  });
});
