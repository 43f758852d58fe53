import type { Order } from '../../domain/order.js';
import type { ScriptArg } from './lua-script.js';

/**
 * Orders passed whole to a script (stage-orders, restore-orders), as includes/argv-orders.lua reads
 * them: the distinct codes and articles once each, and each line naming them by number.
 */
export class ArgvOrders {
  readonly codes: string[] = [];
  readonly articles: string[] = [];
  private readonly codeNumber = new Map<string, number>();
  private readonly articleNumber = new Map<string, number>();

  /** Per line: code number, article number, units. */
  lineArgs(order: Order): number[] {
    const out: number[] = [];
    for (const line of order.lines) out.push(this.numberOf(this.codeNumber, this.codes, line.code), this.numberOf(this.articleNumber, this.articles, line.artGuid), line.qty);
    return out;
  }

  private numberOf(numbers: Map<string, number>, names: string[], name: string): number {
    let n = numbers.get(name);
    if (n === undefined) {
      names.push(name);
      n = names.length;
      numbers.set(name, n);
    }
    return n;
  }

  /** The names' arguments: how many codes and articles, then them. */
  nameArgs(): ScriptArg[] {
    return [this.codes.length, this.articles.length, ...this.codes, ...this.articles];
  }
}

/** An order's expiry as scripts compare it with now (ms), or '' for none. */
export function expiresAtMs(order: Order): string {
  return order.expiresAt === undefined ? '' : String(Date.parse(order.expiresAt));
}
