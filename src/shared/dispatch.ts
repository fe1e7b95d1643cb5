import { appError, type AppResult } from './errors';
import { requests, type RequestHandlers, type RequestName } from './contract';
import { err } from './result';
import { describeZodIssue } from './zod-errors';

/**
 * Validates a request's raw input against its schema and runs the handler. Shared by every
 * host (Electron IPC and the web host bridge) so the validation rules cannot drift apart.
 */
export async function dispatchRequest(
  handlers: RequestHandlers,
  name: RequestName,
  rawInput: unknown,
): Promise<AppResult<unknown>> {
  const parsed = requests[name].input.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.join('.') || undefined : undefined;
    const detail = issue ? describeZodIssue(issue) : 'invalid input';
    return err(
      appError('invalid_input', `Invalid request ${name}: ${detail}`, `Yêu cầu ${name} không hợp lệ: ${detail}`, {
        ...(field ? { field } : {}),
      }),
    );
  }
  const handler = handlers[name] as (input: unknown) => Promise<AppResult<unknown>> | AppResult<unknown>;
  try {
    return await handler(parsed.data);
  } catch (cause) {
    // A handler bug must not crash the host or leak internals (which might include secrets).
    return err(appError('internal', `Internal error while handling ${name}`, `Lỗi nội bộ khi xử lý ${name}`));
  }
}
