import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { waitFor } from './wait-for.js';

export interface SpiedMessage {
  routingKey: string;
  exchange: string;
  properties: ConsumeMessage['properties'];
  body: any;
  raw: Buffer;
}

/**
 * An AMQP client that is not part of the platform, as the ERP would be: it binds its own
 * queue to an exchange and records what arrives. Also publishes like an outside system.
 */
export class AmqpSpy {
  readonly messages: SpiedMessage[] = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async connect(url = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'): Promise<AmqpSpy> {
    const connection = await amqp.connect(url);
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return new AmqpSpy(connection, channel);
  }

  /**
   * Binds a fresh exclusive queue to `exchange` with `pattern` (e.g. '#'). The exchange is the
   * platform's (it declares it with its own arguments), so an outsider only checks it exists.
   */
  async listen(exchange: string, pattern = '#'): Promise<void> {
    await this.channel.checkExchange(exchange);
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    await this.channel.bindQueue(queue, exchange, pattern);
    await this.channel.consume(
      queue,
      (message) => {
        if (!message) return;
        const raw = message.content;
        let body: unknown = raw.toString('utf8');
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          // keep the text
        }
        this.messages.push({ routingKey: message.fields.routingKey, exchange: message.fields.exchange, properties: message.properties, body, raw });
      },
      { noAck: true },
    );
  }

  async waitForMessage(predicate: (message: SpiedMessage) => boolean, timeoutMs = 15_000, description = 'an AMQP message'): Promise<SpiedMessage> {
    return waitFor(async () => this.messages.find(predicate), { timeoutMs, description });
  }

  /** Publishes a message the way a system outside the platform would (persistent, JSON). */
  async publish(exchange: string, routingKey: string, body: unknown, messageId: string, extra: Record<string, unknown> = {}): Promise<void> {
    const confirm = await this.connection.createConfirmChannel();
    confirm.on('error', () => undefined);
    try {
      confirm.publish(exchange, routingKey, Buffer.from(JSON.stringify(body)), { persistent: true, contentType: 'application/json', messageId, type: routingKey, ...extra });
      await confirm.waitForConfirms();
    } finally {
      await confirm.close();
    }
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
