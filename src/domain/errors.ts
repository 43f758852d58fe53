/**
 * Domain errors: what went wrong in terms of orders, tenants and stores. They carry no HTTP; the
 * edge (`routes/errors.ts`) maps each `code` to a status and decides what the answer says.
 */
import type { Shortfall } from './stock.js';
export type DomainErrorCode =
  /** The input breaks a rule of the domain (e.g. two orders of one set share an orderId). */
  | 'VALIDATION_FAILED'
  | 'TENANT_MISMATCH'
  | 'STALE_WRITE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'INVALID_CURSOR'
  | 'NOT_FOUND'
  /** Another operation holds the tenant (a replacement, a sync); it ends shortly. */
  | 'TENANT_BUSY'
  | 'STORE_UNAVAILABLE'
  /** A write made on the Redis master that fewer replicas than required acknowledged in time. */
  | 'NOT_REPLICATED'
  /** The resource is not in a state that allows the operation (e.g. retrying a delivery that did not fail). */
  | 'CONFLICT'
  /** A change-feed cursor older than what the feed keeps: events were missed. */
  | 'CURSOR_EXPIRED'
  /** An if-available write that would take a tracked pair past its available stock. */
  | 'INSUFFICIENT_STOCK'
  /** A write that would take the tenant past one of its quotas (domain/quotas.ts). */
  | 'QUOTA_EXCEEDED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class TenantMismatch extends DomainError {
  constructor(pathTenantId: number, bodyTenantId: number, field = 'tenantId') {
    super('TENANT_MISMATCH', `${field} ${bodyTenantId} does not match the path's tenant ${pathTenantId}`, [
      { path: field, message: `must equal ${pathTenantId}` },
    ]);
  }
}

/** Two elements of one order set carry the same orderId; `index` is the later one. */
export class DuplicateOrderId extends DomainError {
  constructor(index: number, firstIndex: number) {
    super('VALIDATION_FAILED', `[${index}].orderId: duplicates [${firstIndex}].orderId`, [
      { path: `[${index}].orderId`, message: `duplicates [${firstIndex}].orderId` },
    ]);
  }
}

export class StaleWrite extends DomainError {
  constructor(orderId: string, stored: string, received: string) {
    super('STALE_WRITE', `order ${orderId} was last updated at ${stored}; this write's lastUpdated ${received} is older`, {
      storedLastUpdated: stored,
      receivedLastUpdated: received,
    });
  }
}

/** An if-available write refused: some tracked pairs lack the stock it asks for (nothing changed). */
export class InsufficientStock extends DomainError {
  constructor(
    orderId: string,
    readonly shortfalls: Shortfall[],
  ) {
    const first = shortfalls[0]!;
    const what = first.limit
      ? `${first.requested} against ${first.code}'s ${first.limit}, which leaves room for ${first.available}`
      : `${first.requested} of article ${first.artGuid} at ${first.code} where ${first.available} are available`;
    super(
      'INSUFFICIENT_STOCK',
      `order ${orderId} asks for more than there is at ${shortfalls.length} place(s), first ${what}; nothing was stored`,
    );
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class TenantBusy extends DomainError {
  /**
   * @param _retryAfterSeconds no longer read: when to retry is the edge's answer (Retry-After);
   * kept so that callers written against the earlier signature still compile.
   */
  constructor(
    readonly tenantId: number,
    _retryAfterSeconds?: number,
  ) {
    super('TENANT_BUSY', `tenant ${tenantId} is being replaced or synced; retry shortly`);
  }
}

/** Redis or MongoDB did not answer in time or refused the connection. */
export class StoreUnavailable extends DomainError {
  constructor(
    readonly store: 'redis' | 'mongodb',
    cause?: unknown,
  ) {
    super('STORE_UNAVAILABLE', `${store} is unavailable`);
    this.cause = cause;
  }
}

/**
 * A write Redis' master made, that fewer than `required` replicas acknowledged within
 * REDIS_WAIT_TIMEOUT_MS (`acknowledged`, -1 when the shard changed under the write): it may be lost
 * should the master die now. The write stands; a retry with the same Idempotency-Key is answered
 * from its record.
 */
export class NotReplicated extends DomainError {
  constructor(
    readonly required: number,
    readonly acknowledged: number,
  ) {
    super(
      'NOT_REPLICATED',
      `the write was made but ${Math.max(acknowledged, 0)} of ${required} required Redis replicas acknowledged it in time`,
      {
        requiredReplicas: required,
        acknowledgedReplicas: Math.max(acknowledged, 0),
      },
    );
  }
}

/** An Idempotency-Key sent again with another request (method, path or body). */
export class IdempotencyKeyReused extends DomainError {
  constructor(key: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      `the Idempotency-Key ${JSON.stringify(key)} was used for another request (method, path or body); use a new key for a new request`,
    );
  }
}

/** A retry arrived while the first request with its Idempotency-Key is still running. */
export class IdempotencyKeyInUse extends DomainError {
  constructor(key: string) {
    super(
      'IDEMPOTENCY_KEY_IN_USE',
      `a request with the Idempotency-Key ${JSON.stringify(key)} is still running; retry once it has answered`,
    );
  }
}

/** A paging cursor that this listing did not hand out (or handed out for other filters). */
export class InvalidCursor extends DomainError {
  constructor(reason: string) {
    super('INVALID_CURSOR', `cursor: ${reason}; start again without a cursor`, [{ path: 'cursor', message: reason }]);
  }
}

/** The request cannot apply to the resource as it stands (e.g. retrying a delivery that did not fail). */
export class Conflict extends DomainError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', message, details);
  }
}

/**
 * A body that does not parse as JSON, or that could not be read to its end (the client broke off).
 * The edge answers it as hono's JSON validator answers such a body parsed on the event loop.
 */
export class MalformedBody extends Error {
  constructor() {
    super('Malformed JSON in request body');
    this.name = 'MalformedBody';
  }
}
