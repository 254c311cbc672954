import { Logger } from '@nestjs/common';
import type { ConfirmChannel, Message, Options } from 'amqplib';
import type { AmqpConnection } from './amqp-connection.js';
import type { MessagingMetrics } from './messaging-metrics.js';

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  body: Buffer;
  /** Must carry a messageId: returns are matched to messages by it. */
  options: Options.Publish & { messageId: string };
}

export interface PublishOutcome {
  /** messageIds the broker returned as unroutable (mandatory publishes only). */
  returned: string[];
}

export interface PublishEachOutcome extends PublishOutcome {
  /** messageIds the broker refused one by one (basic.nack, e.g. a full reject-publish queue). */
  nacked: string[];
  /**
   * Messages the client could not even send (amqplib throws before writing, e.g. a routing key
   * over 255 characters), with the error. The channel stays usable: amqplib checks before it
   * counts the message for confirms.
   */
  unsendable: { id: string; reason: string }[];
}

/** amqplib's error for a basic.nack, as opposed to a closed channel. */
const NACKED = 'message nacked';

/**
 * Publishes on its own confirm channel, a whole batch at once, and waits for every confirm
 * together (a window of in-flight confirms, never one round trip per message). The channel is
 * re-created on the next publish after it or the connection closed.
 */
export class ConfirmPublisher {
  private readonly logger: Logger;
  private channel?: ConfirmChannel;
  private opening?: Promise<ConfirmChannel>;
  /** messageIds returned while their batch is in flight. */
  private readonly returnedIds = new Set<string>();

  constructor(
    private readonly connection: AmqpConnection,
    private readonly metrics: MessagingMetrics,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /** All or nothing: throws if any message is nacked or the channel fails. */
  async publish(messages: readonly OutgoingMessage[], timeoutMs: number): Promise<PublishOutcome> {
    const outcome = await this.publishEach(messages, timeoutMs);
    if (outcome.unsendable.length > 0) throw new Error(outcome.unsendable[0]!.reason);
    if (outcome.nacked.length > 0) throw new Error(`broker refused (nack) ${outcome.nacked.length} publish(es)`);
    return { returned: outcome.returned };
  }

  /**
   * Tells which messages the broker refused (nack) or returned, so one bad message does not fail
   * its batch-mates. Throws only when the batch as a whole failed (channel closed, no confirm in
   * time): then it is unknown which messages arrived.
   */
  async publishEach(messages: readonly OutgoingMessage[], timeoutMs: number): Promise<PublishEachOutcome> {
    if (messages.length === 0) return { returned: [], nacked: [], unsendable: [] };
    const channel = await this.getChannel();
    const unsendable: { id: string; reason: string }[] = [];
    const confirms = messages.map(
      (message) =>
        new Promise<boolean>((resolve, reject) => {
          try {
            channel.publish(message.exchange, message.routingKey, message.body, message.options, (err: unknown) => {
              if (!err) resolve(true);
              else if (err instanceof Error && err.message === NACKED) resolve(false);
              else reject(err instanceof Error ? err : new Error(String(err)));
            });
          } catch (err) {
            unsendable.push({ id: message.options.messageId, reason: `cannot be sent: ${(err as Error).message}` });
            resolve(true);
          }
        }),
    );
    // publish() returning false only means amqplib buffers in memory; the batch is bounded and
    // the confirms below are what count.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no broker confirm within ${timeoutMs} ms`)), timeoutMs);
    });
    let acked: boolean[];
    try {
      acked = await Promise.race([Promise.all(confirms), timeout]);
    } catch (err) {
      // Unknown state of the channel: start over with a new one next time.
      this.discard(channel);
      throw err;
    } finally {
      clearTimeout(timer);
      for (const confirm of confirms) confirm.catch(() => undefined);
    }
    const nacked = messages.filter((_, index) => !acked[index]).map((m) => m.options.messageId);
    // The broker sends basic.return before the confirm of the same message, so it is known here.
    const returned = messages.map((m) => m.options.messageId).filter((id) => this.returnedIds.delete(id));
    return { returned, nacked, unsendable };
  }

  private async getChannel(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    this.opening ??= this.openChannel().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openChannel(): Promise<ConfirmChannel> {
    const channel = await this.connection.createConfirmChannel();
    channel.on('error', (err: Error) => this.logger.warn(`confirm channel error: ${err.message}`));
    channel.on('handler-error', (err: Error) => this.logger.error(`confirm channel listener threw: ${err.message}`));
    channel.on('close', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    channel.on('return', (message: Message) => this.onReturn(message));
    this.channel = channel;
    return channel;
  }

  private onReturn(message: Message): void {
    this.metrics.returned++;
    const id = typeof message.properties.messageId === 'string' ? message.properties.messageId : '';
    this.returnedIds.add(id);
    this.logger.error(`broker returned unroutable message ${id} (${message.fields.exchange} / ${message.fields.routingKey})`);
  }

  private discard(channel: ConfirmChannel): void {
    if (this.channel === channel) this.channel = undefined;
    this.returnedIds.clear();
    channel.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const channel = this.channel ?? (await this.opening?.catch(() => undefined));
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
  }
}
