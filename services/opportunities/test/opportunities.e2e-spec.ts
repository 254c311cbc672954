import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { createOpportunity, defaultPipeline, type StageRef } from './opportunities-test-kit.js';

/**
 * Issue #7: a sales team follows its deals through the gateway — create for their own contact,
 * move through the funnel with a history of the time per stage, win (contacts converts the
 * contact: an outside AMQP client sees won then converted), lose with a reason, reopen; other
 * teams never see it; stale versions and bad input change nothing.
 */
describe('opportunities through the gateway (issue #7)', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let north: string;
  let south: string;
  let seller: WorldUser; // sales, north
  let agent: WorldUser; // sales, north
  let southSeller: WorldUser; // sales, south
  let stages: Record<string, StageRef>;
  let pipelineId: string;

  const problemFields = (response: { body: { errors?: { field: string }[] } }) => (response.body.errors ?? []).map((error) => error.field);

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities'] });
    spy = await AmqpSpy.connect();
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, '#');
    const tag = randomUUID().slice(0, 6);
    [north, south] = [await world.createTeam(`Norte ${tag}`), await world.createTeam(`Sur ${tag}`)];
    [seller, agent, southSeller] = await Promise.all([world.createUser(['sales'], [north]), world.createUser(['sales'], [north]), world.createUser(['sales'], [south])]);
    ({ id: pipelineId, stages } = await defaultPipeline(world.api, world.adminToken));
  }, 120_000);

  afterAll(async () => {
    await spy?.close();
    await world?.stop();
  });

  it('seeds one Spanish pipeline per tenant (English labels on Accept-Language: en) and the lost reasons', async () => {
    expect(Object.keys(stages)).toEqual(['Prospecto', 'Calificado', 'Propuesta', 'Negociación', 'Ganado', 'Perdido']);
    expect(stages.Ganado!.kind).toBe('won');
    expect(stages.Perdido!.kind).toBe('lost');
    const again = await world.api.get('/api/v1/pipelines', seller.token);
    expect(again.body.items).toHaveLength(1);
    const english = await world.api.get('/api/v1/pipelines', seller.token, { 'accept-language': 'en' });
    expect(english.body.items[0].name).toBe('Sales');
    expect(english.body.items[0].stages.map((stage: StageRef) => stage.name)).toEqual(['Prospect', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    const reasons = await world.api.get('/api/v1/lost-reasons', seller.token);
    expect(reasons.body.items.map((reason: { name: string }) => reason.name)).toEqual(['Precio', 'Competencia', 'Sin presupuesto', 'Sin respuesta', 'Producto no se ajusta', 'Tiempo']);
  });

  it('follows a deal Prospecto → Propuesta → Negociación → won: history with time per stage, won then converted on the bus', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Embudo', teamId: north });
    const created = await createOpportunity(world.api, seller.token, {
      title: 'Dotación sede Medellín',
      contactId: contact.id,
      value: { amount: '48500000' },
      agentId: agent.id,
      assigneeId: seller.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      stageId: stages.Prospecto!.id,
      stageName: 'Prospecto',
      contactName: contact.displayName,
      value: { amount: '48500000.00', currency: 'COP' },
      probability: 10,
      ownerId: seller.id,
      teamId: north,
      agentId: agent.id,
      assigneeId: seller.id,
      version: 1,
    });
    const id = created.body.id as string;

    let version = created.body.version as number;
    for (const name of ['Propuesta', 'Negociación']) {
      const moved = await world.api.post(`/api/v1/opportunities/${id}/stage`, { stageId: stages[name]!.id, version }, seller.token);
      expect(moved.status).toBe(200);
      expect(moved.body.stageName).toBe(name);
      version = moved.body.version;
    }
    const history = await world.api.get(`/api/v1/opportunities/${id}/history`, seller.token);
    expect(history.status).toBe(200);
    expect(history.body.items.map((item: { stageName: string }) => item.stageName)).toEqual(['Prospecto', 'Propuesta', 'Negociación']);
    expect(history.body.items.every((item: { enteredBy: string; secondsInStage: number }) => item.enteredBy === seller.id && item.secondsInStage >= 0)).toBe(true);
    expect(history.body.items[0].leftAt).toEqual(history.body.items[1].enteredAt);
    expect(history.body.timeInStage.map((total: { stageName: string }) => total.stageName)).toEqual(['Prospecto', 'Propuesta', 'Negociación']);

    const won = await world.api.post(`/api/v1/opportunities/${id}/win`, { version }, seller.token);
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', stageName: 'Ganado', probability: 100, wonAt: expect.any(String) });
    const wonEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.opportunity.won' && m.body.subject === id);
    expect(wonEvent.body.data).toMatchObject({
      opportunityId: id,
      contactId: contact.id,
      amount: { amount: '48500000.00', currency: 'COP' },
      ownerId: seller.id,
      pipelineId,
      title: 'Dotación sede Medellín',
    });
    const converted = await spy.waitForMessage((m) => m.routingKey === 'contacts.contact.converted' && m.body.subject === contact.id);
    expect(spy.messages.indexOf(converted)).toBeGreaterThan(spy.messages.indexOf(wonEvent));
    const customer = await waitFor(async () => {
      const response = await world.api.get(`/api/v1/contacts/${contact.id}`, seller.token);
      return response.body.lifecycle === 'customer' ? response.body : undefined;
    });
    expect(customer.lifecycle).toBe('customer');

    // Another team's seller: not found anywhere.
    expect((await world.api.get(`/api/v1/opportunities/${id}`, southSeller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/opportunities/${id}/history`, southSeller.token)).status).toBe(404);
    expect((await world.api.post(`/api/v1/opportunities/${id}/reopen`, { version: won.body.version }, southSeller.token)).status).toBe(404);
    const theirList = await world.api.get('/api/v1/opportunities?limit=200', southSeller.token);
    expect(theirList.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    const ourList = await world.api.get(`/api/v1/opportunities?status=won&q=${encodeURIComponent('medellín')}`, seller.token);
    expect(ourList.body.items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('publishes one assigned event per role and the stage change, each with the contactId', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Eventos', teamId: north });
    const created = await createOpportunity(world.api, seller.token, { contactId: contact.id, agentId: agent.id, assigneeId: seller.id });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const assigned = await waitFor(async () => {
      const found = spy.messages.filter((m) => m.routingKey === 'opportunities.opportunity.assigned' && m.body.subject === id);
      return found.length === 2 ? found : undefined;
    });
    expect(assigned.map((m) => [m.body.data.role, m.body.data.userId]).sort()).toEqual(
      [
        ['agent', agent.id],
        ['assignee', seller.id],
      ].sort(),
    );
    expect(assigned.every((m) => m.body.data.contactId === contact.id)).toBe(true);
    const createdEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.opportunity.created' && m.body.subject === id);
    expect(createdEvent.body.data).toMatchObject({ contactId: contact.id, stageId: stages.Prospecto!.id, probability: 10 });
  });

  it('loses only with a reason from /lost-reasons, then reopens to the last open stage', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Pérdida', teamId: north });
    const created = await createOpportunity(world.api, seller.token, { contactId: contact.id, stageId: stages.Calificado!.id, probability: 40 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ probability: 40, probabilityOverridden: true });
    const id = created.body.id as string;
    const noReason = await world.api.post(`/api/v1/opportunities/${id}/lose`, { version: 1, note: 'Se fue con otro' }, seller.token);
    expect(noReason.status).toBe(400);
    expect(problemFields(noReason)).toContain('lostReasonId');
    const unknownReason = await world.api.post(`/api/v1/opportunities/${id}/lose`, { version: 1, lostReasonId: randomUUID() }, seller.token);
    expect(unknownReason.status).toBe(400);
    expect(problemFields(unknownReason)).toContain('lostReasonId');
    expect((await world.api.get(`/api/v1/opportunities/${id}`, seller.token)).body).toMatchObject({ status: 'open', version: 1 });

    const reasons = await world.api.get('/api/v1/lost-reasons', seller.token);
    const price = reasons.body.items.find((reason: { name: string }) => reason.name === 'Precio');
    const lost = await world.api.post(`/api/v1/opportunities/${id}/lose`, { version: 1, lostReasonId: price.id, note: 'Se fue con otro' }, seller.token);
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', stageName: 'Perdido', lostReasonId: price.id, lostNote: 'Se fue con otro', probability: 0 });
    const lostEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.opportunity.lost' && m.body.subject === id);
    expect(lostEvent.body.data).toMatchObject({ contactId: contact.id, lostReasonName: 'Precio' });

    const reopened = await world.api.post(`/api/v1/opportunities/${id}/reopen`, { version: lost.body.version }, seller.token);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', stageName: 'Calificado', probability: 25, lostReasonId: null });
  });

  it('answers 412 to a stale version and 428 to none, changing nothing', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Versión', teamId: north });
    const created = await createOpportunity(world.api, seller.token, { contactId: contact.id, title: 'Original' });
    const id = created.body.id as string;
    const first = await world.api.patch(`/api/v1/opportunities/${id}`, { title: 'Primera', version: 1 }, seller.token);
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await world.api.patch(`/api/v1/opportunities/${id}`, { title: 'Vieja', version: 1 }, seller.token);
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await world.api.post(`/api/v1/opportunities/${id}/stage`, { stageId: stages.Propuesta!.id, version: 1 }, seller.token)).status).toBe(412);
    expect((await world.api.patch(`/api/v1/opportunities/${id}`, { title: 'Sin versión' }, seller.token)).status).toBe(428);
    expect((await world.api.get(`/api/v1/opportunities/${id}`, seller.token)).body).toMatchObject({ title: 'Primera', version: 2, stageName: 'Prospecto' });
  });

  it('refuses bad input with 400 naming the field: unknown or invisible contact, bad money, unknown fields, foreign team', async () => {
    const unknown = await world.api.post('/api/v1/opportunities', { title: 'X', contactId: randomUUID() }, seller.token);
    expect(unknown.status).toBe(400);
    expect(problemFields(unknown)).toContain('contactId');
    const missing = await world.api.post('/api/v1/opportunities', { title: 'X' }, seller.token);
    expect(missing.status).toBe(400);
    expect(problemFields(missing)).toContain('contactId');
    const southContact = await world.createContact(southSeller.token, { lastName: 'Ajeno', teamId: south, sharedWithTeam: true });
    // Known to opportunities (the south seller can use it) but invisible to the north seller.
    expect((await createOpportunity(world.api, southSeller.token, { contactId: southContact.id })).status).toBe(201);
    const invisible = await world.api.post('/api/v1/opportunities', { title: 'X', contactId: southContact.id }, seller.token);
    expect(invisible.status).toBe(400);
    expect(problemFields(invisible)).toContain('contactId');

    const own = await world.createContact(seller.token, { lastName: 'Propio', teamId: north });
    const badMoney = await createOpportunity(world.api, seller.token, { contactId: own.id, value: { amount: 12.5 } });
    expect(badMoney.status).toBe(400);
    expect(problemFields(badMoney).join(' ')).toContain('amount');
    const extra = await createOpportunity(world.api, seller.token, { contactId: own.id, tenantId: randomUUID() });
    expect(extra.status).toBe(400);
    const foreignTeam = await world.api.post('/api/v1/opportunities', { title: 'X', contactId: own.id, teamId: south }, seller.token);
    expect(foreignTeam.status).toBe(400);
    expect(problemFields(foreignTeam)).toContain('teamId');
    const mine = await world.api.get(`/api/v1/opportunities?contactId=${own.id}`, seller.token);
    expect(mine.body.items).toHaveLength(0);
  });

  it('replays a create with the same Idempotency-Key, and refuses the key with another body (422)', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Idempotente', teamId: north });
    const key = `opp-${randomUUID()}`;
    const first = await createOpportunity(world.api, seller.token, { title: 'Una vez', contactId: contact.id }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const again = await world.api.post('/api/v1/opportunities', { title: 'Una vez', contactId: contact.id }, seller.token, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await world.api.post('/api/v1/opportunities', { title: 'Otra', contactId: contact.id }, seller.token, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    const list = await world.api.get(`/api/v1/opportunities?contactId=${contact.id}`, seller.token);
    expect(list.body.items).toHaveLength(1);
  });

  it('lets admins manage stages: add, rename, reorder, refuse deleting one that holds deals (409 with the count), merge it', async () => {
    const created = await world.api.post(
      '/api/v1/pipelines',
      {
        name: `Proyectos ${randomUUID().slice(0, 4)}`,
        stages: [
          { name: 'Contacto inicial', probability: 10, staleAfterDays: 5 },
          { name: 'Demo', probability: 40 },
          { name: 'Cerrado', probability: 100, kind: 'won' },
          { name: 'Descartado', probability: 0, kind: 'lost' },
        ],
      },
      world.adminToken,
    );
    expect(created.status).toBe(201);
    expect((await world.api.post('/api/v1/pipelines', { name: 'Nuevo' }, seller.token)).status).toBe(403);
    const [initial, demo] = created.body.stages as (StageRef & { version: number })[];
    const added = await world.api.post(`/api/v1/pipelines/${created.body.id}/stages`, { name: 'Visita', probability: 30, position: 1, shownAsTab: false }, world.adminToken);
    expect(added.status).toBe(201);
    const renamed = await world.api.patch(`/api/v1/pipelines/${created.body.id}/stages/${demo!.id}`, { name: 'Demostración', version: demo!.version }, world.adminToken);
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Demostración');

    const contact = await world.createContact(world.adminToken, { lastName: 'Etapas' });
    for (let i = 0; i < 2; i += 1)
      expect((await createOpportunity(world.api, world.adminToken, { contactId: contact.id, pipelineId: created.body.id, stageId: added.body.id })).status).toBe(201);
    const refused = await world.api.delete(`/api/v1/pipelines/${created.body.id}/stages/${added.body.id}`, world.adminToken);
    expect(refused.status).toBe(409);
    expect(refused.body.opportunityCount).toBe(2);
    expect(refused.body.detail).toContain('2');

    const merged = await world.api.post(`/api/v1/pipelines/${created.body.id}/stages/${added.body.id}/merge`, { targetStageId: demo!.id }, world.adminToken);
    expect(merged.status).toBe(200);
    expect(merged.body.moved).toBe(2);
    const inDemo = await world.api.get(`/api/v1/opportunities?stageId=${demo!.id}`, world.adminToken);
    expect(inDemo.body.items).toHaveLength(2);
    expect(inDemo.body.items.every((item: { probability: number }) => item.probability === 40)).toBe(true);

    const stageList = await world.api.get(`/api/v1/pipelines/${created.body.id}/stages`, world.adminToken);
    const ids = stageList.body.items.map((stage: StageRef) => stage.id);
    const reordered = await world.api.request('PUT', `/api/v1/pipelines/${created.body.id}/stages/order`, {
      body: { stageIds: [ids[2], ids[0], ...ids.slice(1, 2), ...ids.slice(3)] },
      token: world.adminToken,
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items[0].id).toBe(ids[2]);
    expect(reordered.body.items[1].id).toBe(initial!.id);
  });

  it('shows a board per stage with counts, value and weighted value per currency, and a cursor per column; other teams see none of it', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Tablero', teamId: north });
    const tag = `tablero-${randomUUID().slice(0, 6)}`;
    const bodies = [
      { value: { amount: '1000000.00' }, stageId: stages.Propuesta!.id },
      { value: { amount: '3000000.50' }, stageId: stages.Propuesta!.id },
      { value: { amount: '500.00', currency: 'USD' }, stageId: stages.Propuesta!.id },
      { value: { amount: '2000000' }, stageId: stages.Negociación!.id },
    ];
    for (const body of bodies) expect((await createOpportunity(world.api, seller.token, { contactId: contact.id, tags: [tag], ...body })).status).toBe(201);
    const board = await world.api.get(`/api/v1/opportunities/board?pipelineId=${pipelineId}&tag=${tag}&limit=2`, seller.token);
    expect(board.status).toBe(200);
    expect(board.body.columns.map((column: { stage: StageRef }) => column.stage.name)).toEqual(['Prospecto', 'Calificado', 'Propuesta', 'Negociación', 'Ganado', 'Perdido']);
    const proposal = board.body.columns[2];
    expect(proposal.count).toBe(3);
    expect(proposal.totals).toEqual(
      expect.arrayContaining([
        { currency: 'COP', count: 2, value: { amount: '4000000.50', currency: 'COP' }, weighted: { amount: '2000000.25', currency: 'COP' } },
        { currency: 'USD', count: 1, value: { amount: '500.00', currency: 'USD' }, weighted: { amount: '250.00', currency: 'USD' } },
      ]),
    );
    expect(proposal.cards).toHaveLength(2);
    expect(proposal.nextCursor).toEqual(expect.any(String));
    const next = await world.api.get(`/api/v1/opportunities?pipelineId=${pipelineId}&stageId=${stages.Propuesta!.id}&tag=${tag}&limit=2&cursor=${proposal.nextCursor}`, seller.token);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(proposal.cards[0].id);
    // A forged cursor is a 400 naming it, never a 500 from SQL.
    for (const forged of ['bm90LWEtY3Vyc29y', Buffer.from(JSON.stringify(['not-a-time', 'not-a-uuid'])).toString('base64url')]) {
      const refused = await world.api.get(`/api/v1/opportunities?cursor=${forged}`, seller.token);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('cursor');
    }
    expect(board.body.columns[3]).toMatchObject({ count: 1, totals: [{ currency: 'COP', weighted: { amount: '1500000.00', currency: 'COP' } }] });

    const theirs = await world.api.get(`/api/v1/opportunities/board?pipelineId=${pipelineId}&tag=${tag}`, southSeller.token);
    expect(theirs.status).toBe(200);
    expect(theirs.body.columns.every((column: { count: number; cards: unknown[] }) => column.count === 0 && column.cards.length === 0)).toBe(true);
  });

  it('exports the filtered list as CSV (formulas neutralised) and XLSX; other teams export none of it', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Exportación', teamId: north });
    const tag = `export-${randomUUID().slice(0, 6)}`;
    expect((await createOpportunity(world.api, seller.token, { contactId: contact.id, title: '=HYPERLINK("http://x")', tags: [tag], value: { amount: '1234.50' } })).status).toBe(201);
    const csv = await world.api.get(`/api/v1/opportunities/export?format=csv&tag=${tag}`, seller.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Título');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("'=HYPERLINK");
    expect(lines[1]).toContain('1234.50');
    const xlsx = await fetch(`${world.platform.gatewayUrl}/api/v1/opportunities/export?format=xlsx&tag=${tag}`, { headers: { authorization: `Bearer ${seller.token}` } });
    expect(xlsx.status).toBe(200);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const theirs = await world.api.get(`/api/v1/opportunities/export?format=csv&tag=${tag}`, southSeller.token);
    expect(
      (theirs.body as string)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toHaveLength(1);
  });

  it('keeps a private note to its author on every surface, and files to those who can see the deal', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Notas', teamId: north });
    const created = await createOpportunity(world.api, seller.token, { contactId: contact.id, agentId: agent.id });
    const id = created.body.id as string;
    const secret = await world.api.post(`/api/v1/opportunities/${id}/notes`, { body: 'Margen mínimo 12 %', visibility: 'private' }, seller.token);
    expect(secret.status).toBe(201);
    const shared = await world.api.post(`/api/v1/opportunities/${id}/notes`, { body: 'Piden entrega en marzo' }, seller.token);
    expect(shared.status).toBe(201);
    const mine = await world.api.get(`/api/v1/opportunities/${id}/notes`, seller.token);
    expect(mine.body.items.map((note: { body: string }) => note.body).sort()).toEqual(['Margen mínimo 12 %', 'Piden entrega en marzo']);
    const colleagues = await world.api.get(`/api/v1/opportunities/${id}/notes`, agent.token);
    expect(colleagues.status).toBe(200);
    expect(colleagues.body.items.map((note: { body: string }) => note.body)).toEqual(['Piden entrega en marzo']);
    expect((await world.api.delete(`/api/v1/opportunities/${id}/notes/${secret.body.id}`, agent.token)).status).toBe(404);
    expect((await world.api.patch(`/api/v1/opportunities/${id}/notes/${secret.body.id}`, { body: 'x', version: 1 }, agent.token)).status).toBe(404);
    expect((await world.api.patch(`/api/v1/opportunities/${id}/notes/${shared.body.id}`, { body: 'x', version: 1 }, agent.token)).status).toBe(403);
    const edited = await world.api.patch(
      `/api/v1/opportunities/${id}/notes/${shared.body.id}`,
      { body: 'Piden entrega en marzo', remindAt: '2031-01-15T14:00:00.000Z', version: 1 },
      seller.token,
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ remindAt: '2031-01-15T14:00:00.000Z', version: 2 });
    expect((await world.api.patch(`/api/v1/opportunities/${id}/notes/${shared.body.id}`, { body: 'Vieja', version: 1 }, seller.token)).status).toBe(412);
    expect((await world.api.get(`/api/v1/opportunities/${id}/notes`, southSeller.token)).status).toBe(404);
    const privateEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.note.added' && m.body.data.noteId === secret.body.id);
    expect(privateEvent.body.data.visibility).toBe('private');
    expect(JSON.stringify(privateEvent.body)).not.toContain('Margen');
    const sharedEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.note.added' && m.body.data.noteId === shared.body.id);
    expect(sharedEvent.body.data).toMatchObject({ excerpt: 'Piden entrega en marzo', contactId: contact.id, agentId: agent.id });

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'))], { type: 'application/pdf' }), 'propuesta.pdf');
    const uploaded = await world.api.request('POST', `/api/v1/opportunities/${id}/documents`, { body: form, token: seller.token });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ fileName: 'propuesta.pdf', contentType: 'application/pdf' });
    const fake = new FormData();
    fake.append('file', new Blob([new Uint8Array(Buffer.from('MZ\x90\x00binary'))], { type: 'application/pdf' }), 'virus.pdf');
    expect((await world.api.request('POST', `/api/v1/opportunities/${id}/documents`, { body: fake, token: seller.token })).status).toBe(415);
    const listed = await world.api.get(`/api/v1/opportunities/${id}/documents`, agent.token);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([uploaded.body.id]);
    const link = await world.api.get(`/api/v1/opportunities/${id}/documents/${uploaded.body.id}/download`, agent.token);
    expect(link.status).toBe(200);
    const download = await fetch(link.body.url);
    expect((await download.text()).startsWith('%PDF')).toBe(true);
    expect((await world.api.get(`/api/v1/opportunities/${id}/documents`, southSeller.token)).status).toBe(404);
    expect((await world.api.get(`/api/v1/opportunities/${id}/documents/${uploaded.body.id}/download`, southSeller.token)).status).toBe(404);
    const uploadEvent = await spy.waitForMessage((m) => m.routingKey === 'opportunities.document.uploaded' && m.body.data.documentId === uploaded.body.id);
    expect(uploadEvent.body.data).toMatchObject({ contactId: contact.id, uploadedBy: seller.id, createdBy: seller.id, agentId: agent.id });
  });

  it('forecasts open and weighted value per close month and currency, only over deals the caller can see', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Pronóstico', teamId: north });
    const theirContact = await world.createContact(southSeller.token, { lastName: 'Pronóstico sur', teamId: south });
    const deals = [
      { value: { amount: '10000000' }, stageId: stages.Propuesta!.id, expectedCloseDate: '2031-03-10' },
      { value: { amount: '4000000.10' }, stageId: stages.Negociación!.id, expectedCloseDate: '2031-03-28' },
      { value: { amount: '800', currency: 'USD' }, stageId: stages.Propuesta!.id, expectedCloseDate: '2031-04-02' },
    ];
    for (const deal of deals) expect((await createOpportunity(world.api, seller.token, { contactId: contact.id, ...deal })).status).toBe(201);
    expect((await createOpportunity(world.api, southSeller.token, { contactId: theirContact.id, value: { amount: '99000000' }, expectedCloseDate: '2031-03-15' })).status).toBe(201);

    const forecast = await world.api.get('/api/v1/opportunities/forecast?from=2031-01-01&to=2031-12-31&groupBy=month', seller.token);
    expect(forecast.status).toBe(200);
    expect(forecast.body.groups).toEqual([
      { key: '2031-03', label: '2031-03', totals: [{ currency: 'COP', count: 2, value: { amount: '14000000.10', currency: 'COP' }, weighted: { amount: '8000000.08', currency: 'COP' } }] },
      { key: '2031-04', label: '2031-04', totals: [{ currency: 'USD', count: 1, value: { amount: '800.00', currency: 'USD' }, weighted: { amount: '400.00', currency: 'USD' } }] },
    ]);
    const byStage = await world.api.get('/api/v1/opportunities/forecast?from=2031-01-01&to=2031-12-31&groupBy=stage', seller.token);
    expect(byStage.body.groups.map((group: { label: string }) => group.label).sort()).toEqual(['Negociación', 'Propuesta']);
    const bad = await world.api.get('/api/v1/opportunities/forecast?from=2031-12-31&to=2031-01-01', seller.token);
    expect(bad.status).toBe(400);
    expect(problemFields(bad)).toContain('to');
  });

  it('follows contacts: a rename shows on the deal, a merge repoints it to the survivor, an anonymisation drops the copied name', async () => {
    const survivor = await world.createContact(world.adminToken, { firstName: 'Lucía', lastName: `Arango ${randomUUID().slice(0, 4)}` });
    const duplicate = await world.createContact(world.adminToken, { firstName: 'Lucia', lastName: 'Arango Dup' });
    const created = await createOpportunity(world.api, world.adminToken, { contactId: duplicate.id, title: 'Proyecto fusión' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const merged = await world.api.post('/api/v1/contacts/merge', { primaryId: survivor.id, duplicateIds: [duplicate.id], version: survivor.version }, world.adminToken);
    expect(merged.status).toBe(200);
    const repointed = await waitFor(
      async () => {
        const response = await world.api.get(`/api/v1/opportunities/${id}`, world.adminToken);
        return response.body.contactId === survivor.id ? response.body : undefined;
      },
      { description: 'the deal repointed to the survivor' },
    );
    expect(repointed.contactName).toBe(survivor.displayName);
    // The merged-away contact can no longer be chosen.
    const stale = await world.api.post('/api/v1/opportunities', { title: 'X', contactId: duplicate.id }, world.adminToken);
    expect(stale.status).toBe(400);

    const anonymized = await world.api.post(`/api/v1/contacts/${survivor.id}/anonymize`, { confirm: true }, world.adminToken);
    expect(anonymized.status).toBe(200);
    const scrubbed = await waitFor(
      async () => {
        const response = await world.api.get(`/api/v1/opportunities/${id}`, world.adminToken);
        return response.body.contactName === 'Contacto anonimizado' ? response.body : undefined;
      },
      { description: 'the copied name dropped' },
    );
    expect(scrubbed.contactId).toBe(survivor.id);
    const search = await world.api.get(`/api/v1/opportunities?q=${encodeURIComponent('Arango')}`, world.adminToken);
    expect(search.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
  });
});
