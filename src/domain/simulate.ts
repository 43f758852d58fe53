/**
 * What-if plans: what an order write would do, judged without writing anything. Each plan is a
 * set of lines, optionally replacing an order's current lines (as a redefinition would), judged on
 * its own against one consistent snapshot of the figures: whether the `if-available` rule would
 * take it (and its shortfalls), each origin's saturation before and after and the thresholds it
 * would cross, each pair's available quantity before and after. The same write made next, nothing
 * else changing, does exactly that (test/availability.simulate.test.ts).
 */
import { DEFAULT_SATURATION_THRESHOLDS, type StockOriginCapacity, saturationOf } from './capacity.js';
import type { CapacityLimit, Shortfall, StoredLevel } from './stock.js';

export interface PlanLine {
  code: string;
  artGuid: string;
  qty: number;
}

export interface Plan {
  /** The order whose current lines the plan replaces; absent: a new order. */
  orderId?: string;
  lines: PlanLine[];
}

/** What the snapshot must cover: the orders plans replace, and every origin and pair they name. */
export interface SnapshotRequest {
  orderIds: string[];
  codes: string[];
  pairs: { code: string; artGuid: string }[];
}

/** The state a write would see now, for the plans' origins and pairs and those of the orders they replace. */
export interface PlanSnapshot {
  thresholds: number[] | null;
  /** The lines of each replaced order; null when it is absent or expired (a write replaces it as if absent). */
  stored: Map<string, PlanLine[] | null>;
  origins: Map<string, { reservedQty: number; lineCount: number; orderCount: number; capacity: StockOriginCapacity | null }>;
  pairs: Map<string, { reservedQty: number; level: StoredLevel | null }>;
}

export interface OriginOutcome {
  code: string;
  saturationBefore: number | null;
  saturationAfter: number | null;
  /** Each threshold the origin's saturation would cross, in the order it would cross them. */
  crossings: { threshold: number; direction: 'up' | 'down' }[];
}

export interface PairOutcome {
  code: string;
  artGuid: string;
  reservedBefore: number;
  reservedAfter: number;
  /** null when the pair is not tracked. */
  availableBefore: number | null;
  availableAfter: number | null;
}

export interface PlanOutcome {
  orderId: string | null;
  /** Whether an `if-available` write of the plan would be taken. */
  feasible: boolean;
  shortfalls: Shortfall[];
  origins: OriginOutcome[];
  pairs: PairOutcome[];
}

const pairKey = (code: string, artGuid: string) => `${code}\0${artGuid}`;

/** The snapshot a set of plans needs. */
export function snapshotRequest(plans: Plan[]): SnapshotRequest {
  const codes = new Set<string>();
  const pairs = new Map<string, { code: string; artGuid: string }>();
  for (const plan of plans) {
    for (const { code, artGuid } of plan.lines) {
      codes.add(code);
      pairs.set(pairKey(code, artGuid), { code, artGuid });
    }
  }
  const orderIds = [...new Set(plans.flatMap((plan) => (plan.orderId === undefined ? [] : [plan.orderId])))];
  return { orderIds, codes: [...codes], pairs: [...pairs.values()] };
}

interface Figures {
  units: Map<string, number>;
  lines: Map<string, number>;
  /** Units per pair, in first-seen order of the lines (the order the write checks them in). */
  pairs: Map<string, { code: string; artGuid: string; units: number }>;
}

function figuresOf(lines: PlanLine[]): Figures {
  const f: Figures = { units: new Map(), lines: new Map(), pairs: new Map() };
  for (const { code, artGuid, qty } of lines) {
    f.units.set(code, (f.units.get(code) ?? 0) + qty);
    f.lines.set(code, (f.lines.get(code) ?? 0) + 1);
    const key = pairKey(code, artGuid);
    const pair = f.pairs.get(key);
    if (pair) pair.units += qty;
    else f.pairs.set(key, { code, artGuid, units: qty });
  }
  return f;
}

/** The thresholds crossed going from saturation s0 to s1, as the write scripts tell them. */
export function crossingsBetween(thresholds: readonly number[], s0: number | null, s1: number | null): OriginOutcome['crossings'] {
  if (s0 === null || s1 === null || s0 === s1) return [];
  const ordered = s1 > s0 ? thresholds : [...thresholds].reverse();
  const out: OriginOutcome['crossings'] = [];
  for (const t of ordered) {
    if (s0 < t && s1 >= t) out.push({ threshold: t, direction: 'up' });
    else if (s1 < t && s0 >= t) out.push({ threshold: t, direction: 'down' });
  }
  return out;
}

/** One plan judged against the snapshot. */
export function judgePlan(plan: Plan, snapshot: PlanSnapshot): PlanOutcome {
  const next = figuresOf(plan.lines);
  const own = figuresOf((plan.orderId !== undefined && snapshot.stored.get(plan.orderId)) || []);
  const thresholds = snapshot.thresholds ?? DEFAULT_SATURATION_THRESHOLDS;

  const origins: OriginOutcome[] = [];
  for (const code of new Set([...next.units.keys(), ...own.units.keys()])) {
    const before = snapshot.origins.get(code) ?? { reservedQty: 0, lineCount: 0, orderCount: 0, capacity: null };
    const after = {
      reservedQty: before.reservedQty + (next.units.get(code) ?? 0) - (own.units.get(code) ?? 0),
      lineCount: before.lineCount + (next.lines.get(code) ?? 0) - (own.lines.get(code) ?? 0),
      orderCount: before.orderCount + (next.units.has(code) ? 1 : 0) - (own.units.has(code) ? 1 : 0),
    };
    const saturationBefore = saturationOf(before.capacity, before);
    const saturationAfter = saturationOf(before.capacity, after);
    origins.push({ code, saturationBefore, saturationAfter, crossings: crossingsBetween(thresholds, saturationBefore, saturationAfter) });
  }

  const pairs: PairOutcome[] = [];
  const shortfalls: Shortfall[] = [];
  for (const [key, { code, artGuid }] of new Map([...next.pairs, ...own.pairs])) {
    const { reservedQty, level } = snapshot.pairs.get(key) ?? { reservedQty: 0, level: null };
    const wanted = next.pairs.get(key)?.units ?? 0;
    const mine = own.pairs.get(key)?.units ?? 0;
    const availableBefore = level ? level.onHand - reservedQty : null;
    pairs.push({
      code,
      artGuid,
      reservedBefore: reservedQty,
      reservedAfter: reservedQty + wanted - mine,
      availableBefore,
      availableAfter: availableBefore === null ? null : availableBefore - wanted + mine,
    });
  }
  // The if-available rule, pair by pair in the order the write checks them (upsert-order.lua).
  for (const [key, { code, artGuid, units }] of next.pairs) {
    const stock = snapshot.pairs.get(key);
    const mine = own.pairs.get(key)?.units ?? 0;
    if (!stock?.level || units <= mine) continue;
    const available = stock.level.onHand - stock.reservedQty + mine;
    if (units > available) shortfalls.push({ code, artGuid, requested: units, available });
  }
  // And the capacities: a measure that grows past its origin's limit (the order's origins in the order of its lines).
  for (const code of next.units.keys()) {
    const origin = snapshot.origins.get(code);
    const capacity = origin?.capacity;
    if (!origin || !capacity) continue;
    const measures: [CapacityLimit, number | null, number, number, number][] = [
      ['maxQty', capacity.maxQty, next.units.get(code)!, own.units.get(code) ?? 0, origin.reservedQty],
      ['maxLines', capacity.maxLines, next.lines.get(code)!, own.lines.get(code) ?? 0, origin.lineCount],
      ['maxOrders', capacity.maxOrders, 1, own.units.has(code) ? 1 : 0, origin.orderCount],
    ];
    for (const [limit, max, asked, had, held] of measures) {
      if (max === null || asked <= had) continue;
      const room = max - held + had;
      if (asked > room) shortfalls.push({ code, limit, requested: asked, available: room });
    }
  }
  return { orderId: plan.orderId ?? null, feasible: shortfalls.length === 0, shortfalls, origins, pairs };
}

/** Judges each plan on its own against one snapshot read for all of them. */
export async function simulatePlans(
  readSnapshot: (request: SnapshotRequest) => Promise<PlanSnapshot>,
  plans: Plan[],
): Promise<PlanOutcome[]> {
  const normalised = plans.map((plan) => ({
    ...(plan.orderId === undefined ? {} : { orderId: plan.orderId.toLowerCase() }),
    lines: plan.lines.map((line) => ({ ...line, artGuid: line.artGuid.toLowerCase() })),
  }));
  const snapshot = await readSnapshot(snapshotRequest(normalised));
  return normalised.map((plan) => judgePlan(plan, snapshot));
}
