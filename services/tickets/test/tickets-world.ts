import { randomUUID } from 'node:crypto';
import { CrmWorld, waitFor, type WorldUser } from '@crm/testing';

/** Helpers of the tickets end-to-end tests: everything through the gateway, as a client would. */
export class TicketsWorld {
  constructor(readonly world: CrmWorld) {}

  get api() {
    return this.world.api;
  }

  async createTicket(token: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await this.api.post(
      '/api/v1/tickets',
      {
        pqrClass: 'reclamo',
        subject: `Cobro doble en la factura ${randomUUID().slice(0, 6)}`,
        description: 'Me cobraron dos veces el mes de marzo.',
        requester: { name: 'María Pérez', documentType: 'CC', documentNumber: '1020304050', email: 'maria.perez@example.com', phone: '+57 300 123 4567' },
        ...body,
      },
      token,
      headers,
    );
    if (response.status !== 201) throw new Error(`ticket: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; radicado: string; version: number; assigneeId: string | null; teamId: string | null; status: string; contactId: string | null };
  }

  /** Waits until tickets knows the user (identity events are asynchronous), by assigning to them. */
  async assign(token: string, ticketId: string, body: Record<string, unknown>) {
    return waitFor(
      async () => {
        const current = await this.api.get(`/api/v1/tickets/${ticketId}`, token);
        const response = await this.api.post(`/api/v1/tickets/${ticketId}/assign`, { ...body, version: current.body.version }, token);
        if (response.status === 200) return response.body as { id: string; version: number; assigneeId: string; teamId: string | null };
        if (response.status !== 400) throw new Error(`assign: ${response.status} ${JSON.stringify(response.body)}`);
        return undefined;
      },
      { timeoutMs: 15_000, description: `tickets to learn the assignee and assign ${ticketId}` },
    );
  }

  /** A user tickets already knows (its identity event was consumed): seen through an assignment probe. */
  async knownUser(roles: string[], teamIds: string[], name?: string): Promise<WorldUser> {
    const user = await this.world.createUser(roles, teamIds, name ? { name } : {});
    const probe = await this.createTicket(this.world.adminToken, { teamId: teamIds[0] });
    await this.assign(this.world.adminToken, probe.id, { assigneeId: user.id });
    return user;
  }
}
