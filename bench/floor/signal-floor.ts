import { performance } from 'node:perf_hooks';
import type { Browser } from '@playwright/test';
import type { FloorServer } from './serve';

/**
 * The screen-pop figure's floor: the bench sends a number over a WebSocket and a bare page
 * writes it into its DOM. Stamped exactly as the app's screen-pop is: the sender's wall clock
 * just before the frame leaves, and a MutationObserver's `performance.timeOrigin +
 * performance.now()` when the number is on screen.
 */

const OBSERVER = `
  (() => {
    const stamps = {};
    window.__floorStamps = stamps;
    new MutationObserver(() => {
      const node = document.getElementById('number');
      const callId = node && node.dataset.callId;
      if (callId && stamps[callId] === undefined) stamps[callId] = performance.timeOrigin + performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  })();
`;

interface FloorWindow {
  __floorStamps: Record<string, number | undefined>;
}

const wallClock = (): number => performance.timeOrigin + performance.now();

export async function measureSignalFloor(browser: Browser, floor: FloorServer, frames: number): Promise<number[]> {
  const page = await browser.newPage();
  await page.addInitScript({ content: OBSERVER });
  await page.goto(`${floor.origin}/signal#ws=${encodeURIComponent(floor.wsUrl)}`);
  await page.waitForFunction(() => document.readyState === 'complete');
  const deadline = Date.now() + 10_000;
  while (floor.connections === 0) {
    if (Date.now() > deadline) throw new Error('the floor page did not connect');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const samples: number[] = [];
  for (let i = 0; i < frames; i++) {
    const callId = `floor-${i}`;
    const sent = wallClock();
    floor.broadcast({ callId, number: `09${String(10_000_000 + i * 7919).padStart(8, '0')}` });
    await page.waitForFunction((id) => (window as unknown as FloorWindow).__floorStamps[id] !== undefined, callId);
    const seen = await page.evaluate(
      (id) => (window as unknown as FloorWindow).__floorStamps[id] ?? Number.NaN,
      callId,
    );
    const ms = seen - sent;
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`bench bug: floor frame ${i} timed at ${ms} ms`);
    samples.push(ms);
  }
  await page.close();
  return samples;
}
