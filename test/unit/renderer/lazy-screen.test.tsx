// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense, type ComponentType, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyScreen } from '../../../src/renderer/src/app/lazy-screen';
import { ScreenLoadBoundary } from '../../../src/renderer/src/app/ScreenLoadBoundary';

afterEach(() => cleanup());

function Loaded(): ReactElement {
  return <h1>History</h1>;
}

/** A chunk that fails to load the first `failures` times (a file replaced by an update, a read error). */
function flakyChunk(failures: number): { load: () => Promise<() => ReactElement>; readonly attempts: number } {
  let attempts = 0;
  return {
    load: () => {
      attempts += 1;
      return attempts <= failures ? Promise.reject(new Error('chunk missing')) : Promise.resolve(Loaded);
    },
    get attempts() {
      return attempts;
    },
  };
}

function renderInOutlet(Screen: ComponentType, onRetry: () => void): void {
  render(
    <div>
      <p>the frame stays</p>
      <ScreenLoadBoundary
        title="Could not load"
        body="The phone keeps working."
        retryLabel="Try again"
        onRetry={onRetry}
      >
        <Suspense fallback={<p>loading</p>}>
          <Screen />
        </Suspense>
      </ScreenLoadBoundary>
    </div>,
  );
}

describe('a lazy screen', () => {
  it('renders at once, without a fallback, once its chunk was preloaded', async () => {
    const chunk = flakyChunk(0);
    const lazy = lazyScreen(chunk.load);
    lazy.preload();
    // Let the preload's promise settle, as the idle preload has long before a visit.
    await new Promise((resolve) => setTimeout(resolve, 0));
    renderInOutlet(lazy.Screen, () => lazy.reset());
    // Synchronously after render: no Suspense fallback in between (React holds reveals back up to 300 ms).
    expect(screen.queryByText('loading')).toBeNull();
    expect(screen.getByRole('heading', { name: 'History' })).toBeTruthy();
    expect(chunk.attempts).toBe(1);
  });

  it('loads its chunk on first render, once', async () => {
    const chunk = flakyChunk(0);
    const lazy = lazyScreen(chunk.load);
    expect(chunk.attempts).toBe(0);
    renderInOutlet(lazy.Screen, lazy.reset);
    expect(await screen.findByRole('heading', { name: 'History' })).toBeTruthy();
    lazy.preload();
    expect(chunk.attempts).toBe(1);
  });

  it('that fails to load says so inside the screen area, and loads on "Try again"', async () => {
    const chunk = flakyChunk(1);
    const lazy = lazyScreen(chunk.load);
    renderInOutlet(lazy.Screen, lazy.reset);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('Could not load')).toBeTruthy();
    // Only the screen area is replaced: the rest of the frame (and the phone in it) stays mounted.
    expect(screen.getByText('the frame stays')).toBeTruthy();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'History' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(chunk.attempts).toBe(2);
  });

  it('preloaded after a failure still tries again when shown', async () => {
    const chunk = flakyChunk(1);
    const lazy = lazyScreen(chunk.load);
    lazy.preload();
    await Promise.resolve();
    lazy.reset();
    renderInOutlet(lazy.Screen, lazy.reset);
    expect(await screen.findByRole('heading', { name: 'History' })).toBeTruthy();
  });
});
