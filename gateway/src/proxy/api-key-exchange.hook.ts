import type { FastifyInstance } from 'fastify';
import type { ApiKeysService } from '../identity/api-keys/api-keys.service.js';
import { sendProblem } from '../http/problem-reply.js';
import { apiKeyOf } from './bearer-token.js';
import type { ProxyMetrics } from './proxy-metrics.js';

/**
 * For every route (the gateway's own and proxied ones): a caller with an API key
 * (`Authorization: ApiKey …` or `x-api-key`) is checked here and the request continues with a
 * freshly minted short-lived Bearer token of kind `api-key` instead, so services only ever see
 * JWTs and never the key. A bad or revoked key is a 401 right away.
 */
export function registerApiKeyExchange(fastify: FastifyInstance, apiKeys: ApiKeysService, metrics: ProxyMetrics): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const headers = request.raw.headers;
    const key = apiKeyOf(headers);
    const hadHeader = headers['x-api-key'] !== undefined;
    if (hadHeader) delete headers['x-api-key'];
    if (!key) {
      if (hadHeader && !headers.authorization) return rejectKey();
      return;
    }
    const caller = await apiKeys.authenticate(key);
    if (!caller) return rejectKey();
    headers.authorization = `Bearer ${await apiKeys.mintToken(caller)}`;

    function rejectKey() {
      metrics.rejected.inc({ reason: 'api_key' });
      return sendProblem(request, reply, 401, 'La clave de API no es válida o fue revocada.');
    }
  });
}
