/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { CreatedApiKey } from '../../domain/api-keys.js';
import { NotFound } from '../../domain/errors.js';
import { errorText, runAction } from '../actions.js';
import { tenantPath, type ConsoleEnv, type Flash } from '../env.js';
import { Csrf, Empty, TableWrap, Time } from '../format.js';
import { Card, renderPage } from '../layout.js';

async function renderKeys(c: Context<ConsoleEnv>, created: CreatedApiKey | null, flash: Flash | null) {
  const tenantId = c.get('consoleTenant');
  const keys = await c.get('services').apiKeys.listKeys(tenantId);
  const csrf = c.get('session').csrfToken;
  return renderPage(
    c,
    {
      title: `Tenant ${tenantId} · API keys`,
      tenant: { id: tenantId, tab: 'keys' },
      flash,
      actions: (
        <form method="post" action={tenantPath(tenantId, '/keys')} class="inline">
          <Csrf token={csrf} />
          <button type="submit" class="btn btn-primary" data-action="create-key">
            Create API key
          </button>
        </form>
      ),
    },
    <>
      {created ? (
        <section class="card card-highlight" aria-labelledby="new-key-title" data-new-key="">
          <h2 id="new-key-title">New key {created.id}</h2>
          <p>Copy it now: it is shown this once, and only its digest is kept.</p>
          <div class="copy-row">
            <label for="new-key" class="sr-only">
              The new API key
            </label>
            <input id="new-key" class="mono" readonly value={created.key} spellcheck={false} />
            <button type="button" class="btn" data-copy="#new-key">
              Copy
            </button>
          </div>
        </section>
      ) : null}
      <Card title="Keys of this tenant" id="keys">
        {keys.length === 0 ? (
          <Empty title="This tenant has no API key.">Create one for its storefront: “Create API key” above.</Empty>
        ) : (
          <TableWrap label="API keys">
            <table class="table" data-keys="">
              <thead>
                <tr>
                  <th scope="col">Key id</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr data-key={key.id}>
                    <th scope="row" class="mono">
                      {key.id}
                    </th>
                    <td>
                      <Time iso={key.createdAt} />
                    </td>
                    <td>{key.lastUsedAt ? <Time iso={key.lastUsedAt} /> : <span class="muted">never</span>}</td>
                    <td class="right">
                      <form
                        method="post"
                        action={tenantPath(tenantId, `/keys/${encodeURIComponent(key.id)}/revoke`)}
                        class="inline"
                        hx-confirm={`Revoke key ${key.id}? Requests with it are refused at once.`}
                      >
                        <Csrf token={csrf} />
                        <button type="submit" class="btn btn-small btn-danger" data-action="revoke" aria-label={`Revoke key ${key.id}`}>
                          Revoke
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
    </>,
  );
}

export function keysPage(c: Context<ConsoleEnv>) {
  return renderKeys(c, null, null);
}

/** POST /console/tenants/:tenantId/keys: the new key is on the page answered (never in a redirect or a cookie). */
export async function createKey(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  try {
    const created = await c.get('services').apiKeys.createKey(tenantId);
    return renderKeys(c, created, { kind: 'ok', text: `Key ${created.id} created.` });
  } catch (error) {
    return renderKeys(c, null, { kind: 'error', text: errorText(c, error) });
  }
}

/** POST /console/tenants/:tenantId/keys/:keyId/revoke. */
export async function revokeKey(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const keyId = c.req.param('keyId') ?? '';
  return runAction(c, tenantPath(tenantId, '/keys'), async () => {
    if (!(await c.get('services').apiKeys.revokeKey(tenantId, keyId))) throw new NotFound(`API key ${keyId} of tenant ${tenantId}`);
    return `Key ${keyId} revoked: requests with it are refused.`;
  });
}
