import { Injectable, Optional } from '@nestjs/common';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpTransport } from './amqp-transport.js';
import { OutboxRelay } from './outbox-relay.js';

export interface MessagingHealthDetails {
  connected: boolean;
  relayRunning: boolean;
  consuming: boolean;
}

/** For /health: is the broker connection up, and are the relay and consumer running. */
@Injectable()
export class MessagingHealthIndicator {
  constructor(
    private readonly connection: AmqpConnection,
    private readonly relay: OutboxRelay,
    @Optional() private readonly transport?: AmqpTransport,
  ) {}

  isConnected(): boolean {
    return this.connection.isConnected();
  }

  details(): MessagingHealthDetails {
    return { connected: this.connection.isConnected(), relayRunning: this.relay.isRunning(), consuming: this.transport?.isConsuming() ?? false };
  }
}
