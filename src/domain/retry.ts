import { StoreUnavailable } from './errors.js';

/** Failures worth trying again: a store that did not answer. Anything else is final. */
export const isTransient = (error: unknown): boolean => error instanceof StoreUnavailable;

/**
 * Capped exponential backoff: tries `attempts` times while the failure is transient, waiting
 * base, 2×base, … up to `capMs`.
 */
export async function withBackoff<T>(
  operation: () => Promise<T>,
  { attempts, baseMs, capMs }: { attempts: number; baseMs: number; capMs: number },
  retryable: (error: unknown) => boolean = isTransient,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(baseMs * 2 ** (attempt - 1), capMs)));
    }
  }
}
