import type { Writable } from 'node:stream';

/** Where a command writes. Real streams in production, string buffers in unit tests. */
export interface TextOutput {
  /** Resolves once the text is accepted (waits for 'drain' on a full pipe, so output streams). */
  write(text: string): Promise<void>;
}

export interface CliIo {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
  /** Progress lines are drawn only for a person watching a terminal. */
  readonly stderrIsTTY: boolean;
}

export function streamOutput(stream: Writable): TextOutput {
  return {
    write(text) {
      return new Promise((resolve) => {
        if (stream.write(text)) resolve();
        else stream.once('drain', () => resolve());
      });
    },
  };
}

export interface MemoryOutput extends TextOutput {
  text(): string;
}

export function memoryOutput(): MemoryOutput {
  let buffer = '';
  return {
    write(text) {
      buffer += text;
      return Promise.resolve();
    },
    text: () => buffer,
  };
}
