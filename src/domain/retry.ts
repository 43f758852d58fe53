/** Capped exponential backoff: tries `attempts` times, waiting base, 2×base, … up to `capMs`. */
export async function withBackoff<T>(
  operation: () => Promise<T>,
  { attempts, baseMs, capMs }: { attempts: number; baseMs: number; capMs: number },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(baseMs * 2 ** (attempt - 1), capMs)));
    }
  }
}
