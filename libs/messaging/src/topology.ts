import type { Channel } from 'amqplib';
import type { TopologyNames } from './topology-names.js';

/** Where a handler pattern is bound. */
export interface QueueBinding {
  exchange: string;
  pattern: string;
}

export interface ServiceTopologyOptions {
  service: string;
  deliveryLimit: number;
  retryDelaysMs: readonly number[];
  bindings: readonly QueueBinding[];
  /**
   * Opens a throw-away channel for the DLQ declaration (see declareDeadLetterQueue). Without it the
   * DLQ is declared on `channel`, which fails if it exists with other arguments.
   */
  openChannel?: () => Promise<Channel>;
}

/**
 * The DLQ's explicit delivery limit. RabbitMQ 4 gives every quorum queue a delivery limit of 20
 * unless one is set, and a DLQ has no dead-letter target of its own, so a message requeued past
 * it would be dropped. (The transport never requeues DLQ messages, but a crash loop returns them.)
 * 3.x accepts the argument too; a positive number works on both.
 */
export const DEAD_LETTER_QUEUE_DELIVERY_LIMIT = 1_000_000_000;

/**
 * Quorum queues dead-letter at-most-once unless told otherwise; at-least-once (RabbitMQ ≥ 3.10)
 * needs reject-publish overflow. We want it everywhere a message leaves a queue by dead-lettering.
 */
const AT_LEAST_ONCE_DEAD_LETTERING = { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };

/**
 * Idempotent declarations, run on every (re)connect: asserting what exists is a no-op, and a
 * broker that lost its definitions gets them back. Changing a queue's arguments later fails with
 * PRECONDITION_FAILED; change such settings through a broker policy instead.
 */
export class Topology {
  /** DLQs found declared without the explicit delivery limit (older versions); callers warn. */
  readonly keptOlderDeadLetterQueue = new Set<string>();

  constructor(private readonly names: TopologyNames) {}

  /** A durable quorum DLQ with an explicit, practically unlimited delivery limit. */
  async declareDeadLetterQueue(channel: Channel, service: string): Promise<void> {
    const dlq = this.names.deadLetterQueue(service);
    await channel.assertQueue(dlq, { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': DEAD_LETTER_QUEUE_DELIVERY_LIMIT } });
  }

  /** What every service shares: the two event exchanges, the alternate exchange and the DLX. */
  async declareShared(channel: Channel): Promise<void> {
    const n = this.names;
    await channel.assertExchange(n.unrouted, 'fanout', { durable: true });
    await channel.assertQueue(n.unrouted, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(n.unrouted, n.unrouted, '');
    // Unroutable events land in crm.unrouted instead of vanishing.
    await channel.assertExchange(n.events, 'topic', { durable: true, alternateExchange: n.unrouted });
    await channel.assertExchange(n.erpEvents, 'topic', { durable: true });
    await channel.assertExchange(n.deadLetterExchange, 'direct', { durable: true });
  }

  /** A consuming service's queue, its DLQ, its retry tiers and its bindings. */
  async declareService(channel: Channel, options: ServiceTopologyOptions): Promise<void> {
    const n = this.names;
    const queue = n.serviceQueue(options.service);
    const dlq = n.deadLetterQueue(options.service);

    if (options.openChannel) {
      const dedicated = await options.openChannel();
      dedicated.on('error', () => undefined);
      try {
        await this.declareDeadLetterQueue(dedicated, options.service);
      } catch (err) {
        // 406: declared by an earlier version without the explicit limit; it exists and stays as it
        // is (on RabbitMQ 4, give it a `delivery-limit` policy, see the README).
        if ((err as { code?: number }).code !== 406) throw err;
        this.keptOlderDeadLetterQueue.add(dlq);
      } finally {
        await dedicated.close().catch(() => undefined);
      }
    } else {
      await this.declareDeadLetterQueue(channel, options.service);
    }
    await channel.bindQueue(dlq, n.deadLetterExchange, dlq);

    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        // Guards against crash loops (a handler that kills the process); handler errors use the retry tiers.
        'x-delivery-limit': options.deliveryLimit,
        'x-dead-letter-exchange': n.deadLetterExchange,
        'x-dead-letter-routing-key': dlq,
        ...AT_LEAST_ONCE_DEAD_LETTERING,
      },
    });

    for (const [index, delayMs] of options.retryDelaysMs.entries()) {
      // One queue per delay: a per-message TTL in a single queue would block behind its head.
      await channel.assertQueue(n.retryQueue(options.service, index + 1), {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-message-ttl': delayMs,
          // Default exchange + queue name: the retry returns to this service only.
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': queue,
          ...AT_LEAST_ONCE_DEAD_LETTERING,
        },
      });
    }

    for (const binding of options.bindings) await channel.bindQueue(queue, binding.exchange, binding.pattern);
  }
}
