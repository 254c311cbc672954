/**
 * Every exchange and queue name the platform uses, built in one place from the run/environment
 * prefix (`AMQP_PREFIX`, empty in production, `t<run>.` in tests) so nothing else concatenates
 * names by hand and test runs never collide.
 */
export class TopologyNames {
  constructor(readonly prefix: string = '') {}

  /** Topic exchange our services publish on; routing key = event type. */
  get events(): string {
    return `${this.prefix}crm.events`;
  }

  /** Topic exchange the ERP publishes on; we only bind to it. */
  get erpEvents(): string {
    return `${this.prefix}erp.events`;
  }

  /** Fanout alternate exchange of `crm.events` and the quorum queue that keeps what nobody bound. */
  get unrouted(): string {
    return `${this.prefix}crm.unrouted`;
  }

  /** Direct exchange every service queue dead-letters to; routing key = the service's DLQ name. */
  get deadLetterExchange(): string {
    return `${this.prefix}crm.dlx`;
  }

  /** The one quorum queue a consuming service reads. */
  serviceQueue(service: string): string {
    return `${this.prefix}crm.${service}`;
  }

  /** Parking lot for messages that exhausted their retries, per service. */
  deadLetterQueue(service: string): string {
    return `${this.serviceQueue(service)}.dlq`;
  }

  /** Delay queue of retry tier `tier` (1-based); expiring messages go back to the service queue only. */
  retryQueue(service: string, tier: number): string {
    return `${this.serviceQueue(service)}.retry.${tier}`;
  }
}
