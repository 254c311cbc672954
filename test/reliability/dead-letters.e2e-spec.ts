import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor } from '@crm/testing';

describe('a message its handler cannot process', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications'], env: { AMQP_RETRY_DELAYS_MS: '200,400', AMQP_DELIVERY_LIMIT: '3' } });
    spy = await AmqpSpy.connect();
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('goes to the dead-letter queue after its retries, does not block others, and an admin can list and replay it', async () => {
    const exchange = `${world.platform.amqpPrefix}crm.events`;
    const me = (await world.api.get('/api/v1/auth/me', world.adminToken)).body;
    const tenantId = me.tenantId ?? me.user?.tenantId;
    const ghostUserId = randomUUID();
    const poisonId = randomUUID();
    const contactId = randomUUID();
    // An assignment to a user notifications has never heard of: the handler fails every time.
    await spy.publish(
      exchange,
      'contacts.contact.assigned',
      {
        specversion: '1.0',
        id: poisonId,
        source: 'crm/contacts',
        type: 'contacts.contact.assigned',
        time: new Date().toISOString(),
        subject: contactId,
        datacontenttype: 'application/json',
        tenantid: tenantId,
        data: {
          contactId,
          displayName: 'Cliente Fantasma',
          ownerId: ghostUserId,
          previousOwnerId: null,
          teamId: null,
          assignedBy: me.id ?? me.user?.id,
          assignedAt: new Date().toISOString(),
          version: 2,
        },
      },
      poisonId,
    );

    // Other messages keep flowing meanwhile: a normal assignment still e-mails its agent.
    const agent = await world.createUser(['sales']);
    const contact = await world.createContact(world.adminToken);
    await world.assign(world.adminToken, contact.id, agent.id);
    await world.platform.smtp.waitForMessages((m) => m.to.includes(agent.email), { count: 1, timeoutMs: 20_000 });

    let lastDeadLetters: unknown;
    const deadLetter = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/admin/dead-letters?service=notifications', world.adminToken);
        lastDeadLetters = response;
        return response.body.items?.find((item: { messageId: string }) => item.messageId === poisonId);
      },
      { timeoutMs: 30_000, description: 'the poison message in the dead letters' },
    ).catch((error) => {
      throw new Error(`${error.message}; last answer: ${JSON.stringify(lastDeadLetters)}; me: ${JSON.stringify(me)}\n${world.platform.logsOf('notifications').slice(-3000)}`);
    });
    expect(deadLetter).toMatchObject({ routingKey: 'contacts.contact.assigned', replayedAt: null });

    const seller = await world.createUser(['sales']);
    expect((await world.api.get('/api/v1/admin/dead-letters?service=notifications', seller.token)).status).toBe(403);

    // The missing user appears (as identity would announce it); the admin replays the message.
    const ghostEmail = `fantasma-${ghostUserId.slice(0, 6)}@demo.test`;
    await spy.publish(
      exchange,
      'identity.user.created',
      {
        specversion: '1.0',
        id: randomUUID(),
        source: 'crm/gateway',
        type: 'identity.user.created',
        time: new Date().toISOString(),
        subject: ghostUserId,
        datacontenttype: 'application/json',
        tenantid: tenantId,
        data: {
          userId: ghostUserId,
          email: ghostEmail,
          name: 'Usuario Fantasma',
          roles: ['sales'],
          teamIds: [],
          active: true,
          locale: 'es',
          version: 1,
          occurredAt: new Date().toISOString(),
        },
      },
      randomUUID(),
    );
    const replayed = await waitFor(
      async () => {
        const response = await world.api.post(`/api/v1/admin/dead-letters/${deadLetter.id}/replay?service=notifications`, {}, world.adminToken);
        return response.status < 300 ? response : undefined;
      },
      { description: 'the replay to be accepted' },
    );
    expect(replayed.body.replayCount).toBe(1);
    const [mail] = await world.platform.smtp.waitForMessages((m) => m.to.includes(ghostEmail), { count: 1, timeoutMs: 20_000 });
    expect(mail.subject).toContain('Cliente Fantasma');
  }, 120_000);
});
