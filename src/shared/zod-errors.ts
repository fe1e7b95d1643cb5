import type { z } from 'zod';

/** A one-line description of a zod issue that never echoes the offending value (it may be a secret). */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
