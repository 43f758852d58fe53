/**
 * Idempotent retries. A client that may send a write twice (a timeout, a dropped connection)
 * names it with an Idempotency-Key: the first request with a key is carried out and its outcome
 * recorded with the change itself, in the same atomic step; a retry with the key and the same
 * request (its fingerprint: method, path and body) gets the recorded outcome, changes nothing;
 * the key with another request is refused, and so is a retry while the first still runs.
 * Keys are per tenant and kept `ttlMs` (IDEMPOTENCY_TTL).
 */
export interface IdempotencyKeyUse {
  /** The client's key: 1–255 printable ASCII characters. */
  key: string;
  fingerprint: string;
  /** This request's id, recorded so a retry can answer as the first did. */
  requestId: string;
  /** Set by the store when the outcome came from the record: the first request's id. */
  replayedFrom?: string;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

export interface IdempotencySettings {
  ttlMs: number;
  /** How long a started request holds its key before a retry may take over (a crashed replica's). */
  runningMs: number;
}

/** How long a started request holds its key (two minutes: longer than any request runs). */
export const IDEMPOTENCY_RUNNING_MS = 120_000;
