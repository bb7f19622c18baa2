/** Xero's GET /connections and DELETE /connections/{id} (api.xero.com/connections). */
import type { RequestContext } from '../context';
import { empty, json } from '../http';
import type { SandboxResponse } from '../types';
import { checkXpmBearer } from './auth';

export function listConnections(ctx: RequestContext): SandboxResponse {
  const bearer = checkXpmBearer(ctx);
  if (!bearer.ok) return bearer.response;
  const authEventId = ctx.url.searchParams.get('authEventId');
  const list = bearer.grant.data.connections.filter((c) => !authEventId || c.authEventId === authEventId);
  return json(200, list);
}

/** Removing the last connection ends the grant, as disconnecting the only tenant does at Xero. */
export function deleteConnection(ctx: RequestContext, id: string): SandboxResponse {
  const bearer = checkXpmBearer(ctx);
  if (!bearer.ok) return bearer.response;
  const data = bearer.grant.data;
  const before = data.connections.length;
  data.connections = data.connections.filter((c) => c.id !== id);
  if (data.connections.length === before) return json(404, { Type: null, Title: 'Not Found', Status: 404, Detail: 'Connection not found' });
  if (data.connections.length === 0) ctx.state.xpmOAuth.revokeGrant(bearer.grant.id);
  return empty(204);
}
