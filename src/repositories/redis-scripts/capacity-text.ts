import type { StockOriginCapacity } from '../../domain/capacity.js';

/** A capacity as the scripts keep it in T cap (includes/watch-saturation.lua): "maxQty,maxLines,maxOrders", '' for no limit. */
export function encodeCapacity(capacity: StockOriginCapacity): string {
  return [capacity.maxQty, capacity.maxLines, capacity.maxOrders].map((limit) => (limit === null ? '' : String(limit))).join(',');
}

export function decodeCapacity(text: string | null | undefined): StockOriginCapacity | null {
  if (!text) return null;
  const [q = '', l = '', o = ''] = text.split(',');
  const limit = (part: string) => (part === '' ? null : Number(part));
  return { maxQty: limit(q), maxLines: limit(l), maxOrders: limit(o) };
}
