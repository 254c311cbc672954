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
}
