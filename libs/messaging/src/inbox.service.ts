import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@crm/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { quoteIdent } from './sql-identifier.js';

export interface InboxResult<T> {
  duplicate: boolean;
  result?: T;
}

/**
 * Exactly-once effects on top of at-least-once delivery: the event's id is recorded for the
 * consumer in the same transaction as the handler's work, so a redelivery (relay retry, broker
 * restart, replay of something already handled) finds the row and skips the work.
 */
@Injectable()
export class InboxService {
  private readonly table: string;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
  ) {
    this.table = `${quoteIdent(options.schema)}.inbox_message`;
  }

  /**
   * For a handler that claims the event in the same statement as its first read (a CTE, one
   * round trip less): `INSERT … ON CONFLICT DO NOTHING RETURNING message_id` with placeholders
   * `$<firstParam>` (message id) and `$<firstParam + 1>` (consumer). Run it inside the handler's
   * transaction; no row returned = a duplicate (a concurrent one waits for the first to commit),
   * or, with `when`, the condition did not hold.
   */
  claimStatement(event: Pick<CloudEvent, 'id'>, consumer: string, firstParam: number, when?: string): { sql: string; params: unknown[] } {
    if (typeof event.id !== 'string' || event.id.length === 0) throw new Error('the event has no id');
    // `when`: claim only if this SQL condition holds (a handler's fast path that declines the
    // event, leaving it unclaimed, when the statement alone cannot do the work).
    const values = when === undefined ? `VALUES ($${firstParam}, $${firstParam + 1})` : `SELECT $${firstParam}::text, $${firstParam + 1}::text WHERE ${when}`;
    return {
      sql: `INSERT INTO ${this.table} (message_id, consumer) ${values} ON CONFLICT DO NOTHING RETURNING message_id`,
      params: [event.id, consumer],
    };
  }

  /**
   * handleOnce for a handler whose whole work is one statement: the claim and the work run as ONE
   * autocommit statement (`WITH claim AS (…) <work>`), one round trip instead of four (BEGIN,
   * claim, work, COMMIT). `work` is the CTEs that follow the claim, each guarded by
   * `EXISTS (SELECT 1 FROM claim)` so a duplicate changes nothing; its placeholders start at $1
   * (the claim's come after them). A statement is atomic, so the claim and the work commit
   * together or not at all, and a concurrent duplicate waits on the inbox row like handleOnce's.
   */
  async applyOnce(event: Pick<CloudEvent, 'id'>, consumer: string, work: { ctes: string; params: unknown[] }): Promise<InboxResult<never>> {
    const claim = this.claimStatement(event, consumer, work.params.length + 1);
    const [row] = (await this.dataSource.query(`WITH claim AS (${claim.sql}), ${work.ctes} SELECT EXISTS (SELECT 1 FROM claim) AS fresh`, [...work.params, ...claim.params])) as {
      fresh: boolean;
    }[];
    if (row?.fresh) return { duplicate: false };
    this.metrics.duplicates++;
    return { duplicate: true };
  }

  /** Counts a duplicate found by a handler that claimed through {@link claimStatement}. */
  countDuplicate(): void {
    this.metrics.duplicates++;
  }

  /**
   * `consumer` names the handler (e.g. `notifications.contact-assigned`): two handlers of the
   * same event each get it once. Follow-up events written with OutboxService on `em` commit
   * atomically with the work.
   */
  async handleOnce<T>(event: Pick<CloudEvent, 'id'>, consumer: string, work: (em: EntityManager) => Promise<T>): Promise<InboxResult<T>> {
    if (typeof event.id !== 'string' || event.id.length === 0) throw new Error('the event has no id');
    return this.dataSource.transaction(async (em) => {
      // A concurrent duplicate blocks here on the primary key until the first commits, then skips.
      const inserted = (await em.query(`INSERT INTO ${this.table} (message_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id`, [event.id, consumer])) as unknown[];
      if (inserted.length === 0) {
        this.metrics.duplicates++;
        return { duplicate: true };
      }
      return { duplicate: false, result: await work(em) };
    });
  }

  /**
   * handleOnce for many events in one transaction (high-volume consumers, see InboxBatcher): the
   * ids are recorded with one statement and `work` gets only the events not seen before for this
   * consumer (an id repeated inside the batch counts once), in their order. Everything commits
   * or nothing does.
   */
  async handleBatch<E extends Pick<CloudEvent, 'id'>>(
    events: readonly E[],
    consumer: string,
    work: (em: EntityManager, fresh: E[]) => Promise<void>,
  ): Promise<{ fresh: number; duplicates: number }> {
    for (const event of events) if (typeof event.id !== 'string' || event.id.length === 0) throw new Error('the event has no id');
    if (events.length === 0) return { fresh: 0, duplicates: 0 };
    return this.dataSource.transaction(async (em) => {
      const ids = [...new Set(events.map((event) => event.id))].sort();
      // Sorted ids: two batches sharing ids lock their inbox rows in the same order (no deadlock).
      const inserted = (await em.query(
        `INSERT INTO ${this.table} (message_id, consumer) SELECT id, $2 FROM unnest($1::text[]) AS t(id) ORDER BY id ON CONFLICT DO NOTHING RETURNING message_id`,
        [ids, consumer],
      )) as { message_id: string }[];
      const freshIds = new Set(inserted.map((row) => row.message_id));
      const fresh: E[] = [];
      for (const event of events) {
        if (!freshIds.delete(event.id)) continue;
        fresh.push(event);
      }
      const duplicates = events.length - fresh.length;
      this.metrics.duplicates += duplicates;
      if (fresh.length > 0) await work(em, fresh);
      return { fresh: fresh.length, duplicates };
    });
  }
}
