import type { StoredLevel } from '../../domain/stock.js';

/** A tracked pair's level as the scripts keep it in T stk: "onHand,asOfMs"; '' or null for an untracked pair. */
export function decodeLevel(text: string | null): StoredLevel | null {
  if (!text) return null;
  const [onHand, asOfMs] = text.split(',');
  return { onHand: Number(onHand), asOf: new Date(Number(asOfMs)).toISOString() };
}
