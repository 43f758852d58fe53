/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { listStockPairs } from '../../domain/stock-levels.js';
import type { PairStock } from '../../domain/stock.js';
import { tenantPath, type ConsoleEnv } from '../env.js';
import { Badge, Empty, Num, TableWrap, Time } from '../format.js';
import { Card, renderPage } from '../layout.js';

/** Tracked pairs per page of the list. */
const PAGE_SIZE = 100;
/** The most out-of-stock pairs the page lists, and the most pages of the list it walks for them. */
const MAX_OUT = 200;
const MAX_OUT_PAGES = 50;

function PairsTable({ label, pairs, data }: { label: string; pairs: PairStock[]; data: string }) {
  return (
    <TableWrap label={label}>
      <table class="table" {...{ [`data-${data}`]: '' }}>
        <thead>
          <tr>
            <th scope="col">Origin</th>
            <th scope="col">Article</th>
            <th scope="col" class="right">
              On hand
            </th>
            <th scope="col" class="right">
              Reserved
            </th>
            <th scope="col" class="right">
              Available
            </th>
            <th scope="col">Counted</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => (
            <tr data-pair={`${pair.code} ${pair.artGuid}`}>
              <th scope="row">{pair.code}</th>
              <td class="mono">{pair.artGuid}</td>
              <td class="right">
                <Num value={pair.onHand} />
              </td>
              <td class="right">
                <Num value={pair.reservedQty} />
              </td>
              <td class="right">
                {pair.available !== null && pair.available <= 0 ? (
                  <Badge tone="bad">
                    <Num value={pair.available} />
                  </Badge>
                ) : (
                  <Num value={pair.available} />
                )}
              </td>
              <td>
                <Time iso={pair.asOf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * GET /console/tenants/:tenantId/stock: the tracked pairs out of stock (available ≤ 0), then every
 * tracked pair a page at a time, each with its on-hand level beside what orders reserve there
 * (GET /{tenantId}/stock, with and without maxAvailable=0).
 */
export async function stockPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const services = c.get('services');
  const now = services.clock();
  const cursor = /^\d{1,20}$/.test(c.req.query('cursor') ?? '') ? c.req.query('cursor')! : null;

  const out: PairStock[] = [];
  let outCursor: string | null = null;
  let pages = 0;
  do {
    const page = await listStockPairs(services, tenantId, { cursor: outCursor, limit: 1000, maxAvailable: 0 }, now);
    out.push(...page.pairs);
    outCursor = page.nextCursor;
    pages++;
  } while (outCursor !== null && out.length < MAX_OUT && pages < MAX_OUT_PAGES);
  const tracked = await listStockPairs(services, tenantId, { cursor, limit: PAGE_SIZE }, now);

  return renderPage(
    c,
    { title: `Tenant ${tenantId} · Stock`, tenant: { id: tenantId, tab: 'stock' } },
    <>
      <Card title="Out of stock" id="out-of-stock">
        <p class="muted small">
          Tracked pairs with nothing available (on hand minus reserved at or below 0): where a write under the if-available policy is
          refused, and what a stock.out event was sent for.
        </p>
        {out.length === 0 ? (
          <Empty title="No tracked pair is out of stock.">Pairs appear here when what is reserved reaches what is on hand.</Empty>
        ) : (
          <PairsTable label="Pairs out of stock" pairs={out.slice(0, MAX_OUT)} data="out-of-stock" />
        )}
        {outCursor !== null || out.length > MAX_OUT ? <p class="muted small">The first {MAX_OUT} found; more are out of stock.</p> : null}
      </Card>
      <Card title="Tracked pairs" id="tracked">
        <p class="muted small">
          Each (origin, article) pair with an on-hand level (PUT /{tenantId}/stock), beside the units orders in progress reserve there.
        </p>
        {tracked.pairs.length === 0 && cursor === null && tracked.nextCursor === null ? (
          <Empty title="No pair is tracked.">Stock origins push their levels with PUT /{tenantId}/stock.</Empty>
        ) : (
          <PairsTable label="Tracked pairs" pairs={tracked.pairs} data="tracked" />
        )}
        {tracked.nextCursor !== null ? (
          <p>
            <a class="btn btn-ghost" href={tenantPath(tenantId, `/stock?cursor=${tracked.nextCursor}`)}>
              Next page
            </a>
          </p>
        ) : null}
      </Card>
    </>,
  );
}
