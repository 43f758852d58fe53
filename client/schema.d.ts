/**
 * Types of the Reservoir API, generated from openapi/openapi.json by openapi-typescript.
 * Do not edit: `npm run client` rewrites it. Use it with openapi-fetch (docs/api.md, "Typed client").
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: Redis and MongoDB answer
         * @description Order routes need Redis only; MongoDB down is reported but still ready. The last sync batch failing is reported too.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last sync runs, newest first */
        get: operations["listSyncRuns"];
        put?: never;
        /**
         * Run the sync batch now
         * @description Answers when the batch is done, with a report per tenant. Waits for a batch already running, then runs.
         */
        post: operations["runSyncNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore tenants from MongoDB into Redis
         * @description Writes archived orders and configurations back into Redis, never over a newer state or a pending change. Without `force`, only tenants not yet restored since Redis lost them.
         */
        post: operations["restoreNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's last sync to MongoDB and what is pending */
        get: operations["getTenantSync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create or redefine an order
         * @description Stores the order and its reservations. Answers `true` when the order was created, `false` when an existing one was redefined entirely. A write whose `lastUpdated` is older than the stored one is refused (409 STALE_WRITE). Under the reservation policy `if-available`, a write whose lines would need more than is available at a tracked (origin, article) pair, plus what this order already reserves there, is refused with nothing changed (409 INSUFFICIENT_STOCK with its `shortfalls`). An order whose `expiresAt` has already passed removes any stored version and reserves nothing.
         */
        post: operations["upsertOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Page through the tenant's orders, optionally filtered
         * @description Filters combine. Walking every page (with each `nextCursor`) lists each order that exists throughout the walk exactly once, whatever is written meanwhile; orders written during the walk may or may not appear. The walk goes through the index of the most selective filter, so a page costs time in proportion to the page and to the orders that match, not to the tenant's size. Orders come by orderId, except when the only filters are `expiresBefore` and/or `updatedSince`: then by that date (then orderId), and an order whose date a write moves past the cursor is listed again (an order whose expiry a write moves back behind the cursor is not listed). A page may hold fewer orders than `limit` (even none) and still have a `nextCursor`: each page examines a bounded number of index entries. A cursor is only valid for the listing and filters that handed it out (else 400 `INVALID_CURSOR`).
         */
        get: operations["listOrders"];
        /**
         * Replace all of the tenant's orders
         * @description Replaces the tenant's whole order set, in Redis atomically (readers see the old set or the new one, never a mix) and in MongoDB. If any element is invalid the request is refused and nothing changes.
         */
        put: operations["replaceOrders"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/order/byid/{orderId}/code/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an order's lines at one stock origin
         * @description Used when a stock origin ships its part. An order left without any line is deleted.
         */
        delete: operations["deleteOrderLinesAtOrigin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/order/byid/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an order */
        delete: operations["deleteOrder"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/order/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an order as it stands */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/order/{orderId}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move an order's expiry (a hold)
         * @description Moves the order's `expiresAt` without rewriting its lines (its reservations stay as they are), with an `order.updated` event. `true` when the order exists and is live, `false` when not. A time not in the future is refused (400).
         */
        post: operations["holdOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A wave of shipments: remove many orders' lines at their origin at once
         * @description Does for each item what `DELETE /{tenantId}/order/byid/{orderId}/code/{code}` does (an order left without lines is deleted), or with `artGuid` only for that article, or with `qty` too only for that many of its units (partial shipment), each item on its own, in the order given, and answers `true`/`false` per item in the same order (`true`: the order exists). Each tracked (origin, article) pair shipped from loses the units shipped from its `onHand`, and its `asOf` becomes the time of the shipment, so that a count taken earlier can no longer overwrite it (a level counted after it is left as it is). A malformed item refuses the whole request with 400 before anything changes.
         */
        post: operations["shipOrderLines"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/stock-origins/{code}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a stock origin still has to ship: the orders with a line there
         * @description The same listing as GET /{tenantId}/orders filtered by this origin. With `linesAt=only`, each order comes with only its lines at this origin. Filters combine. Walking every page (with each `nextCursor`) lists each order that exists throughout the walk exactly once, whatever is written meanwhile; orders written during the walk may or may not appear. The walk goes through the index of the most selective filter, so a page costs time in proportion to the page and to the orders that match, not to the tenant's size. Orders come by orderId, except when the only filters are `expiresBefore` and/or `updatedSince`: then by that date (then orderId), and an order whose date a write moves past the cursor is listed again (an order whose expiry a write moves back behind the cursor is not listed). A page may hold fewer orders than `limit` (even none) and still have a `nextCursor`: each page examines a bounded number of index entries. A cursor is only valid for the listing and filters that handed it out (else 400 `INVALID_CURSOR`).
         */
        get: operations["listStockOriginOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/stock-origins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every stock origin of the tenant, most saturated first
         * @description Origins with a capacity come first, ranked by saturation (highest first), then the origins without a capacity, ranked by reserved units. An origin with a capacity and nothing reserved is listed with zeros.
         */
        get: operations["listStockOrigins"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/stock-origins/{code}/capacity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stock origin's capacity */
        get: operations["getCapacity"];
        /**
         * Set a stock origin's capacity
         * @description Each limit a positive integer or null (no limit); all three null is the same as no capacity. Part of the tenant's configuration: stored in MongoDB first, then in Redis, restored with the rest. A change that makes the origin's saturation cross one of the tenant's thresholds appends a `stock_origin.saturation` event.
         */
        put: operations["putCapacity"];
        post?: never;
        /** Remove a stock origin's capacity */
        delete: operations["deleteCapacity"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/stock-origins/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A stock origin's reservations
         * @description Zeros and an empty list for an origin where nothing is reserved. The articles come a page at a time: at most `limit` articles and about 256 KiB; `nextCursor` leads to the next page. The totals are the whole origin's on every page.
         */
        get: operations["getStockOrigin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/articles/{artGuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An article's reservations across stock origins */
        get: operations["getArticle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/reservations/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The optimizer's batch query: where each of many articles is reserved
         * @description For each article: its units reserved at every origin (`reservedQty`) and its reservation at each origin with the origin's capacity and saturation, restricted to `codes` when given. One Redis call for the whole query.
         */
        post: operations["queryReservations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/reservations/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What-if plans, judged without writing anything
         * @description Judges each plan (1 to 100, up to 1,000 lines each) on its own, from one consistent snapshot, writing nothing: whether an `if-available` write of it would be taken and its shortfalls, each origin's saturation before and after with the thresholds it would cross, each pair's reserved and available quantities before and after. With `orderId` the plan replaces that order's current lines, as a redefinition would. The same write made next, nothing else changing, does exactly what the answer says.
         */
        post: operations["simulateReservations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's key figures
         * @description Read from what every write keeps, in one Redis step: the orders of each type counted in the order index (logarithmic in the tenant's orders), lines and units summed over the stock origins' figures (linear in its origins).
         */
        get: operations["getSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tracked pairs, or those out of stock
         * @description Every tracked (origin, article) pair with its level, what is reserved there and what is available, a page at a time. With `maxAvailable`, only the pairs with at most that many units available: `maxAvailable=0` lists those out of stock (available 0 or below), the ones a `stock.out` event was sent for. Walking the pages lists each pair tracked throughout once.
         */
        get: operations["listStock"];
        /**
         * Set on-hand stock levels
         * @description Sets the on-hand quantity of each (origin, article) pair, counted at `asOf` (1 to 10,000 levels). A pair with a level is tracked: its available quantity is onHand - reservedQty, and order writes under the `if-available` reservation policy are refused when they would need more than is available. A level whose stored count was taken later than `asOf` is left as it is (a count taken earlier arrived late; a shipment dates the levels it lowers). A pair whose available units fall to 0 or below is told by a `stock.out` event, one that rises above 0 again by `stock.back`. A malformed level refuses the whole body with 400 naming it; a count that would track more pairs than the tenant's `stockLevels` quota is refused whole with 403 QUOTA_EXCEEDED.
         */
        put: operations["putStock"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/stock-origins/{code}/stock/{artGuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An article's stock at a stock origin
         * @description On hand, reserved and available; onHand, available and asOf are null when the pair is not tracked.
         */
        get: operations["getPairStock"];
        put?: never;
        post?: never;
        /**
         * Stop tracking a pair
         * @description Its level is forgotten: writes are no longer checked against it (a pair that was out of stock is told as `stock.back`). `true` when it was tracked.
         */
        delete: operations["deletePairStock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every tenant with its key figures and sync flag
         * @description Every tenant with orders in Redis, a configuration or a stock-origin capacity, by tenant id, each with its summary (GET /{tenantId}/summary) and `enableInternalOrderSync`. Page with `nextCursor`. Admin key only.
         */
        get: operations["listTenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's configuration
         * @description A tenant never configured gets the defaults.
         */
        get: operations["getTenantConfig"];
        /**
         * Set the tenant's configuration
         * @description Stored in MongoDB first (it survives a Redis loss), then in Redis.
         */
        put: operations["putTenantConfig"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tenants/{tenantId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's API keys
         * @description Ids, creation and last-use dates; never the secrets. Needs MongoDB.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key for a tenant
         * @description The key reaches this tenant's routes only (`/{tenantId}/...`), never another tenant's nor `/admin`. The answer is the only time the key is shown. Needs MongoDB (keys are durable there).
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tenants/{tenantId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Takes effect at once on every replica: the next request with the key is refused with 401. A 503 means the revocation may be incomplete: retry it.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tenants/{tenantId}/quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's quotas
         * @description What the tenant may keep in Redis: the quotas set for it, else the defaults of the configuration.
         */
        get: operations["getTenantQuotas"];
        /**
         * Set a tenant's quotas
         * @description Applies to the writes that follow (other replicas within 5 s); what is stored already is never removed, but nothing more is accepted past a quota. Kept in Redis: after a Redis loss the defaults apply until set again.
         */
        put: operations["setTenantQuotas"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recompute every reservation figure from the stored orders, report and repair drift
         * @description For each tenant (or the one given), atomically recomputes each origin's and article's figures from the orders in Redis, lists those that differ (origin, article, stored, recomputed) and rewrites them unless `dryRun`. Writes made meanwhile are never lost. Runs daily (RECONCILE_CRON) and after a restore.
         */
        post: operations["reconcileNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Text exposition format. Needs the admin key or METRICS_API_KEY (per-tenant figures are in it). Answers even while Redis is down (the per-tenant gauges are then empty).
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's change feed, a page at a time
         * @description Every change of the tenant's orders (and every crossing of 0 by a tracked pair's available units) appends one event, in the same atomic step as the change: none is ever lost or made up, and they come in the order the changes were made. The feed keeps about `EVENTS_MAX_PER_TENANT` events and none older than `EVENTS_RETENTION` (but always the newest). A cursor older than the oldest event kept answers 410: the consumer missed events and must resynchronise.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's change feed as Server-Sent Events
         * @description A `text/event-stream`: each event is one message whose `id:` is the event id and whose `data:` is the event JSON (the same as in `GET /events`; no `event:` field, so `onmessage` sees them all). A reconnecting client sends `Last-Event-ID` and resumes after it, without a gap or a repeat; `?after=` does the same on a first connection. A comment line (`: heartbeat`) comes after `EVENTS_SSE_HEARTBEAT_MS` without an event. A cursor older than what the feed keeps answers 410 (JSON) before the stream starts.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's webhook endpoints
         * @description Oldest first; never the secrets.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Each event of the tenant's feed whose type is listed, appended from now on, is POSTed to the URL (Standard Webhooks: headers `webhook-id`, `webhook-timestamp`, `webhook-signature`; body = the event), until a 2xx answer comes within `WEBHOOK_TIMEOUT_MS`, on the retry schedule. The answer carries the signing secret, shown only this once. At most 50 endpoints per tenant. Needs MongoDB (endpoints are tenant configuration, durable there).
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description With its deliveries: those still pending are not sent.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Pause, resume or change a webhook endpoint
         * @description Only the fields given change. `status: "paused"` holds its deliveries (new events still queue up for it); `"active"` resumes them, and re-enables an endpoint disabled for failing.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's deliveries
         * @description Newest event first, with attempts, last status code, last error and next attempt time. Finished deliveries (delivered, failed) are listed for `WEBHOOK_LOG_RETENTION` after their event (7 days), at most `WEBHOOK_LOG_MAX_PER_ENDPOINT` of each kind; pending ones until they finish.
         */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivery, with the event it sends */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a failed delivery again now
         * @description The delivery is pending again and attempted at once (one more attempt when its schedule was spent). Only a failed delivery of an active endpoint: 409 otherwise.
         */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's delivery figures
         * @description Attempts, deliveries succeeded and failed over the last hour and the last 24 hours (5-minute and hourly buckets, the current one included), the success rate, p50/p95 attempt duration, the oldest pending delivery, the last success and the last failure. Counted in Redis as attempts are recorded.
         */
        get: operations["getWebhookStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event to an endpoint now
         * @description A signed `webhook.test` event (`data`: the endpoint id and a message) is POSTed at once, not through the feed nor the delivery log, whatever the endpoint's status (a disabled one too: to see that it can be re-enabled). The answer says what the receiver answered. Not counted in the figures.
         */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{tenantId}/webhooks/{id}/deliveries/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send every failed delivery of an endpoint again now
         * @description Each failed delivery still in the log is pending again and attempted at once, as `POST .../deliveries/{deliveryId}/retry` does for one. Only for an active endpoint: 409 when it is paused or disabled.
         */
        post: operations["retryFailedDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Readiness: {
            ready: boolean;
            /** @enum {string} */
            redis: "up" | "down";
            /** @enum {string} */
            mongodb: "up" | "down";
            /** @description The last batch run by this replica. */
            lastSync: {
                ok: boolean;
                finishedAt: string;
                failedTenants: number[];
            } | null;
        };
        SyncRun: {
            runId: string;
            /** @enum {string} */
            trigger: "schedule" | "admin" | "startup";
            startedAt: string;
            finishedAt: string;
            durationMs: number;
            ok: boolean;
            tenants: components["schemas"]["TenantSyncReport"][];
        };
        TenantSyncReport: {
            tenantId: number;
            /** @enum {string} */
            status: "synced" | "skipped" | "failed";
            /** @enum {string} */
            mode: "incremental" | "full";
            /** @description Why the tenant was skipped. */
            reason?: string;
            ordersWritten: number;
            ordersDeleted: number;
            startedAt: string;
            durationMs: number;
            error?: string;
        };
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @example lines[1].qty: Too small: expected number to be >0 */
                message: string;
                requestId: string;
                details?: unknown;
                /** @description INSUFFICIENT_STOCK: each tracked pair the write asked more of than is available (what the order could have had there). */
                shortfalls?: components["schemas"]["Shortfall"][];
            };
        };
        /**
         * @description What went wrong; each code has one HTTP status.
         * @example VALIDATION_FAILED
         * @enum {string}
         */
        ErrorCode: "VALIDATION_FAILED" | "MALFORMED_REQUEST" | "TENANT_MISMATCH" | "UNAUTHORIZED" | "FORBIDDEN" | "QUOTA_EXCEEDED" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "STALE_WRITE" | "IDEMPOTENCY_KEY_IN_USE" | "IDEMPOTENCY_KEY_REUSED" | "INVALID_CURSOR" | "CONFLICT" | "CURSOR_EXPIRED" | "INSUFFICIENT_STOCK" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "INTERNAL" | "STORE_UNAVAILABLE" | "NOT_REPLICATED" | "TENANT_BUSY";
        Shortfall: {
            code: string;
            /** @description The article, when the pair lacks stock. */
            artGuid?: string;
            /**
             * @description The origin's capacity limit, when the write would take it past one.
             * @enum {string}
             */
            limit?: "maxQty" | "maxLines" | "maxOrders";
            /** @description What the order asks there (units, lines, or 1 order). */
            requested: number;
            /** @description What it could have there: the available stock or room left, plus its own. */
            available: number;
        };
        SyncRuns: {
            running: boolean;
            runs: components["schemas"]["SyncRun"][];
        };
        RestoreRun: {
            tenants: components["schemas"]["RestoreReport"][];
        };
        RestoreReport: {
            tenantId: number;
            /** @enum {string} */
            status: "restored" | "skipped" | "failed";
            reason?: string;
            ordersRead: number;
            ordersRestored: number;
            durationMs: number;
            error?: string;
        };
        TenantSyncStatus: {
            tenantId: number;
            /** @description null when Redis does not hold the configuration and MongoDB is unavailable. */
            enableInternalOrderSync: boolean | null;
            /** @description Orders changed since they were last written to MongoDB. */
            pendingChanges: number;
            /** @description False until a full sync confirms MongoDB mirrors the tenant; the next sync is then full. */
            mirrored: boolean;
            lastSync: components["schemas"]["TenantSyncReport"] | null;
        };
        BooleanAnswer: boolean;
        Order: {
            /**
             * Format: uuid
             * @description Order or cart identifier.
             * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
             */
            orderId: string;
            /**
             * @description Tenant (legal entity); must equal the path's.
             * @example 0
             */
            tenantId: number;
            /**
             * Format: date-time
             * @description When the order was last changed; an older write than the stored one is refused.
             * @example 2025-09-22T10:01:20.624Z
             */
            lastUpdated: string;
            /**
             * Format: date-time
             * @description When the order or cart stops reserving stock (optional).
             * @example 2025-09-22T10:01:20.624Z
             */
            expiresAt?: string | null;
            /**
             * @example Order
             * @enum {string}
             */
            type: "Order" | "Cart" | "ExternalOrder";
            lines: components["schemas"]["OrderLine"][];
        };
        OrderLine: {
            /**
             * @description Stock origin (warehouse, store) code.
             * @example FRA:MAG:0125
             */
            code: string;
            /**
             * Format: uuid
             * @description Article identifier.
             * @example c420a0b0-fd50-446a-b2e0-18ab3bf4c460
             */
            artGuid: string;
            /**
             * @description Quantity to ship.
             * @example 1
             */
            qty: number;
        };
        ReplaceSummary: {
            /** @description Orders the tenant has now. */
            orderCount: number;
            /** @description Orders the tenant had and the new set lacks. */
            removedCount: number;
            /**
             * @description `written`: MongoDB holds exactly the new set. `pending`: MongoDB was unavailable; it converges at the next sync.
             * @enum {string}
             */
            archive: "written" | "pending";
        };
        OrderList: components["schemas"]["Order"][];
        Hold: {
            /**
             * Format: date-time
             * @description The new expiry; later than now.
             * @example 2025-09-22T10:01:20.624Z
             */
            expiresAt: string;
        };
        /**
         * @example [
         *       true,
         *       false
         *     ]
         */
        ShipmentAnswers: boolean[];
        /**
         * @example [
         *       {
         *         "orderId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
         *         "code": "FRA:MAG:0125"
         *       },
         *       {
         *         "orderId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
         *         "code": "FRA:MAG:0125",
         *         "artGuid": "c420a0b0-fd50-446a-b2e0-18ab3bf4c460",
         *         "qty": 2
         *       }
         *     ]
         */
        ShipmentList: components["schemas"]["Shipment"][];
        Shipment: {
            /**
             * Format: uuid
             * @description The order.
             * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
             */
            orderId: string;
            /**
             * @description The stock origin that shipped its lines of it.
             * @example FRA:MAG:0125
             */
            code: string;
            /**
             * Format: uuid
             * @description Only the order's lines of this article at the origin (default: all its lines there).
             * @example c420a0b0-fd50-446a-b2e0-18ab3bf4c460
             */
            artGuid?: string;
            /**
             * @description Only this many units of the article (needs `artGuid`), taken from its lines in order; a line shipped in part keeps the rest. More than the order holds ships what it holds.
             * @example 2
             */
            qty?: number;
        };
        /**
         * @example {
         *       "orders": [
         *         {
         *           "orderId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
         *           "tenantId": 0,
         *           "lastUpdated": "2025-09-22T10:01:20.624Z",
         *           "expiresAt": "2025-09-23T11:01:20.624Z",
         *           "type": "Order",
         *           "lines": [
         *             {
         *               "code": "FRA:MAG:0125",
         *               "artGuid": "c420a0b0-fd50-446a-b2e0-18ab3bf4c460",
         *               "qty": 1
         *             },
         *             {
         *               "code": "FRA:MAG:0953",
         *               "artGuid": "4128d10e-1594-42a7-8c79-bde5181a20f5",
         *               "qty": 2
         *             }
         *           ]
         *         }
         *       ],
         *       "nextCursor": "eyJ3IjoiYyIsIm0iOiJjRlJBOk1BRzowMTI1XHUwMDAwM2ZhODVmNjQtNTcxNy00NTYyLWIzZmMtMmM5NjNmNjZhZmE2IiwiZiI6IltcIkZSQTpNQUc6MDEyNVwiLFwiXCIsXCJcIixcIlwiLFwiXCJdIn0"
         *     }
         */
        OrderPage: {
            orders: components["schemas"]["Order"][];
            /** @description Pass it as `cursor` for the next page; null: no more. */
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "total": 2,
         *       "origins": [
         *         {
         *           "code": "FRA:MAG:0125",
         *           "reservedQty": 1,
         *           "lineCount": 1,
         *           "orderCount": 1,
         *           "capacity": {
         *             "maxQty": 10,
         *             "maxLines": null,
         *             "maxOrders": null
         *           },
         *           "saturation": 0.1
         *         },
         *         {
         *           "code": "FRA:MAG:0953",
         *           "reservedQty": 2,
         *           "lineCount": 1,
         *           "orderCount": 1,
         *           "capacity": null,
         *           "saturation": null
         *         }
         *       ]
         *     }
         */
        StockOriginList: {
            /** @description How many origins have something reserved or a capacity. */
            total: number;
            /** @description Origins with a capacity first, most saturated first; then the others, most reserved units first. */
            origins: components["schemas"]["StockOriginTotals"][];
        };
        StockOriginTotals: {
            /** @example FRA:MAG:0125 */
            code: string;
            /** @description Units reserved by orders in progress. */
            reservedQty: number;
            /** @description Order lines reserving at this origin. */
            lineCount: number;
            /** @description Orders with at least one line at this origin. */
            orderCount: number;
            capacity: components["schemas"]["StockOriginCapacity"];
            /**
             * @description The largest of reservedQty/maxQty, lineCount/maxLines, orderCount/maxOrders among the limits set (1: a limit is reached); null without capacity.
             * @example 0.42
             */
            saturation: number | null;
        };
        /**
         * @description The origin's capacity; null when none is set.
         * @example {
         *       "maxQty": 10,
         *       "maxLines": null,
         *       "maxOrders": null
         *     }
         */
        StockOriginCapacity: {
            /**
             * @description Most units the origin can hold reserved; null: no limit.
             * @example 500
             */
            maxQty: number | null;
            /**
             * @description Most order lines it can ship; null: no limit.
             * @example 500
             */
            maxLines: number | null;
            /**
             * @description Most orders it can serve; null: no limit.
             * @example 500
             */
            maxOrders: number | null;
        } | null;
        StockOrigin: {
            /** @example FRA:MAG:0125 */
            code: string;
            /** @description Units reserved by orders in progress. */
            reservedQty: number;
            /** @description Order lines reserving at this origin. */
            lineCount: number;
            /** @description Orders with at least one line at this origin. */
            orderCount: number;
            capacity: components["schemas"]["StockOriginCapacity"];
            /**
             * @description The largest of reservedQty/maxQty, lineCount/maxLines, orderCount/maxOrders among the limits set (1: a limit is reached); null without capacity.
             * @example 0.42
             */
            saturation: number | null;
            /** @description One page of the articles reserved there, most reserved first within the page. */
            articles: {
                artGuid: string;
                qty: number;
                /** @description Units on the shelf there; null when the pair is not tracked. */
                onHand: number | null;
                /** @description onHand - qty (negative when more is reserved than is there); null when untracked. */
                available: number | null;
            }[];
            /** @description Present when more articles follow: pass it as `cursor` for the next page. A page may be shorter than `limit`. */
            nextCursor?: string;
        };
        /**
         * @example {
         *       "artGuid": "c420a0b0-fd50-446a-b2e0-18ab3bf4c460",
         *       "reservedQty": 1,
         *       "origins": [
         *         {
         *           "code": "FRA:MAG:0125",
         *           "qty": 1,
         *           "capacity": {
         *             "maxQty": 10,
         *             "maxLines": null,
         *             "maxOrders": null
         *           },
         *           "saturation": 0.1,
         *           "onHand": 12,
         *           "available": 11
         *         },
         *         {
         *           "code": "FRA:MAG:0953",
         *           "qty": 0,
         *           "capacity": null,
         *           "saturation": null,
         *           "onHand": 40,
         *           "available": 40
         *         }
         *       ]
         *     }
         */
        ArticleReservation: {
            artGuid: string;
            /** @description Units of the article reserved, at every origin. */
            reservedQty: number;
            /** @description Where it is reserved or tracked (a stock level): an origin with stock and nothing reserved has qty 0. Most reserved first. */
            origins: components["schemas"]["ArticleOrigin"][];
        };
        ArticleOrigin: {
            code: string;
            qty: number;
            capacity: components["schemas"]["StockOriginCapacity"];
            /**
             * @description The largest of reservedQty/maxQty, lineCount/maxLines, orderCount/maxOrders among the limits set (1: a limit is reached); null without capacity.
             * @example 0.42
             */
            saturation: number | null;
            /** @description Units on the shelf there; null when the pair is not tracked. */
            onHand: number | null;
            /** @description onHand - qty (negative when more is reserved than is there); null when untracked. */
            available: number | null;
        };
        /**
         * @example {
         *       "articles": [
         *         {
         *           "artGuid": "c420a0b0-fd50-446a-b2e0-18ab3bf4c460",
         *           "reservedQty": 1,
         *           "origins": [
         *             {
         *               "code": "FRA:MAG:0125",
         *               "qty": 1,
         *               "capacity": {
         *                 "maxQty": 10,
         *                 "maxLines": null,
         *                 "maxOrders": null
         *               },
         *               "saturation": 0.1,
         *               "onHand": 12,
         *               "available": 11
         *             },
         *             {
         *               "code": "FRA:MAG:0953",
         *               "qty": 0,
         *               "capacity": null,
         *               "saturation": null,
         *               "onHand": 40,
         *               "available": 40
         *             }
         *           ]
         *         },
         *         {
         *           "artGuid": "4128d10e-1594-42a7-8c79-bde5181a20f5",
         *           "reservedQty": 2,
         *           "origins": []
         *         },
         *         {
         *           "artGuid": "0b8f4c52-2d6e-4a3b-9f1e-7c5d3a2b1e0f",
         *           "reservedQty": 0,
         *           "origins": []
         *         }
         *       ]
         *     }
         */
        ReservationsAnswer: {
            /** @description In the order asked; an article reserved nowhere has zeros. */
            articles: components["schemas"]["ArticleReservation"][];
        };
        ReservationsQuery: {
            /**
             * @description The articles, 1–1000; the answer lists them in this order.
             * @example [
             *       "c420a0b0-fd50-446a-b2e0-18ab3bf4c460",
             *       "4128d10e-1594-42a7-8c79-bde5181a20f5"
             *     ]
             */
            artGuids: string[];
            /**
             * @description Only these stock origins in each article's `origins`, 1–1000 (default: all).
             * @example [
             *       "FRA:MAG:0125",
             *       "FRA:MAG:0953"
             *     ]
             */
            codes?: string[];
        };
        SimulateAnswer: {
            plans: components["schemas"]["PlanOutcome"][];
        };
        PlanOutcome: {
            orderId: string | null;
            /** @description Whether the same write under `Reservation-Policy: if-available` would be taken. */
            feasible: boolean;
            shortfalls: components["schemas"]["Shortfall"][];
            origins: {
                code: string;
                /** @description Null without capacity. */
                saturationBefore: number | null;
                /** @description Null without capacity. */
                saturationAfter: number | null;
                /** @description The thresholds the write would cross (each a `stock_origin.saturation` event), in order. */
                crossings: {
                    threshold: number;
                    /** @enum {string} */
                    direction: "up" | "down";
                }[];
            }[];
            pairs: {
                code: string;
                artGuid: string;
                reservedBefore: number;
                reservedAfter: number;
                /** @description Null when the pair is not tracked. */
                availableBefore: number | null;
                /** @description Null when the pair is not tracked. */
                availableAfter: number | null;
            }[];
        };
        SimulateRequest: {
            plans: components["schemas"]["Plan"][];
        };
        Plan: {
            /**
             * Format: uuid
             * @description The order whose current lines the plan replaces, as a redefinition would; absent: a new order.
             */
            orderId?: string;
            lines: components["schemas"]["OrderLine"][];
        };
        /**
         * @example {
         *       "orders": 1,
         *       "carts": 0,
         *       "externalOrders": 0,
         *       "lines": 2,
         *       "reservedQty": 3,
         *       "origins": 2,
         *       "articles": 2,
         *       "expiringWithinHour": 0,
         *       "pendingChanges": 1,
         *       "lastSync": {
         *         "tenantId": 0,
         *         "status": "synced",
         *         "mode": "incremental",
         *         "startedAt": "2025-09-22T10:10:00.012Z",
         *         "durationMs": 14,
         *         "ordersWritten": 1,
         *         "ordersDeleted": 0
         *       }
         *     }
         */
        TenantSummary: {
            /** @description Orders of type Order. */
            orders: number;
            /** @description Orders of type Cart. */
            carts: number;
            /** @description Orders of type ExternalOrder. */
            externalOrders: number;
            /** @description Lines over all of them. */
            lines: number;
            /** @description Units reserved over all of them. */
            reservedQty: number;
            /** @description Stock origins with something reserved. */
            origins: number;
            /** @description Articles with something reserved. */
            articles: number;
            /** @description Orders and carts whose expiresAt falls within the next hour. */
            expiringWithinHour: number;
            /** @description Orders changed since the last sync to MongoDB. */
            pendingChanges: number;
            /** @description The tenant's last sync, or null. */
            lastSync: ({
                status: string;
                mode: string;
                startedAt: string;
                durationMs: number;
                error?: string;
            } & {
                [key: string]: unknown;
            }) | null;
        };
        StockCountOutcome: {
            /**
             * @description Levels set.
             * @example 2
             */
            applied: number;
            /**
             * @description Levels left as they were: their stored count was taken later.
             * @example 0
             */
            stale: number;
        };
        StockCount: {
            /**
             * Format: date-time
             * @description When the levels were counted. A pair counted later keeps its level.
             * @example 2025-09-22T10:01:20.624Z
             */
            asOf: string;
            levels: components["schemas"]["StockLevel"][];
        };
        StockLevel: {
            /**
             * @description Stock origin (warehouse, store) code.
             * @example FRA:MAG:0125
             */
            code: string;
            /**
             * @description Article identifier.
             * @example c420a0b0-fd50-446a-b2e0-18ab3bf4c460
             */
            artGuid: string;
            /**
             * @description Units on the shelf at that origin.
             * @example 12
             */
            onHand: number;
        };
        StockPairPage: {
            pairs: components["schemas"]["PairStock"][];
            /** @description Where the next page starts; null after the last. A page may be short, even empty, and still have one. */
            nextCursor: string | null;
        };
        PairStock: {
            /** @example FRA:MAG:0125 */
            code: string;
            /** @example c420a0b0-fd50-446a-b2e0-18ab3bf4c460 */
            artGuid: string;
            /**
             * @description Units on the shelf; null when the pair is not tracked.
             * @example 12
             */
            onHand: number | null;
            /**
             * @description Units orders in progress reserve there.
             * @example 3
             */
            reservedQty: number;
            /**
             * @description onHand - reservedQty (negative when more is reserved than is there); null when untracked.
             * @example 9
             */
            available: number | null;
            /**
             * @description When onHand was counted; null when untracked.
             * @example 2025-09-22T10:00:00.000Z
             */
            asOf: string | null;
        };
        /**
         * @example {
         *       "tenants": [
         *         {
         *           "tenantId": 0,
         *           "enableInternalOrderSync": true,
         *           "orders": 1,
         *           "carts": 0,
         *           "externalOrders": 0,
         *           "lines": 2,
         *           "reservedQty": 3,
         *           "origins": 2,
         *           "articles": 2,
         *           "expiringWithinHour": 0,
         *           "pendingChanges": 1,
         *           "lastSync": {
         *             "tenantId": 0,
         *             "status": "synced",
         *             "mode": "incremental",
         *             "startedAt": "2025-09-22T10:10:00.012Z",
         *             "durationMs": 14,
         *             "ordersWritten": 1,
         *             "ordersDeleted": 0
         *           }
         *         }
         *       ],
         *       "nextCursor": "0"
         *     }
         */
        TenantList: {
            tenants: components["schemas"]["TenantOverview"][];
            /** @description Pass it as `cursor` for the next page; null: no more. */
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "tenantId": 0,
         *       "enableInternalOrderSync": true,
         *       "orders": 1,
         *       "carts": 0,
         *       "externalOrders": 0,
         *       "lines": 2,
         *       "reservedQty": 3,
         *       "origins": 2,
         *       "articles": 2,
         *       "expiringWithinHour": 0,
         *       "pendingChanges": 1,
         *       "lastSync": {
         *         "tenantId": 0,
         *         "status": "synced",
         *         "mode": "incremental",
         *         "startedAt": "2025-09-22T10:10:00.012Z",
         *         "durationMs": 14,
         *         "ordersWritten": 1,
         *         "ordersDeleted": 0
         *       }
         *     }
         */
        TenantOverview: components["schemas"]["TenantSummary"] & {
            tenantId: number;
            /** @description Null when the configuration could not be read (MongoDB down and Redis without it). */
            enableInternalOrderSync: boolean | null;
        };
        ConfigDo: {
            /** @description Whether the ten-minute batch writes this tenant's orders to MongoDB. Default true. */
            enableInternalOrderSync: boolean;
            /**
             * @description The stock-origin saturations (1: a capacity limit reached) whose crossing, upward or downward, appends a `stock_origin.saturation` event. Default [0.8, 1].
             * @example [
             *       0.8,
             *       1
             *     ]
             */
            saturationThresholds: number[];
            /**
             * @description The reservation policy of order writes that name none (header `Reservation-Policy`): `always` takes every write (the seed contract); `if-available` refuses one a tracked pair lacks the stock for. Default `always`.
             * @example always
             * @enum {string}
             */
            reservationPolicy: "always" | "if-available";
            /**
             * @description Per order type, the hold an order written without `expiresAt` gets: it expires that many seconds after its write. A type left out gets none. Default {}.
             * @example {
             *       "Cart": 1800
             *     }
             */
            defaultHoldSeconds: {
                Cart?: number;
                Order?: number;
                ExternalOrder?: number;
            };
        };
        ConfigDoInput: {
            /** @description Whether the ten-minute batch writes this tenant's orders to MongoDB. Default true. */
            enableInternalOrderSync: boolean;
            /**
             * @description The stock-origin saturations (1: a capacity limit reached) whose crossing, upward or downward, appends a `stock_origin.saturation` event. Default [0.8, 1].
             * @example [
             *       0.8,
             *       1
             *     ]
             */
            saturationThresholds?: number[];
            /**
             * @description The reservation policy of order writes that name none (header `Reservation-Policy`): `always` takes every write (the seed contract); `if-available` refuses one a tracked pair lacks the stock for. Default `always`.
             * @example always
             * @enum {string}
             */
            reservationPolicy?: "always" | "if-available";
            /**
             * @description Per order type, the hold an order written without `expiresAt` gets: it expires that many seconds after its write. A type left out gets none. Default {}.
             * @example {
             *       "Cart": 1800
             *     }
             */
            defaultHoldSeconds?: {
                Cart?: number;
                Order?: number;
                ExternalOrder?: number;
            };
        };
        CreatedApiKey: {
            /**
             * Format: uuid
             * @description The key's id (not the secret).
             * @example 0b6f0c1e-4a58-4a53-9a43-9d3c2b7e7c11
             */
            id: string;
            /** @example 42 */
            tenantId: number;
            /** @example 2025-09-22T10:01:20.624Z */
            createdAt: string;
            /** @description Last request made with the key; written within a minute or so of the use. Null: never used. */
            lastUsedAt: string | null;
            /**
             * @description The secret, `rsv_` and 43 base64url characters. Shown this once: only its SHA-256 is stored.
             * @example rsv_3q2-7wKMuHn1dX7cVJ9dAo1e4m3hTZpuXfwTq0H6i5A
             */
            key: string;
        };
        CreateApiKeyRequest: Record<string, never>;
        ApiKeyList: {
            keys: components["schemas"]["ApiKey"][];
        };
        ApiKey: {
            /**
             * Format: uuid
             * @description The key's id (not the secret).
             * @example 0b6f0c1e-4a58-4a53-9a43-9d3c2b7e7c11
             */
            id: string;
            /** @example 42 */
            tenantId: number;
            /** @example 2025-09-22T10:01:20.624Z */
            createdAt: string;
            /** @description Last request made with the key; written within a minute or so of the use. Null: never used. */
            lastUsedAt: string | null;
        };
        TenantQuotasAnswer: {
            tenantId: number;
            quotas: components["schemas"]["TenantQuotas"];
            defaults: components["schemas"]["TenantQuotas"] & unknown;
        };
        /** @description The quotas in force: those set for the tenant, else the defaults. */
        TenantQuotas: {
            /** @description Orders stored at once. A new order past it: 403 QUOTA_EXCEEDED. */
            orders: number;
            /** @description Lines of one order (never more than 5,000, the schema's limit). */
            linesPerOrder: number;
            /** @description Webhook endpoints. */
            webhookEndpoints: number;
            /** @description Stock origins with a capacity. */
            capacities: number;
            /** @description Idempotency-Key records kept at once (each for IDEMPOTENCY_TTL_MS). */
            idempotencyRecords: number;
            /** @description Tracked (origin, article) pairs: stock levels kept at once. A count that would track more: 403 QUOTA_EXCEEDED. */
            stockLevels: number;
            /** @description Webhook deliveries queued at once for the tenant's paused endpoints, all together. Past it a new event is not queued for a paused endpoint (it stays in the change feed) and is counted in the endpoint's `dropped`; the write behind the event is never refused. */
            pausedDeliveries: number;
        };
        /** @description The quotas to set; null puts one back to its default; one left out is unchanged. */
        TenantQuotasInput: {
            /** @description Orders stored at once. A new order past it: 403 QUOTA_EXCEEDED. */
            orders?: number | null;
            /** @description Lines of one order (never more than 5,000, the schema's limit). */
            linesPerOrder?: number | null;
            /** @description Webhook endpoints. */
            webhookEndpoints?: number | null;
            /** @description Stock origins with a capacity. */
            capacities?: number | null;
            /** @description Idempotency-Key records kept at once (each for IDEMPOTENCY_TTL_MS). */
            idempotencyRecords?: number | null;
            /** @description Tracked (origin, article) pairs: stock levels kept at once. A count that would track more: 403 QUOTA_EXCEEDED. */
            stockLevels?: number | null;
            /** @description Webhook deliveries queued at once for the tenant's paused endpoints, all together. Past it a new event is not queued for a paused endpoint (it stays in the change feed) and is counted in the endpoint's `dropped`; the write behind the event is never refused. */
            pausedDeliveries?: number | null;
        };
        ReconcileRun: {
            /** @enum {string} */
            trigger: "admin" | "schedule" | "restore";
            dryRun: boolean;
            startedAt: string;
            durationMs: number;
            driftCount: number;
            tenants: components["schemas"]["TenantReconcileReport"][];
        };
        TenantReconcileReport: {
            tenantId: number;
            /**
             * @description `drifted`: drift found by a dry run (not repaired). `skipped`: over RECONCILE_MAX_ORDERS orders.
             * @enum {string}
             */
            status: "consistent" | "repaired" | "drifted" | "skipped" | "failed";
            reason?: string;
            ordersChecked: number;
            /** @description Figures that differed (all counted; the first 1000 listed). */
            driftCount: number;
            drift: components["schemas"]["ReservationDrift"][];
            /** @description Stored orders that could not be read; they reserve nothing. */
            unreadableOrders: string[];
            durationMs: number;
            error?: string;
        };
        ReservationDrift: {
            /**
             * @description `reservedQty`/`lineCount`/`orderCount`: the origin's totals; `originArticleQty`: the article's quantity at the origin; `articleOriginQty`: the same seen from the article; `wrongType`: a figure key of the wrong Redis type (`code` names it); `indexEntry`: an order index entry missing or extra (`code` names it: kind letter, value, a space, the orderId; stored/recomputed 1 or 0); `counter`: a tenant counter (`code`: Order, Cart, ExternalOrder, lines, units or articles); `stockLevel`: a tracked pair's level in Redis (`stored`: its onHand) differs from MongoDB's (`recomputed`: its onHand; null: one side lacks the pair); the repair copies the level counted later to the other side.
             * @enum {string}
             */
            figure: "reservedQty" | "lineCount" | "orderCount" | "originArticleQty" | "articleOriginQty" | "wrongType" | "indexEntry" | "counter" | "stockLevel";
            /**
             * @description The stock origin.
             * @example FRA:MAG:0125
             */
            code: string;
            /** @description The article, for per-article figures. */
            artGuid?: string;
            /** @description What the store held; null: nothing. */
            stored: number | string | null;
            /** @description What the stored orders add up to; 0: the figure should not exist (stockLevel: MongoDB's onHand). */
            recomputed: number | null;
        };
        EventPage: {
            /** @description Oldest first. */
            events: components["schemas"]["Event"][];
            /**
             * @description Pass it as `after` to continue: the id of the last event of the page; with no event, the cursor given (or the newest id, without one). A page shorter than `limit` means the consumer is up to date.
             * @example 1758535280624-0
             */
            nextCursor: string;
        };
        Event: {
            /**
             * @description An event id (`<milliseconds>-<sequence>`), as the feed gives them.
             * @example 1758535280624-0
             */
            id: string;
            /**
             * @example order.created
             * @enum {string}
             */
            type: "order.created" | "order.updated" | "order.lines_removed" | "order.deleted" | "order.expired" | "orders.replaced" | "stock_origin.saturation" | "stock.out" | "stock.back";
            /**
             * @description When the change was made (the milliseconds of `id`).
             * @example 2025-09-22T10:01:20.624Z
             */
            at: string;
            /** @example 0 */
            tenantId: number;
            /** @description What a consumer needs without a second call; its shape follows `type`. */
            data: components["schemas"]["OrderEventData"] | components["schemas"]["LinesRemovedEventData"] | components["schemas"]["OrdersReplacedEventData"] | components["schemas"]["SaturationEventData"] | components["schemas"]["StockCrossingEventData"];
        };
        /** @description `order.created`, `order.updated`: the order as written. `order.deleted`, `order.expired`: the order as it was. */
        OrderEventData: {
            order: components["schemas"]["Order"] & unknown;
        };
        LinesRemovedEventData: {
            orderId: string;
            /** @description The stock origin whose lines were removed (shipped). */
            code: string;
            /** @description The lines removed. */
            lines: components["schemas"]["OrderLine"][];
            /** @description The order left, or null when it was deleted for lack of lines. */
            order: components["schemas"]["Order"] | null;
        };
        OrdersReplacedEventData: {
            /** @description Orders in the new set. */
            orderCount: number;
            /** @description Orders of the old set that are gone. */
            removedCount: number;
        };
        SaturationEventData: {
            code: string;
            /**
             * @description `up`: the saturation rose to or past the threshold; `down`: it fell below it.
             * @enum {string}
             */
            direction: "up" | "down";
            /**
             * @description The tenant's threshold crossed (config `saturationThresholds`).
             * @example 0.8
             */
            threshold: number;
            saturation: number | null;
            previousSaturation: number | null;
            reservedQty: number;
            lineCount: number;
            orderCount: number;
            capacity: {
                maxQty: number | null;
                maxLines: number | null;
                maxOrders: number | null;
            };
        };
        /** @description `stock.out`: a tracked pair's available units fell to 0 or below; `stock.back`: they rose above 0 again (or it was untracked). */
        StockCrossingEventData: {
            code: string;
            artGuid: string;
            /** @description The level after; null when the pair was untracked (no limit any more). */
            onHand: number | null;
            reservedQty: number;
            /** @description onHand - reservedQty after; null when untracked. */
            available: number | null;
            /** @description Before the change; null when the pair was not tracked (it had no limit). */
            previousAvailable: number | null;
        };
        CreatedWebhookEndpoint: {
            /** @example ep_2r0bC0d3xq9lVb8s1hZk4A */
            id: string;
            /** @example 0 */
            tenantId: number;
            url: string;
            /**
             * @description The event types sent to this endpoint.
             * @example [
             *       "order.created",
             *       "order.lines_removed"
             *     ]
             */
            events: ("order.created" | "order.updated" | "order.lines_removed" | "order.deleted" | "order.expired" | "orders.replaced" | "stock_origin.saturation" | "stock.out" | "stock.back")[];
            /** @example Storefront cache invalidation */
            description: string | null;
            /**
             * @description `active`: deliveries are sent. `paused` (by the tenant): deliveries queue up and are sent once it is `active` again. `disabled`: every attempt failed for `WEBHOOK_DISABLE_AFTER`; no new deliveries, pending ones failed (see `disabledReason`); set `active` to re-enable.
             * @enum {string}
             */
            status: "active" | "paused" | "disabled";
            createdAt: string;
            updatedAt: string;
            /**
             * @description The first failed attempt since the last successful one; null while deliveries succeed.
             * @example 2025-09-22T10:01:20.624Z
             */
            failingSince: string | null;
            /**
             * @description When it was disabled for failing; null unless disabled.
             * @example 2025-09-22T10:01:20.624Z
             */
            disabledAt: string | null;
            /** @example every delivery attempt failed for 5d or more (last: HTTP 503) */
            disabledReason: string | null;
            /**
             * @description The signing secret (`whsec_` + base64 of 32 random bytes), shown this once. Receivers check each delivery with it (Standard Webhooks).
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3X+7V0K1Gq0=
             */
            secret: string;
        };
        CreateWebhookEndpoint: {
            /**
             * @description Where deliveries are POSTed: http or https. Refused when the host is or resolves to a loopback, private or link-local address (unless `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`). Redirects are never followed.
             * @example https://shop.example.com/hooks/reservoir
             */
            url: string;
            /**
             * @description The event types sent to this endpoint.
             * @example [
             *       "order.created",
             *       "order.lines_removed"
             *     ]
             */
            events: ("order.created" | "order.updated" | "order.lines_removed" | "order.deleted" | "order.expired" | "orders.replaced" | "stock_origin.saturation" | "stock.out" | "stock.back")[];
            /** @example Storefront cache invalidation */
            description?: string | null;
        };
        WebhookEndpointList: {
            webhooks: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookEndpoint: {
            /** @example ep_2r0bC0d3xq9lVb8s1hZk4A */
            id: string;
            /** @example 0 */
            tenantId: number;
            url: string;
            /**
             * @description The event types sent to this endpoint.
             * @example [
             *       "order.created",
             *       "order.lines_removed"
             *     ]
             */
            events: ("order.created" | "order.updated" | "order.lines_removed" | "order.deleted" | "order.expired" | "orders.replaced" | "stock_origin.saturation" | "stock.out" | "stock.back")[];
            /** @example Storefront cache invalidation */
            description: string | null;
            /**
             * @description `active`: deliveries are sent. `paused` (by the tenant): deliveries queue up and are sent once it is `active` again. `disabled`: every attempt failed for `WEBHOOK_DISABLE_AFTER`; no new deliveries, pending ones failed (see `disabledReason`); set `active` to re-enable.
             * @enum {string}
             */
            status: "active" | "paused" | "disabled";
            createdAt: string;
            updatedAt: string;
            /**
             * @description The first failed attempt since the last successful one; null while deliveries succeed.
             * @example 2025-09-22T10:01:20.624Z
             */
            failingSince: string | null;
            /**
             * @description When it was disabled for failing; null unless disabled.
             * @example 2025-09-22T10:01:20.624Z
             */
            disabledAt: string | null;
            /** @example every delivery attempt failed for 5d or more (last: HTTP 503) */
            disabledReason: string | null;
        };
        UpdateWebhookEndpoint: {
            /**
             * @description Where deliveries are POSTed: http or https. Refused when the host is or resolves to a loopback, private or link-local address (unless `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`). Redirects are never followed.
             * @example https://shop.example.com/hooks/reservoir
             */
            url?: string;
            /**
             * @description The event types sent to this endpoint.
             * @example [
             *       "order.created",
             *       "order.lines_removed"
             *     ]
             */
            events?: ("order.created" | "order.updated" | "order.lines_removed" | "order.deleted" | "order.expired" | "orders.replaced" | "stock_origin.saturation" | "stock.out" | "stock.back")[];
            /** @example Storefront cache invalidation */
            description?: string | null;
            /**
             * @description `paused` holds deliveries (they queue); `active` resumes them, and re-enables a disabled endpoint.
             * @enum {string}
             */
            status?: "active" | "paused";
        };
        WebhookDeliveryPage: {
            deliveries: components["schemas"]["WebhookDelivery"][];
            /** @description Null on the last page. */
            nextCursor: string | null;
        };
        WebhookDelivery: {
            /**
             * @description The delivery's id: its event's id (one delivery per event and endpoint).
             * @example 1758535280624-0
             */
            id: string;
            endpointId: string;
            /** @enum {string} */
            eventType: "order.created" | "order.updated" | "order.lines_removed" | "order.deleted" | "order.expired" | "orders.replaced" | "stock_origin.saturation" | "stock.out" | "stock.back";
            /**
             * @description `pending`: to be attempted (see `nextAttemptAt`); `delivered`: a 2xx came in time; `failed`: the retry schedule is spent (or the endpoint was disabled).
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            createdAt: string;
            /**
             * @description Null before the first attempt.
             * @example 2025-09-22T10:01:20.624Z
             */
            lastAttemptAt: string | null;
            /** @description The last attempt's HTTP status, null when none came (timeout, refused...). */
            lastStatusCode: number | null;
            /** @example no answer within 5000 ms (timed out) */
            lastError: string | null;
            /** @description The start of the receiver's last answer (512 characters at most). */
            lastResponse: string | null;
            lastDurationMs: number | null;
            /**
             * @description When the next attempt is due (pending only).
             * @example 2025-09-22T10:01:20.624Z
             */
            nextAttemptAt: string | null;
            /**
             * @description When it was delivered.
             * @example 2025-09-22T10:01:20.624Z
             */
            deliveredAt: string | null;
            /**
             * @description When it failed.
             * @example 2025-09-22T10:01:20.624Z
             */
            failedAt: string | null;
        };
        WebhookDeliveryDetail: components["schemas"]["WebhookDelivery"] & {
            /** @description The body sent, while it is kept (pending and failed deliveries); null once delivered. */
            event: components["schemas"]["Event"] | null;
        };
        WebhookStats: {
            endpointId: string;
            lastHour: components["schemas"]["WebhookStatsLastHour"];
            last24Hours: components["schemas"]["WebhookStatsLast24Hours"];
            /** @description Deliveries not yet delivered nor failed. */
            pending: number;
            /**
             * @description When the oldest pending delivery's event happened; null when none is pending.
             * @example 2025-09-22T10:01:20.624Z
             */
            oldestPendingAt: string | null;
            /**
             * @description The last attempt answered 2xx in time; null when none is recorded (figures are kept 24 hours, the last success and failure as long as the endpoint).
             * @example 2025-09-22T10:01:20.624Z
             */
            lastSuccessAt: string | null;
            /**
             * @description The last failed attempt; null when none is recorded.
             * @example 2025-09-22T10:01:20.624Z
             */
            lastFailureAt: string | null;
            /**
             * @description The last failed attempt's status code and error.
             * @example {
             *       "statusCode": 503,
             *       "error": "HTTP 503"
             *     }
             */
            lastFailure: {
                statusCode: number | null;
                error: string | null;
            } | null;
            /**
             * @description Events not queued for this endpoint while it was paused and the tenant's `pausedDeliveries` quota was reached, since the endpoint was created. They were never delivered; they stay in the change feed (`GET /{tenantId}/events`) while it keeps them.
             * @example 0
             */
            dropped: number;
            /**
             * @description The last time an event was not queued for it (see `dropped`); null when none was.
             * @example 2025-09-22T10:01:20.624Z
             */
            lastDroppedAt: string | null;
        };
        WebhookStatsLastHour: {
            /** @description Delivery attempts recorded in the last hour. */
            attempts: number;
            /** @description Attempts answered 2xx within `WEBHOOK_TIMEOUT_MS`. */
            attemptsSucceeded: number;
            attemptsFailed: number;
            /** @description Deliveries delivered. */
            deliveriesSucceeded: number;
            /** @description Deliveries failed for good (retry schedule spent, or the endpoint disabled). */
            deliveriesFailed: number;
            /**
             * @description attemptsSucceeded / attempts; null without attempts.
             * @example 0.98
             */
            successRate: number | null;
            /**
             * @description Half the attempts were answered within this (the upper bound of a bucket: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000 ms); null without attempts.
             * @example 50
             */
            p50DurationMs: number | null;
            /**
             * @description 95% of the attempts were answered within this (same buckets).
             * @example 250
             */
            p95DurationMs: number | null;
        };
        WebhookStatsLast24Hours: {
            /** @description Delivery attempts recorded in the last 24 hours. */
            attempts: number;
            /** @description Attempts answered 2xx within `WEBHOOK_TIMEOUT_MS`. */
            attemptsSucceeded: number;
            attemptsFailed: number;
            /** @description Deliveries delivered. */
            deliveriesSucceeded: number;
            /** @description Deliveries failed for good (retry schedule spent, or the endpoint disabled). */
            deliveriesFailed: number;
            /**
             * @description attemptsSucceeded / attempts; null without attempts.
             * @example 0.98
             */
            successRate: number | null;
            /**
             * @description Half the attempts were answered within this (the upper bound of a bucket: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000 ms); null without attempts.
             * @example 50
             */
            p50DurationMs: number | null;
            /**
             * @description 95% of the attempts were answered within this (same buckets).
             * @example 250
             */
            p95DurationMs: number | null;
        };
        WebhookTestResult: {
            /** @description The receiver answered 2xx within `WEBHOOK_TIMEOUT_MS`. */
            delivered: boolean;
            /** @description The receiver's HTTP status; null when none came (timeout, refused...). */
            statusCode: number | null;
            durationMs: number;
            /** @example connection refused */
            error: string | null;
            /** @description The start of the receiver's answer (512 characters at most). */
            response: string | null;
            /**
             * @description The `webhook-id` header sent.
             * @example test_0b9f7d0e-2c1f-4f5e-9d7a-3b1c2a4d5e6f
             */
            webhookId: string;
        };
        WebhookRetryAll: {
            /** @description How many deliveries are pending again. */
            retried: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redis answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Redis does not answer: order routes fail fast. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listSyncRuns: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recent runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRuns"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runSyncNow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Optional narrowing. */
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Only this tenant. */
                    tenantId?: number;
                    /** @description Rewrite every order and delete what Redis lacks, instead of the changes only. */
                    full?: boolean;
                };
            };
        };
        responses: {
            /** @description The finished run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRun"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreNow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Optional narrowing. */
        requestBody?: {
            content: {
                "application/json": {
                    tenantId?: number;
                    /** @description Restore even tenants already restored. */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description Per-tenant report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RestoreRun"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenantSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sync status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSyncStatus"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    upsertOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with another request: 422; while the first is still running: 409. Keys are per tenant. */
                "idempotency-key"?: string;
                /** @description `if-available`: refuse the write (409 INSUFFICIENT_STOCK, nothing changed) when a tracked pair lacks the stock its lines ask for. `always`: take it whatever the stock (the seed contract). Absent: the tenant's configuration `reservationPolicy` (default `always`). */
                "reservation-policy"?: "always" | "if-available";
            };
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description The whole order; every field but `expiresAt` is required. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Order"];
            };
        };
        responses: {
            /** @description `true` if created, `false` if redefined. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BooleanAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The stored order was updated more recently than this write. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request (method, route, path parameters or body). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Orders per page, 1–1000. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Orders with a line of this article. */
                artGuid?: string;
                /** @description Orders of this type. */
                type?: "Order" | "Cart" | "ExternalOrder";
                /** @description Orders and carts expiring strictly before this instant. */
                expiresBefore?: string;
                /** @description Orders whose lastUpdated is at or after this instant. */
                updatedSince?: string;
                /** @description Orders with a line at this stock origin. */
                code?: string;
            };
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceOrders: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with another request: 422; while the first is still running: 409. Keys are per tenant. */
                "idempotency-key"?: string;
            };
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description Every order of the tenant; orderIds must be unique. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderList"];
            };
        };
        responses: {
            /** @description The new set is in place. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplaceSummary"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (or, for an upsert, the stored order is newer). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request (method, route, path parameters or body). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteOrderLinesAtOrigin: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with another request: 422; while the first is still running: 409. Keys are per tenant. */
                "idempotency-key"?: string;
            };
            path: {
                tenantId: number;
                /** @description Order identifier. */
                orderId: string;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `true` if the order was found, `false` if not. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BooleanAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (or, for an upsert, the stored order is newer). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request (method, route, path parameters or body). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with another request: 422; while the first is still running: 409. Keys are per tenant. */
                "idempotency-key"?: string;
            };
            path: {
                tenantId: number;
                /** @description Order identifier. */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `true` if the order was found and deleted, `false` if there was none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BooleanAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (or, for an upsert, the stored order is newer). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request (method, route, path parameters or body). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Order identifier. */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order, with the lines not yet shipped. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    holdOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with another request: 422; while the first is still running: 409. Keys are per tenant. */
                "idempotency-key"?: string;
            };
            path: {
                tenantId: number;
                /** @description Order identifier. */
                orderId: string;
            };
            cookie?: never;
        };
        /** @description The new expiry. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Hold"];
            };
        };
        responses: {
            /** @description `true` if the order was found live and its hold moved, `false` if not. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BooleanAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (or, for an upsert, the stored order is newer). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request (method, route, path parameters or body). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shipOrderLines: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with another request: 422; while the first is still running: 409. Keys are per tenant. */
                "idempotency-key"?: string;
            };
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description 1–1000 items. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShipmentList"];
            };
        };
        responses: {
            /** @description Per item, whether its order exists. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentAnswers"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (or, for an upsert, the stored order is newer). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request (method, route, path parameters or body). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listStockOriginOrders: {
        parameters: {
            query?: {
                /** @description Orders per page, 1–1000. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Orders with a line of this article. */
                artGuid?: string;
                /** @description Orders of this type. */
                type?: "Order" | "Cart" | "ExternalOrder";
                /** @description Orders and carts expiring strictly before this instant. */
                expiresBefore?: string;
                /** @description Orders whose lastUpdated is at or after this instant. */
                updatedSince?: string;
                /** @description `only`: each order with only its lines at this origin. */
                linesAt?: "all" | "only";
            };
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listStockOrigins: {
        parameters: {
            query?: {
                /** @description At most this many origins. */
                limit?: number;
            };
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Origins with their totals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockOriginList"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCapacity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The capacity; null when none is set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockOriginCapacity"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putCapacity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
            };
            cookie?: never;
        };
        /** @description The three limits. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockOriginCapacity"];
            };
        };
        responses: {
            /** @description The capacity now in force (null: none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockOriginCapacity"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCapacity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The origin has no capacity any more. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStockOrigin: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page; none for the first. */
                cursor?: string;
                /** @description Articles at most in the page. */
                limit?: number;
            };
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What orders in progress reserve there. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockOrigin"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getArticle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Article identifier. */
                artGuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Where the article is reserved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleReservation"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queryReservations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description Articles, and optionally the origins to answer for. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReservationsQuery"];
            };
        };
        responses: {
            /** @description One entry per article asked for. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationsAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    simulateReservations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description The plans. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SimulateRequest"];
            };
        };
        responses: {
            /** @description One outcome per plan, in order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimulateAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSummary"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listStock: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page; none for the first. */
                cursor?: string;
                /** @description Pairs looked at for the page (about). */
                limit?: number;
                /** @description Only pairs with at most this many units available (0: out of stock). */
                maxAvailable?: number | null;
            };
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tracked pairs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockPairPage"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description The levels and when they were counted. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockCount"];
            };
        };
        responses: {
            /** @description How many levels were set, and how many were older than the stored ones. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockCountOutcome"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPairStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
                /** @description Article identifier. */
                artGuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pair's stock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PairStock"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePairStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                /** @description Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`). */
                code: string;
                /** @description Article identifier. */
                artGuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whether the pair was tracked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BooleanAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantList"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenantConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configuration in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDo"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putTenantConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description The whole configuration; a field left out takes its default. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigDoInput"];
            };
        };
        responses: {
            /** @description The configuration now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigDo"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description Optional; no field yet. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The new key, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenantQuotas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quotas in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantQuotasAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setTenantQuotas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description The quotas to change. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantQuotasInput"];
            };
        };
        responses: {
            /** @description The quotas now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantQuotasAnswer"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reconcileNow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Optional narrowing. */
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Only this tenant. */
                    tenantId?: number;
                    /** @description Report only; repair nothing. */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description The finished run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconcileRun"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics of this replica. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Events after this id. Omitted: from the oldest event kept (`GET /events`), or from now on (`/events/stream`). */
                after?: string;
                /** @description At most this many events (1-1000, default 100). */
                limit?: number;
            };
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events after the cursor, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The cursor is older than the oldest event kept: events were missed. Resynchronise, then follow the feed again. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description Events after this id. Omitted: from the oldest event kept (`GET /events`), or from now on (`/events/stream`). */
                after?: string;
            };
            header?: {
                /** @description Sent by an EventSource that reconnects: resume after this event (wins over `after`). */
                "last-event-id"?: string;
            };
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream of events, until the client closes it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The cursor is older than the oldest event kept: events were missed. Resynchronise, then follow the feed again. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
            };
            cookie?: never;
        };
        /** @description The endpoint. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpoint"];
            };
        };
        responses: {
            /** @description The endpoint, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource is not in a state that allows this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        /** @description The fields to change. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpoint"];
            };
        };
        responses: {
            /** @description The endpoint as it now is. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description Only those in this state. */
                status?: "pending" | "delivered" | "failed";
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
                /** @description An event id (`<milliseconds>-<sequence>`), as the feed gives them. */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDetail"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
                /** @description An event id (`<milliseconds>-<sequence>`), as the feed gives them. */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending again. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource is not in a state that allows this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookStats"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the receiver answered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookTestResult"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryFailedDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: number;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many were retried. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookRetryAll"];
                };
            };
            /** @description The request is invalid: the body names each wrong field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or an unknown one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key may not act on this tenant or route (FORBIDDEN), or the write would go past one of the tenant's quotas (QUOTA_EXCEEDED, naming the quota and its limit; nothing was changed). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource is not in a state that allows this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is over the size limit; nothing was stored. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body must be application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected error: logged with its stack; the answer gives only the request id (code INTERNAL). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Redis (or for some routes MongoDB) is unavailable; nothing was changed. Retry. NOT_REPLICATED: the write was made but too few Redis replicas acknowledged it in time; retry with the same Idempotency-Key. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
