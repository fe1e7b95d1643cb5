/**
 * The largest call-signal frame, for both the socket (`ws` maxPayload, in bytes) and the
 * adapter (which refuses longer text before parsing). One number, so the socket never accepts
 * and buffers a frame the adapter then throws away. A frame of N UTF-8 bytes decodes to at most
 * N UTF-16 code units, so the adapter's length check in characters never refuses what the
 * socket let through. No call event is anywhere near 1 MiB.
 */
export const MAX_SIGNAL_FRAME_BYTES = 1024 * 1024;
