import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { REPORTING_CONFIG, type ReportingConfig } from '../config/reporting-env.js';
import { ActivityProjection, QuoteProjection } from './sales.projections.js';
import { ContactProjection } from './contact.projection.js';
import { CubeDeltas } from './cube.js';
import { InvoiceRows, PaymentRows } from './erp.projections.js';
import { OpportunityProjection, StageMoveRows, StageProjection } from './opportunity.projection.js';
import type { AnyEvent, Row, RowProjection, StateProjection } from './projection.js';
import { ProjectionStore } from './projection-store.js';
import { SourceCostRows, SourceProjection, UserProjection } from './reference.projections.js';
import { TicketProjection } from './ticket.projection.js';

/**
 * Applies a batch of events to every read model in one transaction: per projection, the rows the
 * batch touches are loaded with one query, the events are applied in memory in arrival order,
 * and the changed rows are written back with one statement. No row is shared by every event of a
 * tenant, so batches of different entities never wait on each other.
 */
@Injectable()
export class ProjectionRunner {
  private readonly store = new ProjectionStore();
  readonly states: StateProjection[];
  readonly rows: RowProjection[];

  constructor(tickets: TicketProjection, @Inject(REPORTING_CONFIG) config: ReportingConfig) {
    // Cube days are calendar days in the tenant zone.
    this.states = [
      new ContactProjection(config.REPORTING_TIME_ZONE),
      new OpportunityProjection(config.REPORTING_TIME_ZONE),
      new StageProjection(),
      new ActivityProjection(),
      new QuoteProjection(),
      tickets,
      new SourceProjection(),
      new UserProjection(),
    ];
    this.rows = [new StageMoveRows(), new InvoiceRows(), new PaymentRows(), new SourceCostRows()];
  }

  /** Every event type some read model reads. */
  types(): string[] {
    return [...new Set([...this.states.flatMap((p) => p.types), ...this.rows.flatMap((p) => p.types)])];
  }

  async apply(em: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    const deltas = new CubeDeltas();
    for (const projection of this.states) await this.applyState(em, projection, events, deltas);
    await deltas.write(em);
    for (const projection of this.rows) {
      const rows = events.filter((e) => projection.types.includes(e.type)).flatMap((e) => projection.rowsOf(e));
      await this.store.append(em, projection, rows);
    }
  }

  private async applyState(em: EntityManager, projection: StateProjection, events: readonly AnyEvent[], deltas: CubeDeltas): Promise<void> {
    const touched: { id: string; tenantId: string; key: string; event: AnyEvent }[] = [];
    for (const event of events) {
      if (!projection.types.includes(event.type)) continue;
      const key = projection.keyOf(event);
      if (key) touched.push({ id: `${event.tenantid}|${key}`, tenantId: event.tenantid, key, event });
    }
    if (touched.length === 0) return;
    const unique = new Map(touched.map((t) => [t.id, { tenantId: t.tenantId, key: t.key }]));
    const existing = await this.store.load(em, projection, [...unique.values()]);
    const current = new Map<string, Row>();
    const changed = new Set<string>();
    for (const t of touched) {
      const before = current.get(t.id) ?? existing.get(t.id) ?? projection.blank(t.tenantId, t.key);
      const after = projection.apply(before, t.event);
      current.set(t.id, after);
      if (after !== before) changed.add(t.id);
    }
    const ids = [...changed].sort();
    if (projection.cells) {
      for (const id of ids) {
        const tenantId = id.slice(0, id.indexOf('|'));
        const before = existing.get(id) ?? projection.blank(tenantId, id.slice(id.indexOf('|') + 1));
        deltas.add(projection.cells(before), -1, tenantId);
        deltas.add(projection.cells(current.get(id)!), 1, tenantId);
      }
    }
    await this.store.save(
      em,
      projection.table,
      ['tenant_id', projection.keyColumn],
      ids.map((id) => current.get(id)!),
    );
  }
}
