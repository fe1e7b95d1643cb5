/** The only logging surface services need; hosts adapt electron-log or the console to it. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const nothing = (): void => undefined;

export const noopLogger: Logger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
