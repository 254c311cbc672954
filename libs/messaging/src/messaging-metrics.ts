import { Injectable } from '@nestjs/common';

/**
 * Plain, monotonically growing counters of this process (Prometheus counters once rendered).
 * Kept as numbers so the lib does not own a metrics registry.
 */
@Injectable()
export class MessagingMetrics {
  /** Outbox events confirmed by the broker. */
  published = 0;
  /** Relay batches (or single publishes) that failed and will be retried. */
  publishFailures = 0;
  /** Outbox rows parked as dead letters after the attempt limit. */
  parked = 0;
  /** Incoming events that failed their contract schema (dead-lettered at once). */
  invalid = 0;
  /** Failed attempts to store a dead letter (Postgres down); the message is held and retried. */
  deadLetterStoreFailures = 0;
  /** Mandatory publishes the broker returned as unroutable. */
  returned = 0;
  /** Deliveries whose handlers all succeeded (acked). */
  consumed = 0;
  /** Deliveries sent to a retry tier after a handler failed. */
  retried = 0;
  /** Deliveries sent to the service's DLQ (retries exhausted, invalid body). */
  deadLettered = 0;
  /** Dead letters stored in the dead_letter table. */
  deadLettersStored = 0;
  /** Events skipped by the inbox because they were already handled. */
  duplicates = 0;
  /** Deliveries acked without a handler (no pattern matched the routing key). */
  unhandled = 0;
  /** Dead letters an admin replayed. */
  replayed = 0;

  snapshot(): Record<string, number> {
    return {
      published: this.published,
      publishFailures: this.publishFailures,
      parked: this.parked,
      invalid: this.invalid,
      deadLetterStoreFailures: this.deadLetterStoreFailures,
      returned: this.returned,
      consumed: this.consumed,
      retried: this.retried,
      deadLettered: this.deadLettered,
      deadLettersStored: this.deadLettersStored,
      duplicates: this.duplicates,
      unhandled: this.unhandled,
      replayed: this.replayed,
    };
  }
}
