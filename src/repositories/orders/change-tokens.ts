import { randomBytes } from 'node:crypto';

/**
 * Change tokens: each script call that changes orders records, per order, a token unique to that
 * call (this process's random prefix and a counter, cheaper than an INCR in Redis). A sync forgets
 * a change only if the order's token is still the one it read, i.e. no write came since.
 */
export class ChangeTokens {
  private readonly prefix = randomBytes(6).toString('base64url');
  private count = 0;

  next(): string {
    this.count += 1;
    return this.prefix + this.count.toString(36);
  }
}
