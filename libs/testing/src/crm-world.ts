import { randomUUID } from 'node:crypto';
import { ApiClient } from './api-client.js';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TEST_PLATFORM_API_KEY, TestPlatform, type TestPlatformOptions } from './platform/test-platform.js';
import { waitFor } from './wait-for.js';

export interface WorldUser {
  id: string;
  email: string;
  token: string;
}

/**
 * A running platform plus the people the scenarios need, all made through the gateway as a
 * customer would: the demo admin, users and teams, and a second tenant.
 */
export class CrmWorld {
  readonly api: ApiClient;
  adminToken = '';

  private constructor(readonly platform: TestPlatform) {
    this.api = new ApiClient(platform.gatewayUrl);
  }

  static async start(options: TestPlatformOptions = {}): Promise<CrmWorld> {
    const world = new CrmWorld(await TestPlatform.start(options));
    world.adminToken = await world.api.login(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    return world;
  }

  async stop(): Promise<void> {
    await this.platform.stop();
  }

  async createTeam(name: string, token = this.adminToken): Promise<string> {
    const response = await this.api.post('/api/v1/teams', { name }, token);
    if (response.status !== 201) throw new Error(`team: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  }

  async createUser(roles: string[], teamIds: string[] = [], extra: Record<string, unknown> = {}, token = this.adminToken): Promise<WorldUser> {
    const email = `user-${randomUUID().slice(0, 8)}@demo.test`;
    const password = 'Sup3r-Secret-Pass!';
    const response = await this.api.post('/api/v1/users', { email, name: `Usuario ${email.slice(5, 13)}`, password, roles, teamIds, ...extra }, token);
    if (response.status !== 201) throw new Error(`user: ${response.status} ${JSON.stringify(response.body)}`);
    return { id: response.body.id as string, email, token: await this.api.login(email, password) };
  }

  /** A second customer of the platform, with its own admin. */
  async createTenant(): Promise<WorldUser & { tenantSlug: string }> {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const adminEmail = `admin@${slug}.test`;
    const adminPassword = 'Other-Tenant-Pass-1!';
    const response = await this.api.post('/api/v1/platform/tenants', { tenantName: `Otra empresa ${slug}`, slug, adminEmail, adminName: 'Otra Admin', adminPassword }, undefined, {
      'x-platform-key': TEST_PLATFORM_API_KEY,
    });
    if (response.status !== 201) throw new Error(`tenant: ${response.status} ${JSON.stringify(response.body)}`);
    return { id: response.body.admin?.id ?? '', email: adminEmail, token: await this.api.login(adminEmail, adminPassword, slug), tenantSlug: slug };
  }

  /**
   * Creates a contact. Contacts learns teams from identity events (asynchronously), so while a
   * team it was given is still unknown (400 naming teamId) it retries until the deadline.
   */
  async createContact(token: string, body: Record<string, unknown> = {}) {
    const payload: Record<string, unknown> = { kind: 'person', firstName: 'José', lastName: `Pérez ${randomUUID().slice(0, 6)}`, ...body };
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await this.api.post('/api/v1/contacts', payload, token);
      if (response.status === 201) return response.body as { id: string; version: number; displayName: string; ownerId: string | null; teamId: string | null };
      const teamUnknown = response.status === 400 && payload.teamId !== undefined && (response.body.errors ?? []).some((error: { field: string }) => error.field === 'teamId');
      if (!teamUnknown || Date.now() > deadline) throw new Error(`contact: ${response.status} ${JSON.stringify(response.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Assigns once contacts has learnt about the user (identity events are asynchronous): until
   * then the owner is "unknown" (400), so it retries until the deadline.
   */
  async assign(token: string, contactId: string, ownerId: string) {
    return waitFor(
      async () => {
        const current = await this.api.get(`/api/v1/contacts/${contactId}`, token);
        const response = await this.api.post(`/api/v1/contacts/${contactId}/assign`, { ownerId, version: current.body.version }, token);
        if (response.status === 200) return response.body as { id: string; version: number; ownerId: string };
        if (response.status !== 400) throw new Error(`assign: ${response.status} ${JSON.stringify(response.body)}`);
        return undefined;
      },
      { timeoutMs: 15_000, description: `contacts to learn user ${ownerId} and assign ${contactId}` },
    );
  }
}
