/**
 * Availability: the on-hand stock of (stock origin, article) pairs, as the stock origins count it,
 * beside what orders in progress reserve there. A pair with a level is tracked; its available
 * quantity is onHand - reservedQty (negative when more is reserved than is there). Under the
 * reservation policy `if-available` an order write that would need more than is available at a
 * tracked pair (plus what the same order already reserves there) is refused, atomically, with
 * nothing changed; `always` (the default) keeps the seed contract: every write is taken.
 */
export const RESERVATION_POLICIES = ['always', 'if-available'] as const;
export type ReservationPolicy = (typeof RESERVATION_POLICIES)[number];

export interface StockLevel {
  code: string;
  artGuid: string;
  onHand: number;
}

/** Levels counted at one time (asOf): a level counted later is never overwritten by this one. */
export interface StockCount {
  asOf: string;
  levels: StockLevel[];
}

export interface StockCountOutcome {
  applied: number;
  /** Levels left as they were: the stored count was taken later. */
  stale: number;
}

/** A tracked pair's level as stored: its on-hand units and when they were counted. */
export interface StoredLevel {
  onHand: number;
  asOf: string;
}

export interface PairStock {
  code: string;
  artGuid: string;
  /** null when the pair is not tracked (so are available and asOf). */
  onHand: number | null;
  reservedQty: number;
  available: number | null;
  asOf: string | null;
}

/** A page of tracked pairs; nextCursor null after the last (a page may be short and still have one). */
export interface StockLevelPage {
  pairs: PairStock[];
  nextCursor: string | null;
}

export function pairStock(code: string, artGuid: string, reservedQty: number, level: StoredLevel | null): PairStock {
  return {
    code,
    artGuid,
    onHand: level?.onHand ?? null,
    reservedQty,
    available: level ? level.onHand - reservedQty : null,
    asOf: level?.asOf ?? null,
  };
}

/**
 * Why an if-available write was refused: at a tracked pair (artGuid) it asked `requested` units
 * where `available` were, or at an origin with a capacity (limit) it asked `requested` units, lines
 * or one order where the limit left room for `available`.
 */
export interface Shortfall {
  code: string;
  artGuid?: string;
  limit?: CapacityLimit;
  requested: number;
  /** What the order could have had there: what is available (or the room left) plus what it already holds there. */
  available: number;
}

export type CapacityLimit = 'maxQty' | 'maxLines' | 'maxOrders';
