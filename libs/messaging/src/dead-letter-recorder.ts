import { randomUUID } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import type { DataSource } from 'typeorm';
import { isUuid } from '@crm/common';
import { AmqpHeaders, headerString, latestDeath, toJsonSafe } from './amqp-headers.js';
import type { MessagingMetrics } from './messaging-metrics.js';
import { quoteIdent } from './sql-identifier.js';

/** Parses a body as a JSON object; anything else is kept as raw text. */
function parseEnvelope(content: Buffer): { envelope: Record<string, unknown> | null; raw: string | null } {
  const text = content.toString('utf8');
  // Postgres text and jsonb refuse NUL; such a body is kept raw without it rather than block the DLQ.
  if (text.includes('\u0000') || text.includes('\\u0000')) return { envelope: null, raw: text.replaceAll('\u0000', '') };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { envelope: value as Record<string, unknown>, raw: null };
  } catch {
    // not JSON: stored raw below
  }
  return { envelope: null, raw: text };
}

/**
 * Stores what reaches the service's DLQ in `<schema>.dead_letter`, where an admin lists and
 * replays it. Messages we dead-lettered carry a stable id header, so a redelivered DLQ message
 * is stored once; ones the broker dead-lettered (delivery limit) get a fresh id.
 */
export class DeadLetterRecorder {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly metrics: MessagingMetrics,
  ) {
    this.table = `${quoteIdent(schema)}.dead_letter`;
  }

  async record(message: ConsumeMessage): Promise<void> {
    const p = message.properties;
    const death = latestDeath(p);
    const routingKey =
      headerString(p, AmqpHeaders.originalRoutingKey) ?? (typeof death?.['routing-keys']?.[0] === 'string' ? (death['routing-keys'][0] as string) : undefined) ?? message.fields.routingKey;
    const reason = headerString(p, AmqpHeaders.failureReason) ?? (death ? `${String(death.reason)} (queue ${String(death.queue)})` : 'unknown');
    const headerId = headerString(p, AmqpHeaders.deadLetterId);
    const id = headerId && isUuid(headerId) ? headerId : randomUUID();
    const { envelope, raw } = parseEnvelope(message.content);
    const messageId = typeof p.messageId === 'string' ? p.messageId : typeof envelope?.id === 'string' ? envelope.id : null;
    const tenantId = typeof envelope?.tenantid === 'string' ? envelope.tenantid : (headerString(p, AmqpHeaders.tenantId) ?? null);
    const properties = toJsonSafe({
      messageId: p.messageId,
      type: p.type,
      contentType: p.contentType,
      contentEncoding: p.contentEncoding,
      correlationId: p.correlationId,
      timestamp: p.timestamp,
      appId: p.appId,
    });
    const rows = (await this.dataSource.query(
      `INSERT INTO ${this.table} (id, message_id, routing_key, tenant_id, envelope, raw_body, properties, headers, reason)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb, $9)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [id, messageId, routingKey, tenantId, envelope ? JSON.stringify(envelope) : null, raw, JSON.stringify(properties), JSON.stringify(toJsonSafe(p.headers ?? {})), reason.slice(0, 2000)],
    )) as unknown[];
    if (rows.length > 0) this.metrics.deadLettersStored++;
  }
}
