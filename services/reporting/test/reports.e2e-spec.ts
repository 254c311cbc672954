// Every report through the gateway on a scripted month (March 2026, tenant zone America/Bogota):
// the contacts, opportunities and tickets events go into those services' own outboxes (as their
// code writes them) and their relays publish them; the ERP's invoices and payment come on the
// ERP exchange. Each expected figure is worked out by hand below from scripted-month.ts. Then a
// rebuild (the services replay their outbox history) must give the same numbers, sales and
// managers must see only their own / their teams' deals, and every export must open.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { CloudEvent } from '@crm/contracts';
import { AmqpSpy, CrmWorld, waitFor, type WorldUser } from '@crm/testing';
import { scriptedMonth, type MonthEvents } from './scripted-month.js';

const MARCH = 'from=2026-03-01&to=2026-03-31';
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { tid: string; sub: string };
const cop = (amount: string) => ({ currency: 'COP', amount });
const usd = (amount: string) => ({ currency: 'USD', amount });

describe('reports on a scripted month, through the gateway', () => {
  let world: CrmWorld;
  let spy: AmqpSpy;
  let db: pg.Client;
  let month: MonthEvents;
  let s1: WorldUser, s2: WorldUser, s3: WorldUser, manager: WorldUser;
  let evilSource: string;

  const get = async (path: string, token = world.adminToken) => {
    const response = await world.api.get(`/api/v1/reports/${path}`, token);
    expect(response.status).toBe(200);
    return response.body as Record<string, any>;
  };

  /** Polls until the report equals `expected` (events are applied asynchronously), then asserts it (a clear diff on timeout). */
  async function eventually(path: string, pick: (r: Record<string, any>) => unknown, expected: unknown, token = world.adminToken): Promise<void> {
    await waitFor(async () => isDeepStrictEqual(pick(await get(path, token)), expected), { timeoutMs: 60_000, intervalMs: 250, description: `${path} to show the scripted month` }).catch(
      () => undefined,
    );
    expect(pick(await get(path, token))).toEqual(expected);
  }

  async function intoOutbox(schema: string, events: CloudEvent[]): Promise<void> {
    for (const e of events) {
      await db.query(`INSERT INTO ${schema}.outbox_message (id, event_type, tenant_id, subject, envelope, occurred_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
        e.id,
        e.type,
        e.tenantid,
        e.subject,
        JSON.stringify(e),
        e.time,
      ]);
    }
  }

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'opportunities', 'tickets', 'reporting'], env: { AMQP_RETRY_DELAYS_MS: '200' } });
    spy = await AmqpSpy.connect();
    db = new pg.Client({ connectionString: world.platform.env.DATABASE_URL });
    await db.connect();
    const [teamA, teamB] = [await world.createTeam('Equipo A'), await world.createTeam('Equipo B')];
    [s1, s2, s3, manager] = [
      await world.createUser(['sales'], [teamA]),
      await world.createUser(['sales'], [teamA]),
      await world.createUser(['sales'], [teamB]),
      await world.createUser(['manager'], [teamA]),
    ];
    const admin = claims(world.adminToken);
    month = scriptedMonth({ tenantId: admin.tid, adminId: admin.sub, s1: s1.id, s2: s2.id, s3: s3.id, teamA, teamB });
    // A source whose name a spreadsheet would run as a formula (CSV injection), with a cost only.
    const evil = { ...month.contacts[0]!, id: crypto.randomUUID() } as CloudEvent<Record<string, unknown>>;
    evilSource = crypto.randomUUID();
    evil.subject = evilSource;
    evil.data = { ...evil.data, sourceId: evilSource, name: '=1+2', cost: null, period: null };
    await intoOutbox('contacts', [...month.contacts, evil]);
    await intoOutbox('opportunities', month.opportunities);
    await intoOutbox('tickets', month.tickets);
    for (const e of month.erp) await spy.publish(`${world.platform.amqpPrefix}erp.events`, e.type, e, e.id);
    // The admin corrects the fair's March cost (3,000,000 instead of the 2,500,000 contacts stated) and prices the odd source.
    for (const body of [
      { sourceId: month.ids.fair, from: '2026-03-01', to: '2026-03-31', amount: '3000000', currency: 'COP' },
      { sourceId: evilSource, from: '2026-03-01', to: '2026-03-31', amount: '500000.00', currency: 'COP' },
    ]) {
      expect((await world.api.post('/api/v1/reports/source-costs', body, world.adminToken)).status).toBe(200);
    }
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await spy?.close();
    await world?.stop();
  });

  // Hand-computed figures (admin, March 2026).
  const expected = () => {
    const { ids } = month;
    return {
      // Contacts: C1–C4 created in March (C1, C2, C4 prospects, C3 contact), C5 a customer since February;
      // C1 (20 Mar) and C3 (25 Mar) converted → lifecycles customer 3, prospect 2. Leads created in March 4, converted 2.
      // Open: O5 (8,000,000 COP, 10 %), O6 (5,000,000 COP, 30 %), O4 (2,000 USD, 30 %): weighted 800,000 + 1,500,000 COP and 600 USD.
      // Closed in March: O1, O3 won, O2 lost → 2 ÷ 3.
      dashboard: {
        totalContacts: 5,
        contactsByLifecycle: { contact: 0, prospect: 2, customer: 3, supplier: 0 },
        activeOpportunities: 3,
        potentialValue: [cop('13000000.00'), usd('2000.00')],
        weightedValue: [cop('2300000.00'), usd('600.00')],
        conversionRate: { opportunities: { won: 2, lost: 1, closed: 3, rate: 0.6667 }, leads: { created: 4, converted: 2, rate: 0.5 } },
      },
      // Cohort: O1–O5 (O6 was created in February). Reached "new": all 5; "qualified": O1, O2, O3, O4; "proposal": O1, O3.
      funnelStages: [
        { stageId: ids.stNew, probability: 10, reached: 5, reachedValue: [cop('28000000.00'), usd('2000.00')], open: 1, openValue: [cop('8000000.00')], conversionToNext: 0.8 },
        { stageId: ids.stQual, probability: 30, reached: 4, reachedValue: [cop('20000000.00'), usd('2000.00')], open: 1, openValue: [usd('2000.00')], conversionToNext: 0.5 },
        { stageId: ids.stProp, probability: 60, reached: 2, reachedValue: [cop('16000000.00')], open: 0, openValue: [], conversionToNext: null },
      ],
      funnelOwners: [
        { ownerId: s1.id, created: 2, open: 1, won: 1, lost: 0, createdValue: [cop('18000000.00')], wonValue: [cop('10000000.00')], winRate: 1 },
        { ownerId: s2.id, created: 1, open: 0, won: 0, lost: 1, createdValue: [cop('4000000.00')], wonValue: [], winRate: 0 },
        { ownerId: s3.id, created: 2, open: 1, won: 1, lost: 0, createdValue: [cop('6000000.00'), usd('2000.00')], wonValue: [cop('6000000.00')], winRate: 1 },
      ],
      funnelSources: [
        { sourceId: ids.web, sourceName: 'Sitio web', created: 3, open: 1, won: 1, lost: 1, createdValue: [cop('22000000.00')], wonValue: [cop('10000000.00')], winRate: 0.5 },
        { sourceId: ids.fair, sourceName: 'Feria', created: 2, open: 1, won: 1, lost: 0, createdValue: [cop('6000000.00'), usd('2000.00')], wonValue: [cop('6000000.00')], winRate: 1 },
      ],
      // Open now: O5 in "new"; O4 and O6 in "qualified".
      stageDistribution: {
        total: 3,
        stages: [
          { stageId: ids.stNew, name: null, probability: 10, count: 1, value: [cop('8000000.00')], weightedValue: [cop('800000.00')], share: 0.3333 },
          {
            stageId: ids.stQual,
            name: 'Calificada',
            probability: 30,
            count: 2,
            value: [cop('5000000.00'), usd('2000.00')],
            weightedValue: [cop('1500000.00'), usd('600.00')],
            share: 0.6667,
          },
        ],
      },
      trendsMonth: [
        { period: '2026-03-01', created: 5, won: 2, lost: 1, createdValue: [cop('28000000.00'), usd('2000.00')], wonValue: [cop('16000000.00')], lostValue: [cop('4000000.00')] },
      ],
      // Weeks start on Monday: 23 Feb (holds 1 Mar), 2 Mar (O1–O4 created), 9 Mar (O5 created, O1 won), 16 Mar, 23 Mar (O2 lost, O3 won), 30 Mar.
      trendsWeeks: [
        ['2026-02-23', 0, 0, 0],
        ['2026-03-02', 4, 0, 0],
        ['2026-03-09', 1, 1, 0],
        ['2026-03-16', 0, 0, 0],
        ['2026-03-23', 0, 1, 1],
        ['2026-03-30', 0, 0, 0],
      ],
      // O1 won after 10 days, O3 after 20, O2 lost after 20. Stage exits in March: from "new" O1 2 d, O2 4 d, O3 1 d,
      // O4 10 d, O6 10 d (avg 27 ÷ 5 = 5.4, median 4); from "qualified" O1 5 d, O3 4 d (avg and median 4.5).
      salesCycle: {
        won: 2,
        lost: 1,
        winRate: 0.6667,
        averageDaysToWin: 15,
        medianDaysToWin: 15,
        averageDaysToLose: 20,
        medianDaysToLose: 20,
        timeInStage: [
          { stageId: ids.stNew, name: null, probability: 10, exits: 5, averageDays: 5.4, medianDays: 4 },
          { stageId: ids.stQual, name: 'Calificada', probability: 30, exits: 2, averageDays: 4.5, medianDays: 4.5 },
        ],
      },
      // Won value in COP: s1 10,000,000 (O1), s3 6,000,000 (O3), s2 none (O2 lost). Activities done in March: s1 3, s3 1, s2 0.
      sellers: [
        { rank: 1, ownerId: s1.id, won: 1, lost: 0, wonValue: [cop('10000000.00')], activitiesDone: 3, winRate: 1 },
        { rank: 2, ownerId: s3.id, won: 1, lost: 0, wonValue: [cop('6000000.00')], activitiesDone: 1, winRate: 1 },
        { rank: 3, ownerId: s2.id, won: 0, lost: 1, wonValue: [], activitiesDone: 0, winRate: 0 },
      ],
      // Leads in March: web C1, C2; fair C3, C4. Customers acquired in March: C1 (web), C3 (fair); C5 became customer in February.
      // CAC = cost ÷ customers: web 1,000,000 ÷ 1; fair 3,000,000 (the admin's figure wins over contacts' 2,500,000) ÷ 1.
      sources: [
        { sourceId: ids.fair, name: 'Feria', channel: 'trade_show', leads: 2, customers: 1, won: 1, wonValue: [cop('6000000.00')], cost: [cop('3000000.00')], cac: [cop('3000000.00')] },
        { sourceId: ids.web, name: 'Sitio web', channel: 'web', leads: 2, customers: 1, won: 1, wonValue: [cop('10000000.00')], cost: [cop('1000000.00')], cac: [cop('1000000.00')] },
        { sourceId: evilSource, name: '=1+2', channel: 'web', leads: 0, customers: 0, won: 0, wonValue: [], cost: [cop('500000.00')], cac: [] },
      ],
      // CLTV = revenue + averageOrder × invoices/monthsActive × 36. C1: 12,000,000 over 2 invoices since 21 Mar (1 month):
      // 12,000,000 + 6,000,000 × 2 × 36 = 444,000,000. C3: INV-4 cancelled, INV-5 6,000,000 → 6,000,000 + 6,000,000 × 1 × 36.
      // C5 (matched by tax id 900.123.456-7): 3,000,000 since 15 Feb (1 month 16 days → 2 months) → 3,000,000 + 3,000,000 × 0.5 × 36.
      customers: [
        [ids.c1, 2, '12000000.00', '5000000.00', '6000000.00', 1, 2, '444000000.00'],
        [ids.c3, 1, '6000000.00', '0.00', '6000000.00', 1, 1, '222000000.00'],
        [ids.c5, 1, '3000000.00', '0.00', '3000000.00', 2, 0.5, '57000000.00'],
      ],
      // Open deals by expected close (March–April): O6 in March; O5 and O4 in April.
      forecast: [
        { month: '2026-03', count: 1, value: [cop('5000000.00')], weightedValue: [cop('1500000.00')] },
        { month: '2026-04', count: 2, value: [cop('8000000.00'), usd('2000.00')], weightedValue: [cop('800000.00'), usd('600.00')] },
      ],
      // Business minutes (Mon–Fri 08:00–17:00 Bogotá; 23 Mar 2026 is San José, moved from Thu 19 Mar):
      // T1 received Mon 2 Mar 09:00, answered 11:30 (150), closed Tue 10:00 (480 + 120 = 600).
      // T2 received Fri 20 Mar 16:00, answered Tue 24 09:00 (60 + holiday 0 + 60 = 120), closed 15:00 (60 + 420 = 480).
      // T3 received Wed 4 Mar 08:00, answered Thu 08:30 (540 + 30 = 570), closed Thu 26 Mar 09:00:
      //   4–6 Mar 3 × 540, 9–13 and 16–20 Mar 10 × 540, 23 Mar holiday, 24–25 Mar 2 × 540, 26 Mar 60 → 8,160.
      // First response avg (150 + 120 + 570) ÷ 3 = 280, median 150; resolution avg (600 + 480 + 8160) ÷ 3 = 3,080, median 600.
      // Legal: T1 on time, T2 late, T3 extended, T4 overdue, T5 in term. SLA: T2 breached → 2 of 3. CSAT 5, 2, 4 → 3.67.
      tickets: {
        total: 5,
        closed: 3,
        byClass: [
          { key: 'consulta', count: 1 },
          { key: 'peticion_documentos', count: 1 },
          { key: 'peticion_general', count: 1 },
          { key: 'queja', count: 1 },
          { key: 'reclamo', count: 1 },
        ],
        byCategory: [
          { key: null, count: 3 },
          { key: ids.cat, count: 2 },
        ],
        byChannel: [
          { key: 'web', count: 2 },
          { key: 'chat', count: 1 },
          { key: 'email', count: 1 },
          { key: 'telefono', count: 1 },
        ],
        byPriority: [
          { key: 'alta', count: 2 },
          { key: 'media', count: 2 },
          { key: 'baja', count: 1 },
        ],
        firstResponseBusinessMinutes: { answered: 3, average: 280, median: 150 },
        resolutionBusinessMinutes: { resolved: 3, average: 3080, median: 600 },
        slaCompliance: { closed: 3, met: 2, rate: 0.6667 },
        legalCompliance: { on_time: 1, late: 1, extended: 1, overdue: 1, pending: 1, answered: 3, rate: 0.5 },
        csat: { responses: 3, average: 3.67, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 } },
      },
      // Per seller and type: s1 calls a1 (created and done) and a5 (created in February, done 2 Mar), meeting a2; s2 email a4; s3 call a3.
      activities: [
        [s1.id, 'call', 1, 2],
        [s1.id, 'meeting', 1, 1],
        [s2.id, 'email', 1, 0],
        [s3.id, 'call', 1, 1],
      ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    };
  };

  const pickDashboard = (r: Record<string, any>) => ({
    totalContacts: r.totalContacts,
    contactsByLifecycle: r.contactsByLifecycle,
    activeOpportunities: r.activeOpportunities,
    potentialValue: r.potentialValue,
    weightedValue: r.weightedValue,
    conversionRate: r.conversionRate,
  });
  const strip = (list: Record<string, any>[], drop: string[]) => list.map((item) => Object.fromEntries(Object.entries(item).filter(([k]) => !drop.includes(k))));
  const sortBy = (key: string) => (list: Record<string, any>[]) => [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

  /** Every report of the month, as the assertions compare them. */
  async function allFigures() {
    return {
      dashboard: pickDashboard(await get(`dashboard?${MARCH}`)),
      funnel: await get(`funnel?${MARCH}`).then((f) => ({
        stages: strip(f.byStage, ['name']),
        owners: sortBy('ownerId')(strip(f.byOwner, ['ownerName', 'key'])),
        sources: strip(f.bySource, ['key']),
      })),
      stageDistribution: await get(`stage-distribution?${MARCH}`).then((r) => ({ total: r.total, stages: r.stages })),
      trendsMonth: (await get(`trends?${MARCH}&granularity=month`)).series,
      trendsWeeks: (await get(`trends?${MARCH}&granularity=week`)).series.map((b: any) => [b.period, b.created, b.won, b.lost]),
      salesCycle: await get(`sales-cycle?${MARCH}`).then(({ from: _f, to: _t, timeZone: _z, ...rest }) => rest),
      sellers: strip((await get(`sellers?${MARCH}`)).sellers, ['name']),
      sources: (await get(`sources?${MARCH}`)).sources,
      customers: (await get(`customers/value?${MARCH}`)).customers.map((c: any) => [
        c.contactId,
        c.invoices,
        c.revenueToDate.amount,
        c.paidToDate.amount,
        c.averageOrder.amount,
        c.monthsActive,
        c.purchaseFrequencyPerMonth,
        c.projectedCltv.amount,
      ]),
      forecast: (await get('forecast?from=2026-03-01&to=2026-04-30')).months,
      tickets: await get(`tickets?${MARCH}`).then(({ from: _f, to: _t, timeZone: _z, ...rest }) => rest),
      activities: (await get(`activities?${MARCH}`)).rows
        .map((r: any) => [r.userId, r.type, r.created, r.done])
        .sort((a: any[], b: any[]) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    };
  }

  function expectedFigures() {
    const e = expected();
    return {
      dashboard: e.dashboard,
      funnel: { stages: e.funnelStages, owners: sortBy('ownerId')(e.funnelOwners), sources: e.funnelSources },
      stageDistribution: e.stageDistribution,
      trendsMonth: e.trendsMonth,
      trendsWeeks: e.trendsWeeks,
      salesCycle: e.salesCycle,
      sellers: e.sellers,
      sources: e.sources,
      customers: e.customers,
      forecast: e.forecast,
      tickets: e.tickets,
      activities: e.activities,
    };
  }

  it('gives exactly the hand-computed figures for every report', async () => {
    // The last events of each family: once they show, everything before them was applied too (one batch order per service).
    await eventually(`tickets?${MARCH}`, (r) => r.csat.responses, 3);
    await eventually(`customers/value?${MARCH}`, (r) => r.customers.length, 3);
    await eventually(`dashboard?${MARCH}`, pickDashboard, expected().dashboard);
    await waitFor(async () => isDeepStrictEqual(await allFigures(), expectedFigures()), { timeoutMs: 30_000, intervalMs: 500, description: 'all reports' }).catch(() => undefined);
    const figures = await allFigures();
    const want = expectedFigures();
    for (const key of Object.keys(want) as (keyof typeof want)[]) expect({ [key]: figures[key] }).toEqual({ [key]: want[key] });
  }, 240_000);

  it("narrows every figure to the caller: a seller sees their own deals, a manager their teams'", async () => {
    const { ids } = month;
    // s1 owns O1 (won) and O5 (open, new): reached new 2, qualified 1 (O1), proposal 1.
    const own = await get(`funnel?${MARCH}`, s1.token);
    expect(own.byStage.map((s: any) => [s.stageId, s.reached])).toEqual([
      [ids.stNew, 2],
      [ids.stQual, 1],
      [ids.stProp, 1],
    ]);
    expect(own.byOwner.map((o: any) => o.ownerId)).toEqual([s1.id]);
    // The manager of team A: O1, O2 (s2) and O5 → new 3, qualified 2, proposal 1.
    const team = await get(`funnel?${MARCH}`, manager.token);
    expect(team.byStage.map((s: any) => [s.stageId, s.reached])).toEqual([
      [ids.stNew, 3],
      [ids.stQual, 2],
      [ids.stProp, 1],
    ]);
    expect(team.byOwner.map((o: any) => o.ownerId).sort()).toEqual([s1.id, s2.id].sort());
    // Dashboards: s1 owns C1 and C5 and O5 open; the manager sees team A's C1, C2, C5 and O5, O6.
    expect(pickDashboard(await get(`dashboard?${MARCH}`, s1.token))).toMatchObject({
      totalContacts: 2,
      activeOpportunities: 1,
      potentialValue: [cop('8000000.00')],
      conversionRate: { opportunities: { won: 1, lost: 0, closed: 1, rate: 1 }, leads: { created: 1, converted: 1, rate: 1 } },
    });
    expect(pickDashboard(await get(`dashboard?${MARCH}`, manager.token))).toMatchObject({
      totalContacts: 3,
      activeOpportunities: 2,
      potentialValue: [cop('13000000.00')],
      conversionRate: { opportunities: { won: 1, lost: 1, closed: 2, rate: 0.5 }, leads: { created: 2, converted: 1, rate: 0.5 } },
    });
    // Tickets assigned to s3 (team B) are not s1's; the owner filter cannot widen a seller's view.
    expect((await get(`tickets?${MARCH}`, s1.token)).total).toBe(2);
    expect((await get(`sellers?${MARCH}&ownerId=${s3.id}`, s1.token)).sellers).toEqual([]);
    // Another tenant sees none of it.
    const other = await world.createTenant();
    expect(pickDashboard(await get(`dashboard?${MARCH}`, other.token))).toMatchObject({ totalContacts: 0, activeOpportunities: 0, potentialValue: [] });
    // Only admins rebuild or record costs; no token, no report.
    expect((await world.api.post('/api/v1/reports/rebuild', {}, s1.token)).status).toBe(403);
    expect((await world.api.post('/api/v1/reports/source-costs', { sourceId: ids.web, from: '2026-03-01', to: '2026-03-31', amount: '1', currency: 'COP' }, manager.token)).status).toBe(403);
    expect((await world.api.get(`/api/v1/reports/funnel?${MARCH}`)).status).toBe(401);
    // A well-formed day that does not exist is the caller's mistake, named, never a 500.
    const impossible = await world.api.get('/api/v1/reports/sales-cycle?from=2026-13-45&to=2026-02-30', world.adminToken);
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors).toEqual([
      { field: 'from', message: 'from debe ser un día que exista en el calendario.' },
      { field: 'to', message: 'to debe ser un día que exista en el calendario.' },
    ]);
  });

  it('exports every report as CSV and XLSX with Spanish headers, numbers as numbers and no formulas', async () => {
    const names = ['dashboard', 'funnel', 'stage-distribution', 'trends', 'sales-cycle', 'sellers', 'sources', 'customers-value', 'forecast', 'tickets', 'activities'];
    for (const name of names) {
      for (const format of ['csv', 'xlsx']) {
        const response = await fetch(`${world.platform.gatewayUrl}/api/v1/reports/${name}/export?${MARCH}&format=${format}`, { headers: { authorization: `Bearer ${world.adminToken}` } });
        expect({ name, format, status: response.status }).toEqual({ name, format, status: 200 });
        const bytes = Buffer.from(await response.arrayBuffer());
        if (format === 'csv') {
          expect(bytes.toString('utf8').startsWith('\uFEFF')).toBe(true);
          continue;
        }
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(bytes as never);
        expect(book.worksheets[0]!.rowCount).toBeGreaterThan(1);
      }
    }
    // The dashboard sheet: Spanish headers, and the figures are numeric cells.
    const xlsx = await fetch(`${world.platform.gatewayUrl}/api/v1/reports/dashboard/export?${MARCH}&format=xlsx`, { headers: { authorization: `Bearer ${world.adminToken}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Indicador', 'Moneda', 'Valor']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => n > 1 && rows.set(`${String(row.getCell(1).value)}|${String(row.getCell(2).value ?? '')}`, [row.getCell(3).value, row.getCell(3).type]));
    expect(rows.get('Total de contactos|')).toEqual([5, ExcelJS.ValueType.Number]);
    expect(rows.get('Valor potencial|COP')).toEqual([13_000_000, ExcelJS.ValueType.Number]);
    expect(rows.get('Tasa de conversión de oportunidades|')).toEqual([0.6667, ExcelJS.ValueType.Number]);
    // CSV of sources: the formula-like source name is neutralised, amounts are plain numbers.
    const csv = await world.api.get(`/api/v1/reports/sources/export?${MARCH}&format=csv`, world.adminToken);
    const lines = String(csv.body).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Fuente;Canal;Leads;Clientes adquiridos;Ganadas;Moneda;Valor ganado;Costo;CAC');
    expect(lines).toContain("'=1+2;web;0;0;0;COP;;500000;");
    expect(lines).toContain('Feria;trade_show;2;1;1;COP;6000000;3000000;3000000');
  }, 120_000);

  it('gives the same figures after a rebuild from the services replaying their outbox history', async () => {
    const before = await allFigures();
    expect(before).toEqual(expectedFigures());
    // Anyone bound to the events exchange (the ERP, the other services) must not see the replayed copies.
    await spy.listen(`${world.platform.amqpPrefix}crm.events`, '#');
    const rebuild = await world.api.post('/api/v1/reports/rebuild', {}, world.adminToken);
    expect(rebuild.status).toBe(202);
    const { rebuildId } = rebuild.body as { rebuildId: string };
    // The read models were emptied in the same transaction; the replay fills them again.
    await waitFor(async () => isDeepStrictEqual(await allFigures(), before), { timeoutMs: 90_000, intervalMs: 500, description: 'the rebuilt figures' }).catch(() => undefined);
    expect(await allFigures()).toEqual(before);
    // Every event of the three services' outboxes came back through the replay consumer, once each.
    const replayed = await db.query(`SELECT message_id FROM reporting.inbox_message WHERE consumer = $1`, [`reporting.replay.${rebuildId}`]);
    const ours = [...month.contacts, ...month.opportunities, ...month.tickets].map((e) => e.id);
    expect(ours.filter((id) => !replayed.rows.some((r: { message_id: string }) => r.message_id === id))).toEqual([]);
    // On the events exchange: the replay request only, no copy of a replayed event.
    expect(spy.messages.filter((m) => ours.includes((m.body as { id?: string }).id ?? ''))).toEqual([]);
    expect(spy.messages.some((m) => m.routingKey === 'reporting.replay.requested')).toBe(true);
  }, 240_000);
});
