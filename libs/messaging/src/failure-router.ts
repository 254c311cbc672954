import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ConsumeMessage, Options } from 'amqplib';
import { AmqpHeaders } from './amqp-headers.js';
import type { ConfirmPublisher } from './confirm-publisher.js';
import type { MessagingMetrics } from './messaging-metrics.js';
import type { ResolvedMessagingOptions } from './messaging-options.js';

/** Headers the broker owns; copying them onto a republished message would only confuse it. */
const BROKER_HEADERS = /^x-(death|first-death-|last-death-|delivery-count)/;

export type FailureOutcome = 'retried' | 'dead-lettered' | 'republish-failed';

/** A short, single-line reason for logs and the dead_letter table. */
export function describeFailure(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** Copies a delivery's properties for a republish, with headers cleaned and `extra` added. */
export function republishOptions(message: ConsumeMessage, extra: Record<string, unknown>): Options.Publish & { messageId: string } {
  const p = message.properties;
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(p.headers ?? {})) if (!BROKER_HEADERS.test(name)) headers[name] = value;
  Object.assign(headers, extra);
  return {
    persistent: true,
    mandatory: true,
    messageId: typeof p.messageId === 'string' && p.messageId ? p.messageId : randomUUID(),
    type: p.type as string | undefined,
    contentType: p.contentType as string | undefined,
    contentEncoding: p.contentEncoding as string | undefined,
    correlationId: p.correlationId as string | undefined,
    timestamp: p.timestamp as number | undefined,
    appId: p.appId as string | undefined,
    headers,
  };
}

/**
 * Where a failed delivery goes: the next retry tier (a delay queue that dead-letters back to
 * this service's queue only) or, once the tiers are used up, the service's DLQ with the reason
 * in a header. The new copy is confirmed before the caller acks the original, so a crash in
 * between duplicates a message but never loses one.
 */
export class FailureRouter {
  private readonly logger = new Logger('AmqpTransport');

  constructor(
    private readonly options: ResolvedMessagingOptions,
    private readonly publisher: ConfirmPublisher,
    private readonly metrics: MessagingMetrics,
  ) {}

  async retryOrDeadLetter(message: ConsumeMessage, routingKey: string, retryCount: number, reason: string): Promise<FailureOutcome> {
    const tiers = this.options.retryDelaysMs.length;
    if (retryCount >= tiers) return this.deadLetter(message, routingKey, `${reason} (after ${retryCount} retries)`);
    const tier = retryCount + 1;
    const queue = this.options.names.retryQueue(this.options.service, tier);
    const ok = await this.republish('', queue, message, {
      [AmqpHeaders.retryCount]: tier,
      [AmqpHeaders.originalRoutingKey]: routingKey,
      [AmqpHeaders.failureReason]: reason.slice(0, 1000),
    });
    if (!ok) return 'republish-failed';
    this.metrics.retried++;
    this.logger.warn(`${routingKey} ${message.properties.messageId as string} failed (${reason}); retry ${tier}/${tiers} in ${this.options.retryDelaysMs[tier - 1]} ms`);
    return 'retried';
  }

  async deadLetter(message: ConsumeMessage, routingKey: string, reason: string): Promise<FailureOutcome> {
    const dlq = this.options.names.deadLetterQueue(this.options.service);
    const ok = await this.republish(this.options.names.deadLetterExchange, dlq, message, {
      [AmqpHeaders.originalRoutingKey]: routingKey,
      [AmqpHeaders.failureReason]: reason.slice(0, 1000),
      [AmqpHeaders.deadLetterId]: randomUUID(),
    });
    if (!ok) return 'republish-failed';
    this.metrics.deadLettered++;
    this.logger.error(`${routingKey} ${message.properties.messageId as string} dead-lettered: ${reason}`);
    return 'dead-lettered';
  }

  private async republish(exchange: string, routingKey: string, message: ConsumeMessage, headers: Record<string, unknown>): Promise<boolean> {
    try {
      const options = republishOptions(message, headers);
      const { returned } = await this.publisher.publish([{ exchange, routingKey, body: message.content, options }], this.options.publishTimeoutMs);
      if (returned.length > 0) throw new Error(`no queue behind ${exchange || '(default)'} / ${routingKey}`);
      return true;
    } catch (err) {
      this.metrics.publishFailures++;
      this.logger.error(`could not move ${message.properties.messageId as string} to ${routingKey}: ${describeFailure(err)}`);
      return false;
    }
  }
}
