import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '@crm/testing';

type Response = ApiResponse<any>;

/**
 * Opportunities learns contacts and users from events: right after a contact or user is made,
 * it may not know them yet (400 naming contactId/agentId/assigneeId). Retry until it does.
 */
export async function createOpportunity(api: ApiClient, token: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await api.post('/api/v1/opportunities', { title: `Oportunidad ${randomUUID().slice(0, 6)}`, ...body }, token, headers);
    const waiting = response.status === 400 && (response.body.errors ?? []).some((error: { field: string }) => ['contactId', 'agentId', 'assigneeId', 'teamId'].includes(error.field));
    if (!waiting || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface StageRef {
  id: string;
  name: string;
  kind: string;
}

/** The default pipeline and its stages by Spanish name. */
export async function defaultPipeline(api: ApiClient, token: string): Promise<{ id: string; stages: Record<string, StageRef> }> {
  const response = await api.get('/api/v1/pipelines', token);
  if (response.status !== 200) throw new Error(`pipelines: ${response.status} ${JSON.stringify(response.body)}`);
  const pipeline = response.body.items.find((item: { isDefault: boolean }) => item.isDefault);
  return { id: pipeline.id, stages: Object.fromEntries(pipeline.stages.map((stage: StageRef) => [stage.name, stage])) };
}
