/**
 * Headless Chromium as every bench launches it: no GPU, no QUIC, and none of the browser's own
 * background traffic (networking, component updates, sync) competing with what is measured.
 */
export const BENCH_CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The same, for pages whose SIP phone takes a call: a generated tone for the microphone, granted without a prompt. */
export const BENCH_CHROMIUM_ARGS_WITH_MEDIA: readonly string[] = [
  ...BENCH_CHROMIUM_ARGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];
