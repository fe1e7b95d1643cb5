/**
 * Headless Chromium as the e2e tests, the benches and the soak launch it: no GPU, no QUIC, and
 * none of the browser's own background traffic (networking, component updates, sync).
 */
export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** For pages whose SIP phone takes a call: a generated tone for the microphone, granted without a prompt. */
export const FAKE_MEDIA_CHROMIUM_ARGS: readonly string[] = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];
