import { describe, expect, it } from 'vitest';
import { readHostFrame } from '../../../src/webhost/bridge-host-frame';
import { HostFrameSchema } from '../../../src/webhost/bridge-protocol';

const error = { code: 'network', message: 'Lost.', messageVi: 'Mất.' };

/** Frames the host sends, and frames it never would: the page's reader must agree with the schema on each. */
const FRAMES: readonly (readonly [string, unknown])[] = [
  ['a success with a value', { kind: 'response', id: 3, result: { ok: true, value: { a: 1 } } }],
  ['a success that lost its undefined value in JSON', { kind: 'response', id: 0, result: { ok: true } }],
  ['a failure', { kind: 'response', id: 7, result: { ok: false, error } }],
  [
    'a failure with field, file and status',
    { kind: 'response', id: 7, result: { ok: false, error: { ...error, field: 'f', file: 'x', status: 500 } } },
  ],
  ['a response to a frame with no usable id', { kind: 'response', id: null, result: { ok: false, error } }],
  ['an event', { kind: 'event', name: 'settingsChanged', payload: { x: 1 } }],
  ['an event without payload', { kind: 'event', name: 'systemResumed' }],
  ['not an object', 'response'],
  ['null', null],
  ['an array', [1, 2]],
  ['an unknown kind', { kind: 'request', id: 1, name: 'x' }],
  ['a negative id', { kind: 'response', id: -1, result: { ok: true } }],
  ['a fractional id', { kind: 'response', id: 1.5, result: { ok: true } }],
  ['a string id', { kind: 'response', id: '1', result: { ok: true } }],
  ['no id', { kind: 'response', result: { ok: true } }],
  ['no result', { kind: 'response', id: 1 }],
  ['a result that is neither ok nor not', { kind: 'response', id: 1, result: { ok: 'yes' } }],
  ['a failure without its error', { kind: 'response', id: 1, result: { ok: false } }],
  [
    'a failure whose error has no Vietnamese',
    { kind: 'response', id: 1, result: { ok: false, error: { code: 'x', message: 'm' } } },
  ],
  [
    'a failure whose status is a string',
    { kind: 'response', id: 1, result: { ok: false, error: { ...error, status: '500' } } },
  ],
  ['an event without a name', { kind: 'event', payload: 1 }],
  ['an event whose name is a number', { kind: 'event', name: 4, payload: 1 }],
];

describe("the page's reader of host frames", () => {
  it.each(FRAMES)('agrees with HostFrameSchema on %s', (_label, raw) => {
    const schema = HostFrameSchema.safeParse(raw);
    const read = readHostFrame(raw);
    expect(read !== null).toBe(schema.success);
    if (schema.success) expect(read).toEqual(schema.data);
  });
});
