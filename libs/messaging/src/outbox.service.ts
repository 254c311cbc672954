import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { buildCloudEvent, type OutboxEvent } from './cloud-event-factory.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { quoteIdent } from './sql-identifier.js';

const ROWS_PER_INSERT = 1000;

/**
 * Records events in `<schema>.outbox_message` inside the caller's transaction, so the event
 * exists if and only if the business change committed. It never talks to the broker: the
 * OutboxRelay publishes after commit.
 */
@Injectable()
export class OutboxService {
  private readonly table: string;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions) {
    this.table = `${quoteIdent(options.schema)}.outbox_message`;
  }

  /**
   * For a caller that writes its change and its events in ONE statement (a data-modifying CTE,
   * one round trip): the envelopes and an `INSERT INTO <schema>.outbox_message … VALUES …` whose
   * placeholders start at `$<firstParam>`. The statement must run in the change's transaction
   * (or be that single statement), exactly like {@link publish}.
   */
  insertStatement<TData>(events: readonly OutboxEvent<TData>[], firstParam: number, options: { when?: string } = {}): { envelopes: CloudEvent<TData>[]; sql: string; params: unknown[] } {
    if (events.length === 0) throw new Error('insertStatement needs at least one event');
    const envelopes = events.map((event) => buildCloudEvent(this.options.service, event));
    const params: unknown[] = [];
    const rows = envelopes.map((e) => {
      const base = firstParam + params.length;
      params.push(e.id, e.type, e.tenantid, e.subject, JSON.stringify(e));
      return `($${base}::uuid, $${base + 1}::text, $${base + 2}::uuid, $${base + 3}::text, $${base + 4}::jsonb)`;
    });
    const columns = 'id, event_type, tenant_id, subject, envelope';
    // `when`: the events are written only if this SQL condition holds, e.g. `EXISTS (SELECT 1 FROM contact)`
    // when the change they announce is itself conditional in the same statement.
    const sql =
      options.when === undefined
        ? `INSERT INTO ${this.table} (${columns}) VALUES ${rows.join(', ')}`
        : `INSERT INTO ${this.table} (${columns}) SELECT * FROM (VALUES ${rows.join(', ')}) AS events(${columns}) WHERE ${options.when}`;
    return { envelopes, sql, params };
  }

  /** `em` must be the EntityManager of an open transaction (`dataSource.transaction(em => …)`). */
  async publish<TData>(em: EntityManager, event: OutboxEvent<TData>): Promise<CloudEvent<TData>> {
    const [envelope] = await this.publishAll(em, [event]);
    return envelope!;
  }

  /** Several events in one statement per 1,000 (bulk imports, merges). */
  async publishAll<TData>(em: EntityManager, events: readonly OutboxEvent<TData>[]): Promise<CloudEvent<TData>[]> {
    if (!em.queryRunner?.isTransactionActive) {
      // Outside a transaction the event would commit even if the business change does not.
      throw new Error('OutboxService needs the EntityManager of an open transaction (dataSource.transaction(em => ...))');
    }
    const envelopes = events.map((event) => buildCloudEvent(this.options.service, event));
    for (let start = 0; start < envelopes.length; start += ROWS_PER_INSERT) {
      const chunk = envelopes.slice(start, start + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const rows = chunk.map((e) => {
        const base = params.length;
        params.push(e.id, e.type, e.tenantid, e.subject, JSON.stringify(e));
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb)`;
      });
      await em.query(`INSERT INTO ${this.table} (id, event_type, tenant_id, subject, envelope) VALUES ${rows.join(', ')}`, params);
    }
    return envelopes;
  }
}
