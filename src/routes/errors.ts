import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type DomainErrorCode, InsufficientStock, MalformedBody } from '../domain/errors.js';
import type { DomainLogger } from '../domain/logger.js';
import { ShortfallSchema } from '../schemas/shortfall.js';
import type { AppEnv } from './env.js';
import { validationFailure } from './validation.js';

/** Refusals of the request itself, given by the edge before (or instead of) any domain operation. */
export type EdgeErrorCode =
  | 'MALFORMED_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'ROUTE_NOT_FOUND'
  | 'INTERNAL';

export type ErrorCode = DomainErrorCode | EdgeErrorCode;

const codeToStatus: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  TENANT_MISMATCH: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  QUOTA_EXCEEDED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  STALE_WRITE: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_CURSOR: 400,
  CONFLICT: 409,
  CURSOR_EXPIRED: 410,
  INSUFFICIENT_STOCK: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503,
  NOT_REPLICATED: 503,
  TENANT_BUSY: 503,
};

/** Every code the service sends in an error body (the keys of `codeToStatus`: none is left out). */
export const ERROR_CODES = Object.keys(codeToStatus) as [ErrorCode, ...ErrorCode[]];

export const ErrorCodeSchema = z.enum(ERROR_CODES).openapi('ErrorCode', {
  description: 'What went wrong; each code has one HTTP status.',
  example: 'VALIDATION_FAILED',
});

/** The one error body of the API. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string().openapi({ example: 'lines[1].qty: Too small: expected number to be >0' }),
      requestId: z.string(),
      details: z.unknown().optional(),
      shortfalls: z.array(ShortfallSchema).optional().openapi({
        description:
          'INSUFFICIENT_STOCK: each tracked pair the write asked more of than is available (what the order could have had there).',
      }),
    }),
  })
  .openapi('Error');

export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string, details?: unknown, extra?: object) {
  const status = codeToStatus[code];
  const body = {
    error: { code, message, requestId: c.get('requestId') ?? '', ...extra, ...(details === undefined ? {} : { details }) },
  };
  return c.json(body, status);
}

/** The answer to input that fails its schema: 400 VALIDATION_FAILED naming every wrong field. */
export function validationRefusal(c: Context<AppEnv>, error: z.ZodError) {
  const { message, details } = validationFailure(error);
  return errorResponse(c, 'VALIDATION_FAILED', message, details);
}

/** The answer to a path and method no route declares. */
export const routeNotFound = (c: Context<AppEnv>) => errorResponse(c, 'ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`);

/** The validators' hook (the app's defaultHook): a failed parse is answered by validationRefusal. */
export const validationHook = (result: { success: true } | { success: false; error: z.ZodError }, c: Context<AppEnv>) =>
  result.success ? undefined : validationRefusal(c, result.error);

const json = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** The refusals every authenticated route can give, spread into each route's responses. */
export const commonErrorResponses = {
  400: json('The request is invalid: the body names each wrong field.'),
  401: json('No API key, or an unknown one.'),
  403: json(
    "The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed).",
  ),
  429: json('Too many requests for this key; see Retry-After.'),
  500: json('An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL).'),
  503: json(
    'Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few ' +
      'Redis replicas acknowledged it in time; retry with the same Idempotency-Key.',
  ),
} as const;

export const notFoundResponse = { 404: json('No such resource for this tenant.') } as const;
export const conflictResponse = { 409: json('The resource is not in a state that allows this.') } as const;
export const goneResponse = {
  410: json('The cursor is older than the oldest event kept: events were missed. Resynchronise, then follow the feed again.'),
} as const;
export const staleResponse = { 409: json('The stored order was updated more recently than this write.') } as const;
export const tooLargeResponse = { 413: json('The body is over the size limit; nothing was stored.') } as const;
export const unsupportedMediaResponse = { 415: json('The body must be application/json.') } as const;

/** What the edge answers to any POST or PUT before its route runs (src/routes/body.ts): a malformed, oversized or non-JSON body. */
export const bodyErrorResponses = { ...tooLargeResponse, ...unsupportedMediaResponse } as const;

/** How long a client is asked to wait before it retries a 503 (a store outage, a busy tenant). */
const RETRY_AFTER_SECONDS = 1;

/** A domain error's answer: its code's status, and for a 503 when to retry. */
function domainErrorResponse(error: DomainError, c: Context<AppEnv>) {
  if (error.code === 'STORE_UNAVAILABLE' || error.code === 'TENANT_BUSY' || error.code === 'NOT_REPLICATED')
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  const details = error.code === 'TENANT_BUSY' ? { retryAfterSeconds: RETRY_AFTER_SECONDS } : error.details;
  const extra = error instanceof InsufficientStock ? { shortfalls: error.shortfalls } : undefined;
  return errorResponse(c, error.code, error.message, details, extra);
}

/**
 * What app.onError answers: anything thrown mapped to the error body, domain errors by their code,
 * the unknown as a bare 500, logged (with its stack) on `log`.
 */
export function errorHandler(log: Pick<DomainLogger, 'error'>) {
  const unexpected = (error: unknown, c: Context<AppEnv>) => {
    log.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return errorResponse(c, 'INTERNAL', 'internal error');
  };
  return (error: unknown, c: Context<AppEnv>) => {
    if (error instanceof DomainError) return domainErrorResponse(error, c);
    if (error instanceof MalformedBody) return errorResponse(c, 'MALFORMED_REQUEST', error.message);
    // hono's own refusals: its JSON validator's malformed body, @hono/zod-openapi's media-type gate.
    if (error instanceof HTTPException) {
      const status = error.status;
      const code: ErrorCode =
        status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 401
            ? 'UNAUTHORIZED'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : 'MALFORMED_REQUEST';
      if (status >= 500) return unexpected(error, c);
      return errorResponse(c, code, error.message || 'malformed request');
    }
    return unexpected(error, c);
  };
}
