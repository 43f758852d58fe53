import type { Db } from 'mongodb';
import type { ArchivedEndpoint, EndpointChanges, WebhookArchive } from '../domain/webhook-ports.js';
import type { WebhookEndpoint } from '../domain/webhooks.js';
import type { MongoConnection } from './mongo.js';

/**
 * A webhook endpoint in MongoDB: tenant configuration, restored into Redis after a Redis loss.
 * `_id` is `<tenantId>:<endpointId>`; every write addresses one document by it and is idempotent
 * (no transaction needed). The signing secret is kept as is: every delivery is signed with it.
 */
interface EndpointDocument {
  _id: string;
  tenantId: number;
  endpointId: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'paused';
  secret: string;
  createdAt: Date;
  updatedAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
}

export const WEBHOOK_ENDPOINTS_COLLECTION = 'webhook_endpoints';

const endpointsOf = (db: Db) => db.collection<EndpointDocument>(WEBHOOK_ENDPOINTS_COLLECTION);
const documentId = (tenantId: number, endpointId: string) => `${tenantId}:${endpointId}`;

function toEndpoint(doc: EndpointDocument): ArchivedEndpoint {
  return {
    id: doc.endpointId,
    tenantId: doc.tenantId,
    url: doc.url,
    events: doc.events as WebhookEndpoint['events'],
    description: doc.description ?? null,
    status: doc.status,
    secret: doc.secret,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    disabledAt: doc.disabledAt ? doc.disabledAt.toISOString() : null,
    disabledReason: doc.disabledReason ?? null,
  };
}

export class MongoWebhookArchive implements WebhookArchive {
  private indexed = false;

  constructor(private readonly mongo: MongoConnection) {}

  private run<T>(operation: (endpoints: ReturnType<typeof endpointsOf>) => Promise<T>): Promise<T> {
    return this.mongo.run(async (db) => {
      if (!this.indexed) {
        await endpointsOf(db).createIndex({ tenantId: 1, createdAt: 1 }, { name: 'tenant_created' });
        this.indexed = true;
      }
      return operation(endpointsOf(db));
    });
  }

  putEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    return this.run(async (endpoints) => {
      const doc: EndpointDocument = {
        _id: documentId(endpoint.tenantId, endpoint.id),
        tenantId: endpoint.tenantId,
        endpointId: endpoint.id,
        url: endpoint.url,
        events: endpoint.events,
        description: endpoint.description,
        status: endpoint.status,
        secret: endpoint.secret,
        createdAt: new Date(endpoint.createdAt),
        updatedAt: new Date(endpoint.updatedAt),
        disabledAt: null,
        disabledReason: null,
      };
      await endpoints.replaceOne({ _id: doc._id }, doc, { upsert: true });
    });
  }

  updateEndpoint(tenantId: number, endpointId: string, changes: EndpointChanges, reenable: boolean): Promise<boolean> {
    return this.run(async (endpoints) => {
      const set: Partial<EndpointDocument> = { updatedAt: new Date(changes.updatedAt) };
      if (changes.url !== undefined) set.url = changes.url;
      if (changes.events !== undefined) set.events = changes.events;
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.status !== undefined) set.status = changes.status;
      if (reenable) Object.assign(set, { disabledAt: null, disabledReason: null });
      const result = await endpoints.updateOne({ _id: documentId(tenantId, endpointId) }, { $set: set });
      return result.matchedCount === 1;
    });
  }

  markDisabled(tenantId: number, endpointId: string, disabledAt: string, reason: string): Promise<void> {
    return this.run(async (endpoints) => {
      await endpoints.updateOne(
        { _id: documentId(tenantId, endpointId) },
        { $set: { disabledAt: new Date(disabledAt), disabledReason: reason } },
      );
    });
  }

  deleteEndpoint(tenantId: number, endpointId: string): Promise<boolean> {
    return this.run(async (endpoints) => (await endpoints.deleteOne({ _id: documentId(tenantId, endpointId) })).deletedCount === 1);
  }

  getEndpoint(tenantId: number, endpointId: string): Promise<ArchivedEndpoint | null> {
    return this.run(async (endpoints) => {
      const doc = await endpoints.findOne({ _id: documentId(tenantId, endpointId) });
      return doc ? toEndpoint(doc) : null;
    });
  }

  listEndpoints(tenantId: number): Promise<ArchivedEndpoint[]> {
    return this.run(async (endpoints) => (await endpoints.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toEndpoint));
  }

  listAllEndpoints(): Promise<ArchivedEndpoint[]> {
    return this.run(async (endpoints) => (await endpoints.find({}).toArray()).map(toEndpoint));
  }
}
