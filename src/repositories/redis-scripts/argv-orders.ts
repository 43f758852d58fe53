import type { Order } from '../../domain/order.js';
import type { ScriptArg } from './lua-script.js';
import { guidBytes } from './order-index.js';

/**
 * Orders passed whole to a script (stage-orders, restore-orders), as includes/argv-order.lua reads
 * them: the distinct codes and articles once each, then per order its fields (its orderId also as
 * the 16 bytes its index entries hold) and its lines, each line naming its code and article by number.
 */
export class ArgvOrders {
  readonly codes: string[] = [];
  readonly articles: string[] = [];
  private readonly codeNumber = new Map<string, number>();
  private readonly articleNumber = new Map<string, number>();
  private readonly orderArgs: ScriptArg[] = [];
  count = 0;

  add(order: Order, json: string): void {
    this.count += 1;
    const args = this.orderArgs;
    args.push(order.orderId, guidBytes(order.orderId), json, order.lastUpdated, order.expiresAt ?? '', order.type, order.lines.length);
    for (const line of order.lines) {
      args.push(
        this.numberOf(this.codeNumber, this.codes, line.code),
        this.numberOf(this.articleNumber, this.articles, line.artGuid),
        line.qty,
      );
    }
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

  /** How many orders, codes and articles, then the codes, the articles and the orders. */
  args(): ScriptArg[] {
    return [this.count, this.codes.length, this.articles.length, ...this.codes, ...this.articles, ...this.orderArgs];
  }
}

/** Arguments an order takes there: 7 fields and 3 per line. */
export const argvOrderSize = (order: Order) => 7 + 3 * order.lines.length;
