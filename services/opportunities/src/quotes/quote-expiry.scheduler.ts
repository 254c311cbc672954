import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OPPORTUNITIES_QUOTE_EXPIRED, type QuoteExpiredData } from '@crm/contracts';
import { PollingScheduler } from '@crm/common';
import { OutboxService } from '@crm/messaging';
import { SCHEDULERS_CONFIG, type SchedulersConfig } from '../config/schedulers-config.js';

interface ExpiredRow {
  id: string;
  tenant_id: string;
  opportunity_id: string;
  contact_id: string;
  number: string;
  revision: number;
  currency: string;
  total: string;
  valid_until: string;
  version: number;
  expired_at: Date;
  tz: string;
  created_by: string;
  opportunity_title: string | null;
}

/**
 * Marks sent quotes past their validity date as `expired` and publishes
 * `opportunities.quote.expired`, once per quote. A quote valid until D expires on D+1 at 00:00
 * in the tenant's time zone (quote settings, else QUOTE_TIME_ZONE): in SQL, its `valid_until`
 * is before the tenant's local date. One transaction per pass, rows locked FOR UPDATE SKIP
 * LOCKED (replicas and a concurrent accept never collide), the version goes up (the quote's
 * representation changed) and the events go to the outbox with the change.
 */
@Injectable()
export class QuoteExpiryScheduler extends PollingScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(SCHEDULERS_CONFIG) private readonly config: SchedulersConfig,
  ) {
    super({
      pollMs: config.quoteExpiryPollMs,
      batchSize: config.remindersBatch,
      what: 'quote(s) expired',
      name: 'quote expiry',
    });
  }

  /** One pass; returns how many quotes it expired. */
  protected async pass(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      // The first condition only bounds the index scan: no zone is ahead of UTC by a whole day or more.
      const [rows] = (await em.query(
        `WITH due AS (
           SELECT q.id, coalesce(s.time_zone, $2) AS tz FROM opportunities.quote q
             LEFT JOIN opportunities.quote_settings s ON s.tenant_id = q.tenant_id
            WHERE q.status = 'sent' AND q.valid_until < (now() AT TIME ZONE 'UTC')::date + 1
              AND q.valid_until < (now() AT TIME ZONE coalesce(s.time_zone, $2))::date
            ORDER BY q.valid_until
            LIMIT $1
            FOR UPDATE OF q SKIP LOCKED)
         UPDATE opportunities.quote q SET status = 'expired', expired_at = now(), version = q.version + 1, updated_at = now()
           FROM due WHERE q.id = due.id
         RETURNING q.id, q.tenant_id, q.opportunity_id, q.contact_id, q.number, q.revision, q.currency, q.total::text AS total,
                   to_char(q.valid_until, 'YYYY-MM-DD') AS valid_until, q.version, q.expired_at, due.tz, q.created_by,
                   (SELECT o.title FROM opportunities.opportunity o WHERE o.id = q.opportunity_id) AS opportunity_title`,
        [this.config.remindersBatch, this.config.quoteTimeZone],
      )) as [ExpiredRow[], number];
      if (rows.length === 0) return 0;
      await this.outbox.publishAll(
        em,
        rows.map((row) => {
          const data: QuoteExpiredData = {
            quoteId: row.id,
            opportunityId: row.opportunity_id,
            contactId: row.contact_id,
            number: row.number,
            revision: row.revision,
            total: { amount: row.total, currency: row.currency },
            occurredAt: row.expired_at.toISOString(),
            version: row.version,
            validUntil: row.valid_until,
            timeZone: row.tz,
            expiredAt: row.expired_at.toISOString(),
            createdBy: row.created_by,
            opportunityTitle: row.opportunity_title,
          };
          return { type: OPPORTUNITIES_QUOTE_EXPIRED, subject: row.opportunity_id, tenantId: row.tenant_id, data };
        }),
      );
      return rows.length;
    });
  }
}
