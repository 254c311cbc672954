import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';

type AmqpContextArgs = [message: ConsumeMessage, routingKey: string, retryCount: number];

/**
 * What `@Ctx()` gives an event handler. Read-only on purpose: the transport acks, retries and
 * dead-letters; a handler only returns or throws.
 */
export class AmqpContext extends BaseRpcContext<AmqpContextArgs> {
  getMessage(): ConsumeMessage {
    return this.args[0];
  }

  /** The event type (the routing key it was published with, also after a retry or replay). */
  getRoutingKey(): string {
    return this.args[1];
  }

  /** 0 on the first delivery, n after the n-th retry tier. */
  getRetryCount(): number {
    return this.args[2];
  }

  getHeaders(): Record<string, unknown> {
    return (this.args[0].properties.headers ?? {}) as Record<string, unknown>;
  }

  /** The broker delivered it before (a consumer died or its channel closed before the ack). */
  isRedelivered(): boolean {
    return this.args[0].fields.redelivered;
  }
}
