import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpHeaders } from './amqp-headers.js';
import { ConfirmPublisher, type OutgoingMessage } from './confirm-publisher.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { quoteIdent } from './sql-identifier.js';

/** Header on every replayed copy: the replay (rebuild) it belongs to. */
export const REPLAY_ID_HEADER = 'x-replay-id';

export interface ReplayRequest {
  replayId: string;
  tenantId: string;
  /** Inclusive, ISO; null = from the beginning. */
  from: string | null;
  /** Exclusive, ISO; null = up to now. */
  to: string | null;
  /** Whose queue gets the copies. */
  targetService: string;
}

const PAGE = 1000;

/**
 * Republishes this service's published events (the outbox rows not yet archived, then the
 * archive) of one tenant and time range, in occurrence order, to one service's queue through the
 * default exchange: only that queue receives them, never the events exchange, so no other
 * consumer (the ERP included) sees them twice. Each copy keeps its event id and type
 * (x-original-routing-key) and carries x-replay-id; the receiver dedupes per replay.
 */
@Injectable()
export class OutboxReplayer {
  private readonly log = new Logger('OutboxReplayer');
  private readonly schema: string;
  private readonly publisher: ConfirmPublisher;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly dataSource: DataSource,
    connection: AmqpConnection,
    metrics: MessagingMetrics,
  ) {
    this.schema = quoteIdent(options.schema);
    this.publisher = new ConfirmPublisher(connection, metrics, 'OutboxReplayer');
  }

  /** Returns how many events it republished. */
  async replay(request: ReplayRequest): Promise<number> {
    const queue = this.options.names.serviceQueue(request.targetService);
    const [archive] = (await this.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${this.options.schema}.outbox_archive`])) as { present: boolean }[];
    const sources = [`SELECT id, event_type, envelope::text AS body, occurred_at FROM ${this.schema}.outbox_message WHERE published_at IS NOT NULL AND tenant_id = $1`];
    if (archive?.present) sources.push(`SELECT id, event_type, envelope::text AS body, occurred_at FROM ${this.schema}.outbox_archive WHERE tenant_id = $1`);
    let sent = 0;
    let after: { at: string; id: string } = { at: request.from ?? '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT id, event_type, body, occurred_at FROM (${sources.join(' UNION ALL ')}) h
          WHERE (occurred_at, id) > ($2::timestamptz, $3::uuid) AND ($4::timestamptz IS NULL OR occurred_at < $4::timestamptz)
          ORDER BY occurred_at, id LIMIT ${PAGE}`,
        [request.tenantId, after.at, after.id, request.to],
      )) as { id: string; event_type: string; body: string; occurred_at: Date }[];
      if (rows.length === 0) break;
      const messages: OutgoingMessage[] = rows.map((row) => ({
        exchange: '',
        routingKey: queue,
        body: Buffer.from(row.body),
        options: {
          persistent: true,
          mandatory: true,
          messageId: row.id,
          type: row.event_type,
          contentType: 'application/json',
          appId: this.options.service,
          headers: { [AmqpHeaders.originalRoutingKey]: row.event_type, [AmqpHeaders.tenantId]: request.tenantId, [REPLAY_ID_HEADER]: request.replayId },
        },
      }));
      await this.publisher.publish(messages, this.options.publishTimeoutMs);
      sent += rows.length;
      const last = rows[rows.length - 1]!;
      after = { at: last.occurred_at.toISOString(), id: last.id };
      if (rows.length < PAGE) break;
    }
    this.log.log(`replay ${request.replayId}: ${sent} event(s) of tenant ${request.tenantId} republished to ${queue}`);
    return sent;
  }
}
