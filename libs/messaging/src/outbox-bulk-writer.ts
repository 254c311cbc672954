import { Inject, Injectable } from '@nestjs/common';
import { CLOUDEVENTS_SPEC_VERSION, eventSource } from '@crm/contracts';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { quoteIdent } from './sql-identifier.js';

/** Anything that runs SQL in the caller's transaction: a TypeORM EntityManager or a pg client. */
export interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** Events built set-based from a query, one per row it returns. */
export interface EventsFromSelect {
  /** Event type = routing key, e.g. `contacts.contact.created` (a constant from @crm/contracts). */
  type: string;
  /**
   * A SELECT returning, in the order the events should be published, one row per event with
   * the columns `subject` (text, the aggregate id) and `data` (jsonb, the payload).
   */
  select: string;
  /** SQL expression of the tenant id (uuid), usually a parameter such as `$3::uuid`. */
  tenantSql: string;
  /** SQL expression of the correlation id (text); NULL or absent: each event's own id. */
  correlationSql?: string;
}

const EVENT_TYPE = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;
const ISO_NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The set-based side of the outbox, for bulk work (imports, anonymisation) that would otherwise
 * write `<schema>.outbox_message` by hand: the lib owns the table and the CloudEvents envelope,
 * built in SQL exactly as OutboxService/buildCloudEvent builds it, and the caller runs the
 * statements in its own transaction. Not registered by MessagingModule: list it among the
 * providers of the module that uses it (it needs only MESSAGING_OPTIONS).
 */
@Injectable()
export class OutboxBulkWriter {
  private readonly table: string;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: Pick<ResolvedMessagingOptions, 'schema' | 'service'>) {
    this.table = `${quoteIdent(options.schema)}.outbox_message`;
  }

  /** The `INSERT … SELECT` of {@link EventsFromSelect}, for callers that run it with their own parameters. */
  insertFromSelectSql(events: EventsFromSelect): string {
    if (!EVENT_TYPE.test(events.type)) throw new Error(`invalid event type "${events.type}"`);
    const source = eventSource(this.options.service).replace(/'/g, "''");
    const correlation = events.correlationSql ? `coalesce((${events.correlationSql})::text, e.event_id::text)` : 'e.event_id::text';
    return `INSERT INTO ${this.table} (id, event_type, tenant_id, subject, envelope)
      SELECT e.event_id, '${events.type}', (${events.tenantSql})::uuid, e.subject, jsonb_build_object(
        'specversion', '${CLOUDEVENTS_SPEC_VERSION}', 'id', e.event_id, 'source', '${source}', 'type', '${events.type}', 'time', ${ISO_NOW},
        'subject', e.subject, 'datacontenttype', 'application/json', 'tenantid', (${events.tenantSql})::uuid::text, 'correlationid', ${correlation},
        'data', e.data)
      FROM (SELECT gen_random_uuid() AS event_id, q.subject::text AS subject, q.data::jsonb AS data FROM (${events.select}) q) e`;
  }

  /** Runs {@link insertFromSelectSql} in the caller's transaction. */
  async insertFromSelect(runner: SqlRunner, events: EventsFromSelect, params: unknown[] = []): Promise<void> {
    await runner.query(this.insertFromSelectSql(events), params);
  }

  /**
   * Deletes the already published copies of the events about these subjects (their data may
   * carry what must be forgotten, e.g. after an anonymisation); unpublished ones still go out.
   */
  async deletePublished(runner: SqlRunner, tenantId: string, subjects: readonly string[]): Promise<void> {
    if (subjects.length === 0) return;
    await runner.query(`DELETE FROM ${this.table} WHERE tenant_id = $1 AND subject = ANY($2::text[]) AND published_at IS NOT NULL`, [tenantId, [...subjects]]);
  }
}
