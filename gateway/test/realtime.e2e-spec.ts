import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signAccessToken } from '@crm/auth';
import { AmqpSpy, CrmWorld, scrapeMetrics, waitFor, type WorldUser } from '@crm/testing';
import { RealtimeTestClient, type Frame } from './realtime-test-client.js';

/**
 * The live channel through the gateway, with real services and clients written with the `ws`
 * package (and fetch for SSE): who may subscribe to what, what each side receives, replay after
 * a reconnect, slow consumers, token expiry, and the live notification feed with preferences.
 */
describe('realtime: WebSocket and SSE through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let teamA: string;
  let agent1: WorldUser;
  let agent2: WorldUser;
  let outsider: WorldUser;
  let ticketId: string;
  let radicado: string;
  let trackingToken: string;
  const clients: RealtimeTestClient[] = [];

  const open = async (token?: string) => {
    const client = token ? await RealtimeTestClient.signedIn(world.platform.gatewayUrl, token) : await RealtimeTestClient.open(world.platform.gatewayUrl);
    clients.push(client);
    return client;
  };
  const reply = async (body: string, token = agent1.token) => {
    const response = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'public', body }, token);
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };
  const repliedWith = (body: string) => (frame: Frame) => frame.type === 'event' && frame.routingKey === 'tickets.ticket.replied' && frame.data.body === body;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities', 'tickets', 'notifications'], gatewayEnv: { REALTIME_MAX_BUFFERED_BYTES: '65536' } });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, 'tickets.#');
    teamA = await world.createTeam('Soporte Cali');
    const teamB = await world.createTeam('Soporte Pasto');
    agent1 = await world.createUser(['support'], [teamA], { name: 'Andrea Salazar Ruiz' });
    agent2 = await world.createUser(['support'], [teamA], { name: 'Camilo Torres' });
    outsider = await world.createUser(['support'], [teamB], { name: 'Bruno Díaz' });

    const portal = (await world.api.get('/api/v1/pqr-portal', world.adminToken)).body.portalKey as string;
    const filed = await world.api.post('/api/v1/public/tickets', {
      portal,
      pqrClass: 'reclamo',
      subject: 'Cobro doble en la factura de marzo',
      description: 'Me cobraron dos veces el servicio de marzo.',
      requester: { name: 'María Pérez Gómez', documentType: 'CC', documentNumber: '1020304050', email: `maria-${randomUUID().slice(0, 8)}@cliente.test`, phone: '+57 300 123 4567' },
    });
    expect({ status: filed.status, body: filed.status === 201 ? null : filed.body }).toEqual({ status: 201, body: null });
    ({ radicado, trackingToken } = filed.body as { radicado: string; trackingToken: string });
    const list = await world.api.get(`/api/v1/tickets?q=${radicado}`, world.adminToken);
    ticketId = (list.body.items as { id: string }[])[0]!.id;
    // Tickets learns users and teams from identity's events: retry the assignment until it knows them.
    await waitFor(
      async () => {
        const current = await world.api.get(`/api/v1/tickets/${ticketId}`, world.adminToken);
        const assigned = await world.api.post(`/api/v1/tickets/${ticketId}/assign`, { assigneeId: agent1.id, teamId: teamA, version: current.body.version }, world.adminToken);
        if (assigned.status !== 200 && assigned.status !== 400) throw new Error(`assign: ${assigned.status} ${JSON.stringify(assigned.body)}`);
        return assigned.status === 200;
      },
      { timeoutMs: 20_000, description: 'tickets to learn the team and assign the ticket' },
    );
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await spy?.close();
    await world?.stop();
  });

  it('refuses what the caller may not see, the same way whether it exists or not', async () => {
    const other = await open(outsider.token);
    const refused = await other.subscribe(`ticket:${ticketId}`);
    const missing = await other.subscribe(`ticket:${randomUUID()}`);
    expect(refused).toMatchObject({ type: 'refused', reason: 'not_visible' });
    expect(missing).toMatchObject({ type: 'refused', reason: 'not_visible' });

    const anonymous = await open();
    const wrongToken = await anonymous.subscribe(`public-ticket:${radicado}`, { token: `${trackingToken.slice(0, -3)}xyz` });
    const noSuchRadicado = await anonymous.subscribe('public-ticket:PQR-2099-999999', { token: trackingToken });
    expect(wrongToken).toMatchObject({ type: 'refused', reason: 'not_visible' });
    expect(noSuchRadicado).toMatchObject({ type: 'refused', reason: 'not_visible' });
    // An anonymous connection gets no staff topic.
    expect(await anonymous.subscribe(`ticket:${ticketId}`)).toMatchObject({ type: 'refused', reason: 'unauthenticated' });

    // A first message that is neither auth nor a public subscription closes the socket.
    const rude = await open();
    rude.send({ type: 'subscribe', topic: `ticket:${ticketId}` });
    expect(await rude.waitForClose()).toBe(4401);
    // A message over REALTIME_MAX_MESSAGE_BYTES (16 KiB) closes the socket.
    const chatty = await open(agent1.token);
    chatty.send({ type: 'ping', padding: 'x'.repeat(20_000) });
    expect(await chatty.waitForClose()).toBe(1009);
    // A bad JWT in the subprotocol is refused at the upgrade.
    await expect(RealtimeTestClient.open(world.platform.gatewayUrl, ['crm.v1', 'crm.bearer.not-a-jwt'])).rejects.toThrow('upgrade answered 401');
  });

  it('delivers a public reply to both agents and the requester, and an internal note to the agents only', async () => {
    const first = await open(agent1.token);
    const second = await RealtimeTestClient.open(world.platform.gatewayUrl, ['crm.v1', `crm.bearer.${agent2.token}`]);
    clients.push(second);
    expect(second.ws.protocol).toBe('crm.v1');
    const requester = await open();
    expect(await first.subscribe(`ticket:${ticketId}`)).toMatchObject({ type: 'subscribed' });
    expect(await second.subscribe(`ticket:${ticketId}`)).toMatchObject({ type: 'subscribed' });
    expect(await requester.subscribe(`public-ticket:${radicado}`, { token: trackingToken })).toMatchObject({ type: 'subscribed' });

    const message = await reply('Hola María, ya revisamos su solicitud.');
    const [a, b, r] = await Promise.all([first, second, requester].map((client) => client.waitFor(repliedWith('Hola María, ya revisamos su solicitud.'), 'the public reply')));
    expect(a).toMatchObject({ topic: `ticket:${ticketId}`, data: { ticketId, messageId: message.id, authorId: agent1.id } });
    expect(b!.id).toBe(a!.id);
    expect(r).toMatchObject({ topic: `public-ticket:${radicado}`, id: a!.id, data: { radicado, messageId: message.id, authorKind: 'staff', authorFirstName: 'Andrea' } });
    // The requester's copy is filtered: no user ids, no requester data, no team.
    for (const hidden of ['authorId', 'assigneeId', 'teamId', 'requester', 'ticketId', 'contactId']) expect(r!.data).not.toHaveProperty(hidden);

    // An internal note: the agents are told (ids only, no body on the bus), the requester never.
    const note = await world.api.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'internal', body: 'Nota interna: cliente difícil.' }, agent2.token);
    expect(note.status).toBe(201);
    const told = await Promise.all(
      [first, second].map((client) => client.waitFor((frame) => frame.routingKey === 'tickets.note.added' && frame.data.messageId === note.body.id, 'the internal note')),
    );
    for (const frame of told) expect(JSON.stringify(frame)).not.toContain('cliente difícil');
    // Events reach the gateway in order: once the requester has the next reply, the note would have come first.
    await reply('Le confirmamos el cambio mañana.');
    await requester.waitFor(repliedWith('Le confirmamos el cambio mañana.'), 'the second reply');
    expect(requester.events().map((frame) => frame.routingKey)).not.toContain('tickets.note.added');
    expect(requester.events().every((frame) => frame.topic === `public-ticket:${radicado}`)).toBe(true);
  });

  it('replays what a reconnecting client missed, once, then goes live', async () => {
    const watcher = await open(agent1.token);
    await watcher.subscribe(`ticket:${ticketId}`);
    const leaving = await open(agent2.token);
    await leaving.subscribe(`ticket:${ticketId}`);
    await reply('Antes de la desconexión');
    const seen = await leaving.waitFor(repliedWith('Antes de la desconexión'), 'the reply before leaving');
    leaving.close();

    await reply('Perdido 1');
    await reply('Perdido 2');
    await watcher.waitFor(repliedWith('Perdido 2'), 'the gateway to route the missed replies');

    const back = await open(agent2.token);
    const answer = await back.subscribe(`ticket:${ticketId}`, { lastEventId: seen.id });
    expect(answer).toMatchObject({ type: 'subscribed', replayed: 2, gap: false });
    await reply('En vivo');
    await back.waitFor(repliedWith('En vivo'), 'the live reply after the replay');
    const bodies = back.events().map((frame) => frame.data.body);
    expect(bodies).toEqual(['Perdido 1', 'Perdido 2', 'En vivo']);
    expect(new Set(back.events().map((frame) => frame.id)).size).toBe(3);

    // An id the gateway no longer (or never) had: nothing replayed, and the client is told to refetch.
    const lost = await open(agent2.token);
    expect(await lost.subscribe(`ticket:${ticketId}`, { lastEventId: randomUUID() })).toMatchObject({ type: 'subscribed', replayed: 0, gap: true });
  });

  it('streams the same events over SSE, with Last-Event-ID replay', async () => {
    const refused = await fetch(`${world.platform.gatewayUrl}/api/v1/realtime/stream?topics=ticket:${ticketId}`, { headers: { authorization: `Bearer ${outsider.token}` } });
    expect(refused.status).toBe(404);
    const anonymous = await fetch(`${world.platform.gatewayUrl}/api/v1/realtime/stream?topics=ticket:${ticketId}`);
    expect(anonymous.status).toBe(401);
    // The requester's stream needs no account, only the tracking token (a wrong one: the same 404 as a missing radicado).
    const publicStream = (radicadoOf: string, token: string) => fetch(`${world.platform.gatewayUrl}/api/v1/realtime/stream?topics=public-ticket:${radicadoOf}&token=${token}`);
    expect((await publicStream(radicado, `${trackingToken.slice(0, -3)}abc`)).status).toBe(404);
    expect((await publicStream('PQR-2099-999999', trackingToken)).status).toBe(404);
    const requesterStream = await publicStream(radicado, trackingToken);
    expect(requesterStream.status).toBe(200);
    await requesterStream.body?.cancel();

    const watcher = await open(agent1.token);
    await watcher.subscribe(`ticket:${ticketId}`);
    await reply('Marca SSE');
    const mark = await watcher.waitFor(repliedWith('Marca SSE'), 'the mark');
    await reply('Por SSE 1');
    await watcher.waitFor(repliedWith('Por SSE 1'), 'the first SSE reply');

    const controller = new AbortController();
    const stream = await fetch(`${world.platform.gatewayUrl}/api/v1/realtime/stream?topics=ticket:${ticketId}`, {
      headers: { authorization: `Bearer ${agent2.token}`, 'last-event-id': mark.id },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const messages: { id?: string; data: Frame }[] = [];
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) messages.push({ id, data: JSON.parse(data) as Frame });
        }
      }
    })().catch(() => undefined);
    await waitFor(async () => messages.find((m) => m.data.type === 'subscribed'), { description: 'the SSE subscribed frame' });
    await reply('Por SSE 2');
    await waitFor(async () => messages.find((m) => m.data.data?.body === 'Por SSE 2'), { description: 'the live SSE event' });
    controller.abort();
    const events = messages.filter((m) => m.data.type === 'event');
    expect(events.map((m) => m.data.data.body)).toEqual(['Por SSE 1', 'Por SSE 2']);
    expect(events.every((m) => m.id === m.data.id)).toBe(true);
  });

  it('drops a client that stops reading instead of buffering for it', async () => {
    const slow = await open(agent1.token);
    await slow.subscribe(`ticket:${ticketId}`);
    await reply('Plantilla para el consumidor lento');
    await slow.waitFor(repliedWith('Plantilla para el consumidor lento'), 'the template reply');
    const template = await spy.waitForMessage((m) => m.routingKey === 'tickets.ticket.replied' && m.body.data.body === 'Plantilla para el consumidor lento');
    slow.pauseReading();
    const big = 'x'.repeat(256 * 1024);
    // 64 × 256 KiB = 16 MiB: more than the kernel's socket buffers, far past the 64 KiB limit.
    for (let i = 0; i < 64; i += 1) {
      const id = randomUUID();
      const event = { ...template.body, id, data: { ...template.body.data, messageId: randomUUID(), body: `${big}${i}` } };
      await spy.publish(`${world.platform.amqpPrefix}crm.events`, 'tickets.ticket.replied', event, id);
      const metrics = await scrapeMetrics(world.platform.gatewayUrl);
      if (/gateway_realtime_dropped_total\{[^}]*reason="slow_consumer"[^}]*\} [1-9]/.test(metrics)) break;
    }
    await waitFor(async () => /gateway_realtime_dropped_total\{[^}]*reason="slow_consumer"[^}]*\} [1-9]/.test(await scrapeMetrics(world.platform.gatewayUrl)), {
      description: 'the gateway to drop the slow consumer',
    });
    slow.resumeReading();
    expect(await slow.waitForClose()).toBe(4429);
    expect(slow.closeReason).toBe('slow consumer');
    expect(await scrapeMetrics(world.platform.gatewayUrl)).toMatch(/gateway_realtime_connections\{[^}]*transport="ws"[^}]*\} \d+/);
  }, 120_000);

  it('works across gateway replicas: events and typing reach clients of another replica, never back to the sender', async () => {
    const replicaUrl = await world.platform.startReplica('gateway');
    await waitFor(async () => ((await (await fetch(`${replicaUrl}/health`)).json()) as { checks: Record<string, { status: string }> }).checks.realtime?.status === 'up', {
      description: 'the second replica to bind its realtime queue',
    });
    const typist = await open(agent1.token);
    const colleague = await RealtimeTestClient.signedIn(replicaUrl, agent2.token);
    const requester = await RealtimeTestClient.open(replicaUrl);
    clients.push(colleague, requester);
    await typist.subscribe(`ticket:${ticketId}`);
    await colleague.subscribe(`ticket:${ticketId}`);
    expect(await requester.subscribe(`public-ticket:${radicado}`, { token: trackingToken })).toMatchObject({ type: 'subscribed' });

    typist.send({ type: 'typing', topic: `ticket:${ticketId}` });
    const seenByColleague = await colleague.waitFor((frame) => frame.type === 'typing', 'the typing frame on the other replica');
    const seenByRequester = await requester.waitFor((frame) => frame.type === 'typing', 'the typing frame on the public side');
    expect(seenByColleague).toMatchObject({ topic: `ticket:${ticketId}`, who: { kind: 'staff', firstName: 'Andrea' } });
    expect(seenByRequester).toMatchObject({ topic: `public-ticket:${radicado}`, who: { kind: 'staff', firstName: 'Andrea' } });
    requester.send({ type: 'typing', topic: `public-ticket:${radicado}` });
    expect(await typist.waitFor((frame) => frame.type === 'typing', 'the requester typing')).toMatchObject({ topic: `ticket:${ticketId}`, who: { kind: 'requester' } });

    // A reply through the first replica reaches both replicas' clients; the typist never got its own typing.
    await reply('Entre réplicas');
    await Promise.all([typist, colleague, requester].map((client) => client.waitFor(repliedWith('Entre réplicas'), 'the reply on both replicas')));
    expect(typist.frames.filter((frame) => frame.type === 'typing').map((frame) => frame.who.kind)).toEqual(['requester']);
    // Typing on a topic the connection does not hold is refused.
    colleague.send({ type: 'typing', topic: `ticket:${randomUUID()}` });
    expect(await colleague.waitFor((frame) => frame.type === 'error' && frame.code === 'not_subscribed', 'the typing refusal')).toBeDefined();
  });

  it('follows an opportunity for whoever may see it, and refuses another team', async () => {
    const north = await world.createTeam('Ventas Norte');
    const south = await world.createTeam('Ventas Sur');
    const seller = await world.createUser(['sales'], [north], { name: 'Valeria Mejía' });
    const rival = await world.createUser(['sales'], [south], { name: 'Rodrigo Páez' });
    const contact = await world.createContact(seller.token, { firstName: 'Inés', teamId: north });
    // Opportunities learns contacts, users and teams from events: a 400 naming them means "not yet".
    const created = await waitFor(
      async () => {
        const response = await world.api.post('/api/v1/opportunities', { title: 'Renovación de licencias', contactId: contact.id, teamId: north }, seller.token);
        return response.status === 400 ? undefined : response;
      },
      { timeoutMs: 20_000, description: 'opportunities to learn the contact and create the deal' },
    );
    expect({ status: created.status, body: created.status === 201 ? null : created.body }).toEqual({ status: 201, body: null });
    const opportunityId = created.body.id as string;

    const mine = await open(seller.token);
    const theirs = await open(rival.token);
    expect(await mine.subscribe(`opportunity:${opportunityId}`)).toMatchObject({ type: 'subscribed' });
    expect(await theirs.subscribe(`opportunity:${opportunityId}`)).toMatchObject({ type: 'refused', reason: 'not_visible' });

    const pipelines = await world.api.get('/api/v1/pipelines', seller.token);
    const pipeline = (pipelines.body.items as { isDefault: boolean; stages: { id: string; name: string }[] }[]).find((item) => item.isDefault)!;
    const moved = await world.api.post(
      `/api/v1/opportunities/${opportunityId}/stage`,
      { stageId: pipeline.stages.find((stage) => stage.name === 'Propuesta')!.id, version: created.body.version },
      seller.token,
    );
    expect(moved.status).toBe(200);
    const event = await mine.waitFor((frame) => frame.routingKey === 'opportunities.opportunity.stage_changed', 'the stage change');
    expect(event).toMatchObject({ topic: `opportunity:${opportunityId}`, data: { opportunityId } });
  });

  it('closes a socket that stops answering pings, and caps the subscriptions of one connection', async () => {
    // A replica with a 300 ms heartbeat and two subscriptions per connection.
    const replicaUrl = await world.platform.startReplica('gateway', { REALTIME_HEARTBEAT_MS: '300', REALTIME_MAX_SUBSCRIPTIONS: '2' });
    const silent = await RealtimeTestClient.signedIn(replicaUrl, agent1.token, { autoPong: false });
    const healthy = await RealtimeTestClient.signedIn(replicaUrl, agent2.token);
    clients.push(silent, healthy);
    // Missing one ping is enough: the socket is cut (no close frame: 1006 on the client).
    expect(await silent.waitForClose()).toBe(1006);
    expect(await scrapeMetrics(replicaUrl)).toMatch(/gateway_realtime_dropped_total\{[^}]*reason="heartbeat"[^}]*\} [1-9]/);
    // The client that answers pings outlived several of them and still talks.
    healthy.send({ type: 'ping' });
    await healthy.waitFor((frame) => frame.type === 'heartbeat', 'the heartbeat answer');
    expect(healthy.closeCode).toBeUndefined();

    expect(await healthy.subscribe(`ticket:${ticketId}`)).toMatchObject({ type: 'subscribed' });
    expect(await healthy.subscribe('notifications')).toMatchObject({ type: 'subscribed' });
    expect(await healthy.subscribe(`opportunity:${randomUUID()}`)).toMatchObject({ type: 'refused', reason: 'too_many_subscriptions' });
    healthy.send({ type: 'unsubscribe', topic: 'notifications' });
    await healthy.waitFor((frame) => frame.type === 'unsubscribed' && frame.topic === 'notifications', 'the unsubscribe');
    expect(await healthy.subscribe('notifications')).toMatchObject({ type: 'subscribed' });
  });

  it('closes the socket when the access token expires', async () => {
    const shortLived = await signAccessToken(
      { kind: 'user', id: agent1.id, tenantId: await tenantOf(agent1.token), roles: ['support'], teamIds: [teamA], scopes: [], name: 'Andrea' },
      process.env.JWT_SECRET!,
      2,
    );
    const client = await open(shortLived);
    expect(await client.subscribe(`ticket:${ticketId}`)).toMatchObject({ type: 'subscribed' });
    expect(await client.waitForClose()).toBe(4408);
    expect(client.frames).toContainEqual(expect.objectContaining({ type: 'error', code: 'token_expired' }));
  });

  it('pushes each user their own in-app notifications live, and honours the e-mail preference', async () => {
    const seller = await world.createUser(['sales'], [], { name: 'Sonia Vargas' });
    const other = await world.createUser(['sales'], [], { name: 'Oscar Ríos' });
    const feed = await open(seller.token);
    const otherFeed = await open(other.token);
    expect(await feed.subscribe('notifications')).toMatchObject({ type: 'subscribed' });
    expect(await otherFeed.subscribe('notifications')).toMatchObject({ type: 'subscribed' });

    const defaults = await world.api.get('/api/v1/notification-preferences', seller.token);
    expect(defaults.status).toBe(200);
    expect(defaults.body.items).toContainEqual({ template: 'new-contact-agent', label: 'Me asignaron un contacto', email: true, inApp: true });

    const first = await world.createContact(world.adminToken, { firstName: 'Lucía' });
    await world.assign(world.adminToken, first.id, seller.id);
    const live = await feed.waitFor((frame) => frame.routingKey === 'notifications.in_app.created', 'the first live notification');
    expect(live).toMatchObject({ topic: 'notifications', data: { userId: seller.id, template: 'new-contact-agent', link: `/contacts/${first.id}` } });
    await world.platform.smtp.waitForMessages((mail) => mail.to.includes(seller.email));
    expect((await world.api.get('/api/v1/notifications/unread-count', seller.token)).body).toEqual({ unreadCount: 1, capped: false });

    const off = await world.api.request('PUT', '/api/v1/notification-preferences', { token: seller.token, body: { items: [{ template: 'new-contact-agent', email: false, inApp: true }] } });
    expect(off.status).toBe(200);
    expect(off.body.items).toContainEqual(expect.objectContaining({ template: 'new-contact-agent', email: false, inApp: true }));
    const bad = await world.api.request('PUT', '/api/v1/notification-preferences', { token: seller.token, body: { items: [{ template: 'no-such-template', email: false, inApp: true }] } });
    expect(bad.status).toBe(400);

    const second = await world.createContact(world.adminToken, { firstName: 'Pedro' });
    await world.assign(world.adminToken, second.id, seller.id);
    await feed.waitFor((frame) => frame.routingKey === 'notifications.in_app.created' && frame.data.link === `/contacts/${second.id}`, 'the second live notification');
    // The e-mail row is written in the same transaction as the feed entry: none for the second one.
    const deliveries = await world.api.get('/api/v1/email-deliveries?template=new-contact-agent&limit=100', world.adminToken);
    expect((deliveries.body.items as { recipientUserId: string }[]).filter((d) => d.recipientUserId === seller.id)).toHaveLength(1);
    expect((await world.api.get('/api/v1/notifications/unread-count', seller.token)).body).toEqual({ unreadCount: 2, capped: false });

    expect((await world.api.post('/api/v1/notifications/read-all', {}, seller.token)).body).toEqual({ updated: 2 });
    expect((await world.api.get('/api/v1/notifications/unread-count', seller.token)).body).toEqual({ unreadCount: 0, capped: false });

    // Someone else's feed never got them: its first event is its own.
    const third = await world.createContact(world.adminToken, { firstName: 'Olga' });
    await world.assign(world.adminToken, third.id, other.id);
    await otherFeed.waitFor((frame) => frame.type === 'event', 'the other user’s own notification');
    expect(otherFeed.events().map((frame) => frame.data.userId)).toEqual([other.id]);
  }, 90_000);

  async function tenantOf(token: string): Promise<string> {
    return (await world.api.get('/api/v1/auth/me', token)).body.tenant.id as string;
  }
});
