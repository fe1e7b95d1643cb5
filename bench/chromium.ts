import { FAKE_MEDIA_CHROMIUM_ARGS, QUIET_CHROMIUM_ARGS } from '../test/support/chromium-args';

/** Headless Chromium as every bench launches it (see chromium-args): nothing competing with what is measured. */
export const BENCH_CHROMIUM_ARGS: readonly string[] = ['--headless', ...QUIET_CHROMIUM_ARGS];

/** The same, for pages whose SIP phone takes a call. */
export const BENCH_CHROMIUM_ARGS_WITH_MEDIA: readonly string[] = [...BENCH_CHROMIUM_ARGS, ...FAKE_MEDIA_CHROMIUM_ARGS];
