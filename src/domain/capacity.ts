/**
 * A stock origin's capacity and saturation. An origin may have a limit on the units it holds
 * reserved (maxQty), on its order lines (maxLines) and on the orders it serves (maxOrders); its
 * saturation is the largest ratio of what it holds to a limit set, null when none is set. A
 * saturation of 1 means a limit is reached. The tenant's thresholds (configuration, default 0.8
 * and 1) are the saturations whose crossing, either way, is told as an event.
 */
export interface StockOriginCapacity {
  maxQty: number | null;
  maxLines: number | null;
  maxOrders: number | null;
}

export const DEFAULT_SATURATION_THRESHOLDS: readonly number[] = [0.8, 1];

export function hasLimit(capacity: StockOriginCapacity): boolean {
  return capacity.maxQty !== null || capacity.maxLines !== null || capacity.maxOrders !== null;
}

export function saturationOf(
  capacity: StockOriginCapacity | null,
  figures: { reservedQty: number; lineCount: number; orderCount: number },
): number | null {
  if (!capacity) return null;
  let saturation: number | null = null;
  const take = (held: number, limit: number | null) => {
    if (limit !== null) saturation = Math.max(saturation ?? 0, held / limit);
  };
  take(figures.reservedQty, capacity.maxQty);
  take(figures.lineCount, capacity.maxLines);
  take(figures.orderCount, capacity.maxOrders);
  return saturation;
}
