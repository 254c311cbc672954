// Four months of deals (January–April 2026, tenant zone America/Bogota = UTC−5) for the funnel cube
// test: every payload complete for its contract. Deterministic pseudo-random choices (seeded), so a
// failure reproduces. Some deals are created at 04:30 UTC on the 1st of a month — 23:30 of the
// previous day in Bogotá — so the cube's month must be the tenant's, not UTC's.
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@crm/contracts';

export interface FunnelActors {
  tenantId: string;
  adminId: string;
  sellers: { id: string; teamId: string }[];
}

export interface FunnelEvents {
  events: CloudEvent[];
  /** Creation instant of every deal (to count the cohort of a period independently). */
  createdAt: string[];
  pipelines: string[];
  sources: string[];
}

export function funnelMonths(a: FunnelActors, deals = 240): FunnelEvents {
  let seed = 20260101;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  const ev = (source: string, type: string, subject: string, time: string, data: Record<string, unknown>): CloudEvent => {
    const id = randomUUID();
    return { specversion: '1.0', id, source: `crm/${source}`, type, time, subject, datacontenttype: 'application/json', tenantid: a.tenantId, correlationid: id, data };
  };
  const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
  const pipelines = [randomUUID(), randomUUID()];
  const stages = [10, 30, 60, 80].map((probability, i) => ({ id: randomUUID(), name: `Etapa ${i + 1}`, probability }));
  const sources = [randomUUID(), randomUUID()];
  const events: CloudEvent[] = [];

  // Contacts: two with each source, one without (its deals without a source of their own have none).
  const contacts = [sources[0], sources[0], sources[1], sources[1], null].map((sourceId, i) => {
    const contactId = randomUUID();
    const seller = a.sellers[i % a.sellers.length]!;
    events.push(
      ev('contacts', 'contacts.contact.created', contactId, '2025-12-01T15:00:00.000Z', {
        contactId,
        kind: 'person',
        lifecycle: 'prospect',
        displayName: `Contacto ${i + 1}`,
        email: null,
        phone: null,
        ownerId: seller.id,
        teamId: seller.teamId,
        sourceId,
        companyId: null,
        taxId: null,
        createdBy: a.adminId,
        createdAt: '2025-12-01T15:00:00.000Z',
        version: 1,
      }),
    );
    return contactId;
  });

  const createdAt: string[] = [];
  for (let k = 0; k < deals; k++) {
    const o = randomUUID();
    const contactId = pick(contacts);
    let seller = pick(a.sellers);
    const pipelineId = pick(pipelines);
    const day = new Date(Date.UTC(2026, 0, 1 + Math.floor(rnd() * 120)));
    // One in five at 04:30 UTC (23:30 the day before in Bogotá), the first deals right on the month edges.
    const edge = ['2026-02-01T04:30:00.000Z', '2026-03-01T05:00:00.000Z', '2026-04-01T04:59:59.000Z', '2026-02-28T23:00:00.000Z'][k];
    const at = edge ?? `${day.toISOString().slice(0, 10)}T${rnd() < 0.2 ? '04:30' : '15:00'}:00.000Z`;
    createdAt.push(at);
    const amount = { amount: `${1 + Math.floor(rnd() * 5000)}000.${pick(['00', '25', '50'])}`, currency: rnd() < 0.8 ? 'COP' : 'USD' };
    const sourceId = rnd() < 0.6 ? pick(sources) : null;
    let version = 0;
    let stage = 0;
    const ref = () => ({
      opportunityId: o,
      contactId,
      title: `Negocio ${k}`,
      pipelineId,
      stageId: stages[stage]!.id,
      ownerId: seller.id,
      teamId: seller.teamId,
      agentId: null,
      assigneeId: null,
      createdBy: a.adminId,
    });
    events.push(
      ev('opportunities', 'opportunities.opportunity.created', o, at, {
        ...ref(),
        status: 'open',
        amount,
        probability: 10,
        expectedCloseDate: '2026-06-30',
        createdAt: at,
        version: ++version,
        sourceId,
      }),
    );
    let t = at;
    for (let moves = Math.floor(rnd() * 4); moves > 0 && stage < stages.length - 1; moves--) {
      const from = stages[stage]!;
      stage += 1;
      const seconds = Math.floor(rnd() * 10 * 86_400);
      t = new Date(Date.parse(t) + seconds * 1000).toISOString();
      events.push(
        ev('opportunities', 'opportunities.opportunity.stage_changed', o, t, {
          ...ref(),
          fromStageId: from.id,
          toStageId: stages[stage]!.id,
          toStageName: stages[stage]!.name,
          probability: stages[stage]!.probability,
          secondsInPreviousStage: seconds,
          changedBy: seller.id,
          changedAt: t,
          version: ++version,
        }),
      );
    }
    if (rnd() < 0.15) {
      // Reassigned to another seller (maybe of another team): its cells move.
      const to = pick(a.sellers);
      t = plus(t, 1);
      const changes = [
        { field: 'ownerId', from: seller.id, to: to.id },
        { field: 'teamId', from: seller.teamId, to: to.teamId },
      ];
      seller = to;
      events.push(
        ev('opportunities', 'opportunities.opportunity.updated', o, t, {
          opportunityId: o,
          contactId,
          title: `Negocio ${k}`,
          changes,
          updatedBy: a.adminId,
          updatedAt: t,
          version: ++version,
        }),
      );
    }
    if (rnd() < 0.1) {
      t = plus(t, 1);
      const to = { amount: `${1 + Math.floor(rnd() * 5000)}000.00`, currency: amount.currency };
      events.push(
        ev('opportunities', 'opportunities.opportunity.updated', o, t, {
          opportunityId: o,
          contactId,
          title: `Negocio ${k}`,
          changes: [{ field: 'value', from: amount, to }],
          updatedBy: a.adminId,
          updatedAt: t,
          version: ++version,
        }),
      );
      amount.amount = to.amount;
    }
    const close = rnd();
    t = plus(t, 2);
    if (close < 0.3) {
      events.push(
        ev('opportunities', 'opportunities.opportunity.won', o, t, {
          opportunityId: o,
          contactId,
          amount,
          wonAt: t,
          ownerId: seller.id,
          pipelineId,
          title: `Negocio ${k}`,
          stageId: stages[stage]!.id,
          agentId: null,
          assigneeId: null,
          teamId: seller.teamId,
          wonBy: seller.id,
          version: ++version,
        }),
      );
    } else if (close < 0.55) {
      events.push(
        ev('opportunities', 'opportunities.opportunity.lost', o, t, {
          ...ref(),
          amount,
          lostReasonId: sources[0],
          lostReasonName: 'Precio',
          lostBy: seller.id,
          lostAt: t,
          version: ++version,
        }),
      );
      if (close > 0.5) {
        t = plus(t, 1);
        events.push(ev('opportunities', 'opportunities.opportunity.reopened', o, t, { ...ref(), previousStatus: 'lost', reopenedBy: a.adminId, reopenedAt: t, version: ++version }));
      }
    }
  }
  // The first contact changes source after its deals were projected: the deals without a source of their own follow it.
  events.push(
    ev('contacts', 'contacts.contact.updated', contacts[0]!, '2026-05-01T15:00:00.000Z', {
      contactId: contacts[0],
      changes: [{ field: 'sourceId', from: sources[0], to: sources[1] }],
      updatedBy: a.adminId,
      updatedAt: '2026-05-01T15:00:00.000Z',
      version: 2,
    }),
  );
  events.sort((x, y) => x.time.localeCompare(y.time));
  return { events, createdAt, pipelines, sources };
}
