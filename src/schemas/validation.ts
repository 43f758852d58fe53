import type { z } from '@hono/zod-openapi';

/**
 * The message and details of a VALIDATION_FAILED refusal, built from zod's issues: every wrong
 * field named (`lines[1].qty`), within bounds. The one builder of them, for bodies and paths
 * checked on the event loop and for order lists checked in the order-list worker (which is why it
 * stands alone, with nothing to import).
 */

/** `lines[1].qty` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export function validationFailure(error: z.ZodError): { message: string; details: { path: string; message: string }[] } {
  const details = error.issues.map((issue) => ({ path: fieldPath(issue.path), message: issue.message }));
  const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  return { message: message.slice(0, 2000), details: details.slice(0, 50) };
}
