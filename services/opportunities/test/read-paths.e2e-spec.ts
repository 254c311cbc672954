import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, type WorldUser } from '@crm/testing';
import { createOpportunity, type StageRef } from './opportunities-test-kit.js';

interface Column {
  stage: StageRef;
  count: number;
  totals: { currency: string; count: number; value: { amount: string; currency: string }; weighted: { amount: string; currency: string } }[];
  cards: { id: string }[];
}

/**
 * The read paths rewritten for speed (bench/opportunities-*.bench.mjs) must answer exactly what
 * they answered before.
 *
 * The board's totals come from `board_total`, kept by triggers on every insert, update and delete
 * of an opportunity (migration 1767500900000, bench/opportunities-board.bench.mjs). Whatever
 * happens to the deals (created, moved, re-valued, probability overridden, won, reassigned), a
 * user's board must show exactly what aggregating the deals they can see gives — the filtered
 * board (`stale=false`, which the table cannot answer) still aggregates the deals, so the two are
 * compared for every kind of user, and the figures are also worked out by hand.
 */
describe('board totals and list pages on their fast paths (issue #7 bench)', () => {
  let world: CrmWorld;
  let north: string;
  let south: string;
  let seller: WorldUser; // sales, north
  let mate: WorldUser; // sales, north
  let manager: WorldUser; // manager, north
  let southSeller: WorldUser; // sales, south
  let reader: WorldUser; // read-only, north
  let pipelineId: string;
  let stages: Record<string, StageRef>;

  const board = async (user: WorldUser, extra = ''): Promise<Column[]> => {
    const response = await world.api.get(`/api/v1/opportunities/board?pipelineId=${pipelineId}${extra}`, user.token);
    expect(response.status).toBe(200);
    return response.body.columns as Column[];
  };
  /** Count and totals per column, totals in currency order (the order of rows within a column is not part of the contract). */
  const figures = (columns: Column[]) =>
    columns.map((column) => ({ stage: column.stage.name, count: column.count, totals: [...column.totals].sort((a, b) => a.currency.localeCompare(b.currency)), cards: column.cards.length }));
  const column = (columns: Column[], name: string) => figures(columns).find((c) => c.stage === name)!;

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities'] });
    const tag = randomUUID().slice(0, 6);
    [north, south] = [await world.createTeam(`Norte ${tag}`), await world.createTeam(`Sur ${tag}`)];
    [seller, mate, manager, southSeller, reader] = await Promise.all([
      world.createUser(['sales'], [north]),
      world.createUser(['sales'], [north]),
      world.createUser(['manager'], [north]),
      world.createUser(['sales'], [south]),
      world.createUser(['readonly'], [north]),
    ]);
    const created = await world.api.post('/api/v1/pipelines', { name: `Tablero ${tag}` }, world.adminToken);
    expect({ status: created.status, body: created.status === 201 ? 'created' : created.body }).toEqual({ status: 201, body: 'created' });
    pipelineId = created.body.id;
    stages = Object.fromEntries(created.body.stages.map((stage: StageRef) => [stage.name, stage]));
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('shows the same totals as aggregating the visible deals, through creations, moves, re-valuations, a win and a reassignment', async () => {
    const contact = await world.createContact(seller.token, { lastName: 'Totales', teamId: north });
    const mateContact = await world.createContact(mate.token, { lastName: 'Privado', teamId: north });
    const southContact = await world.createContact(southSeller.token, { lastName: 'Sur', teamId: south });
    const create = async (user: WorldUser, body: Record<string, unknown>) => {
      const response = await createOpportunity(world.api, user.token, { pipelineId, ...body });
      expect(response.status).toBe(201);
      return response.body as { id: string; version: number };
    };
    const a = await create(seller, { contactId: contact.id, stageId: stages.Propuesta!.id, value: { amount: '1000000.00' } });
    const b = await create(seller, { contactId: contact.id, stageId: stages.Propuesta!.id, value: { amount: '3000000.50' }, probability: 30 });
    const c = await create(seller, { contactId: contact.id, stageId: stages.Propuesta!.id, value: { amount: '500.00', currency: 'USD' } });
    await create(mate, { contactId: mateContact.id, stageId: stages.Negociación!.id, value: { amount: '2000000' }, sharedWithTeam: false });
    await create(southSeller, { contactId: southContact.id, stageId: stages.Prospecto!.id, value: { amount: '700000' } });

    // Propuesta (50 %): a 1,000,000.00 × 50 % = 500,000.00; b 3,000,000.50 × 30 % (overridden) = 900,000.15.
    const first = await board(seller);
    expect(column(first, 'Propuesta')).toEqual({
      stage: 'Propuesta',
      count: 3,
      cards: 3,
      totals: [
        { currency: 'COP', count: 2, value: { amount: '4000000.50', currency: 'COP' }, weighted: { amount: '1400000.15', currency: 'COP' } },
        { currency: 'USD', count: 1, value: { amount: '500.00', currency: 'USD' }, weighted: { amount: '250.00', currency: 'USD' } },
      ],
    });
    // mate's deal is not shared with the team: the seller does not see it, the manager (team) does.
    expect(column(first, 'Negociación')).toMatchObject({ count: 0, totals: [] });
    expect(column(await board(manager), 'Negociación')).toMatchObject({ count: 1, totals: [{ currency: 'COP', value: { amount: '2000000.00', currency: 'COP' } }] });
    expect(figures(await board(southSeller)).filter((col) => col.count > 0)).toEqual([
      { stage: 'Prospecto', count: 1, cards: 1, totals: [{ currency: 'COP', count: 1, value: { amount: '700000.00', currency: 'COP' }, weighted: { amount: '70000.00', currency: 'COP' } }] },
    ]);

    // a moves to Negociación (75 %), b is re-valued, c is won, then the manager gives b to mate (still shared with the team).
    expect((await world.api.post(`/api/v1/opportunities/${a.id}/stage`, { stageId: stages.Negociación!.id, version: a.version }, seller.token)).status).toBe(200);
    const revalued = await world.api.patch(`/api/v1/opportunities/${b.id}`, { value: { amount: '4000000.00' }, version: b.version }, seller.token);
    expect(revalued.status).toBe(200);
    expect((await world.api.post(`/api/v1/opportunities/${c.id}/win`, { version: c.version }, seller.token)).status).toBe(200);
    const reassigned = await world.api.patch(`/api/v1/opportunities/${b.id}`, { ownerId: mate.id, version: revalued.body.version }, manager.token); // sales people cannot give deals away
    expect(reassigned.status).toBe(200);

    const after = await board(seller);
    // Propuesta: only b, 4,000,000.00 × 30 % = 1,200,000.00 (mate's now, shared with the north team).
    expect(column(after, 'Propuesta')).toEqual({
      stage: 'Propuesta',
      count: 1,
      cards: 1,
      totals: [{ currency: 'COP', count: 1, value: { amount: '4000000.00', currency: 'COP' }, weighted: { amount: '1200000.00', currency: 'COP' } }],
    });
    // Negociación: a at the stage's 75 %: 750,000.00 (mate's private deal still hidden).
    expect(column(after, 'Negociación')).toMatchObject({
      count: 1,
      totals: [{ currency: 'COP', count: 1, value: { amount: '1000000.00', currency: 'COP' }, weighted: { amount: '750000.00', currency: 'COP' } }],
    });
    expect(column(after, 'Ganado')).toMatchObject({
      count: 1,
      totals: [{ currency: 'USD', count: 1, value: { amount: '500.00', currency: 'USD' }, weighted: { amount: '500.00', currency: 'USD' } }],
    });

    // Every kind of user: the table's totals equal aggregating the deals themselves; other filters too.
    for (const user of [seller, mate, manager, southSeller, { id: '', email: '', token: world.adminToken }]) {
      expect(figures(await board(user))).toEqual(figures(await board(user, '&stale=false')));
      expect(figures(await board(user, `&ownerId=${mate.id}`))).toEqual(figures(await board(user, `&ownerId=${mate.id}&stale=false`)));
      expect(figures(await board(user, `&teamId=${south}`))).toEqual(figures(await board(user, `&teamId=${south}&stale=false`)));
    }
  });

  it('pages through exactly the deals each user may see, newest first, on the list read per visibility branch', async () => {
    const tag = `ramas-${randomUUID().slice(0, 6)}`;
    const contact = await world.createContact(seller.token, { lastName: 'Ramas', teamId: north });
    const mateContact = await world.createContact(mate.token, { lastName: 'Ramas', teamId: north });
    const southContact = await world.createContact(southSeller.token, { lastName: 'Ramas', teamId: south });
    const made: Record<string, string> = {};
    // In creation order, so newest first is the reverse.
    for (const [name, user, contactId, extra] of [
      ['sellerShared', seller, contact.id, {}],
      ['sellerPrivate', seller, contact.id, { sharedWithTeam: false }],
      ['mateShared', mate, mateContact.id, {}],
      ['matePrivate', mate, mateContact.id, { sharedWithTeam: false }],
      ['south', southSeller, southContact.id, {}],
      ['sellerSecond', seller, contact.id, {}],
    ] as const) {
      const response = await createOpportunity(world.api, user.token, { contactId, tags: [tag], ...extra });
      expect(response.status).toBe(201);
      made[name] = response.body.id;
    }
    const newestFirst = (...names: string[]) =>
      Object.keys(made)
        .reverse()
        .filter((name) => names.includes(name));
    const pageThrough = async (user: { token: string }, filters: string) => {
      const seen: string[] = [];
      let cursor = '';
      for (let pages = 0; pages < 10; pages++) {
        const response = await world.api.get(`/api/v1/opportunities?tag=${tag}&limit=2${filters}${cursor ? `&cursor=${cursor}` : ''}`, user.token);
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((item: { id: string }) => Object.keys(made).find((name) => made[name] === item.id)));
        if (!response.body.nextCursor) break;
        cursor = response.body.nextCursor;
      }
      return seen;
    };
    // Sales: own deals and the team's shared ones; manager: the whole team; read-only: the team's shared ones; admin: all.
    expect(await pageThrough(seller, '')).toEqual(newestFirst('sellerShared', 'sellerPrivate', 'mateShared', 'sellerSecond'));
    expect(await pageThrough(mate, '')).toEqual(newestFirst('sellerShared', 'mateShared', 'matePrivate', 'sellerSecond'));
    expect(await pageThrough(manager, '')).toEqual(newestFirst('sellerShared', 'sellerPrivate', 'mateShared', 'matePrivate', 'sellerSecond'));
    expect(await pageThrough(reader, '')).toEqual(newestFirst('sellerShared', 'mateShared', 'sellerSecond'));
    expect(await pageThrough(southSeller, '')).toEqual(newestFirst('south'));
    expect(await pageThrough({ token: world.adminToken }, '')).toEqual(newestFirst(...Object.keys(made)));
    // With more filters, and a filter that names someone else's deals: still only what the caller may see.
    expect(await pageThrough(seller, `&status=open&ownerId=${mate.id}`)).toEqual(newestFirst('mateShared'));
    expect(await pageThrough(seller, `&teamId=${south}`)).toEqual([]);
    expect(await pageThrough(manager, `&ownerId=${seller.id}&status=open`)).toEqual(newestFirst('sellerShared', 'sellerPrivate', 'sellerSecond'));
  });
  it('reads list items and board cards straight from SQL with the values of the full record (board cards: the kanban fields), in Spanish and English', async () => {
    const tag = `campos-${randomUUID().slice(0, 6)}`;
    const contact = await world.createContact(seller.token, { lastName: 'Campos', teamId: north });
    const full = await createOpportunity(world.api, seller.token, {
      pipelineId,
      stageId: stages.Propuesta!.id,
      contactId: contact.id,
      title: 'Todos los campos',
      value: { amount: '1234567.89', currency: 'USD' },
      probability: 35,
      expectedCloseDate: '2027-03-31',
      agentId: mate.id,
      assigneeId: seller.id,
      tags: [tag, 'vip'],
      description: 'Una descripción que las tarjetas no llevan',
    });
    expect(full.status).toBe(201);
    const bare = await createOpportunity(world.api, seller.token, { pipelineId, contactId: contact.id, tags: [tag] });
    expect(bare.status).toBe(201);
    const reasons = await world.api.get('/api/v1/lost-reasons', seller.token);
    const lost = await world.api.post(
      `/api/v1/opportunities/${bare.body.id}/lose`,
      { version: bare.body.version, lostReasonId: reasons.body.items[0].id, note: 'Sin presupuesto este año' },
      seller.token,
    );
    expect(lost.status).toBe(200);
    // What a board card carries (docs/opportunities/opportunities.md, "Board cards").
    const cardFields = [
      'id',
      'title',
      'status',
      'pipelineId',
      'stageId',
      'stageName',
      'contactId',
      'contactName',
      'value',
      'probability',
      'expectedCloseDate',
      'agentId',
      'assigneeId',
      'ownerId',
      'tags',
      'stale',
      'lastActivityAt',
      'stageEnteredAt',
      'wonAt',
      'lostAt',
      'createdAt',
      'version',
    ];
    for (const language of ['es', 'en']) {
      const headers = { 'accept-language': language };
      const records = await Promise.all(
        [full.body.id as string, bare.body.id as string].map(async (id) => {
          const response = await world.api.get(`/api/v1/opportunities/${id}`, seller.token, headers);
          expect(response.status).toBe(200);
          return response.body as Record<string, unknown>;
        }),
      );
      expect(records[0]).toMatchObject({
        description: 'Una descripción que las tarjetas no llevan',
        expectedCloseDate: '2027-03-31',
        value: { amount: '1234567.89', currency: 'USD' },
        probability: 35,
      });
      expect(records[1]).toMatchObject({ status: 'lost', lostNote: 'Sin presupuesto este año', stageId: stages.Perdido!.id });
      // The list: every field of the full record, newest first.
      const list = await world.api.get(`/api/v1/opportunities?tag=${tag}`, seller.token, headers);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([records[1], records[0]]);
      // The board: the card fields of the same records, in column order (Propuesta before Perdido).
      const response = await world.api.get(`/api/v1/opportunities/board?pipelineId=${pipelineId}&tag=${tag}`, seller.token, headers);
      expect(response.status).toBe(200);
      const cards = (response.body.columns as Column[]).flatMap((column) => column.cards);
      expect(cards).toEqual(records.map((record) => Object.fromEntries(cardFields.map((field) => [field, record[field]]))));
    }
  });
  it("answers 404 for another tenant's pipeline or an unknown one, without a column of it (the board's statements run at once)", async () => {
    const other = await world.createTenant();
    // The other tenant's admin sees the whole of their tenant, and still not this pipeline.
    const foreign = await world.api.get(`/api/v1/opportunities/board?pipelineId=${pipelineId}`, other.token);
    expect({ status: foreign.status, columns: foreign.body.columns }).toEqual({ status: 404, columns: undefined });
    const unknown = await world.api.get(`/api/v1/opportunities/board?pipelineId=${randomUUID()}`, world.adminToken);
    expect({ status: unknown.status, columns: unknown.body.columns }).toEqual({ status: 404, columns: undefined });
    const theirs = await world.api.get(`/api/v1/opportunities?pipelineId=${pipelineId}`, other.token);
    expect({ status: theirs.status, items: theirs.body.items }).toEqual({ status: 200, items: [] });
  });
});
