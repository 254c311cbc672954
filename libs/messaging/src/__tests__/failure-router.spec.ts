import { describe, expect, it } from '@jest/globals';
import type { ConsumeMessage } from 'amqplib';
import { eventRoutingKey, headerNumber, toJsonSafe } from '../amqp-headers.js';
import { describeFailure, republishOptions } from '../failure-router.js';

function delivery(headers: Record<string, unknown>): ConsumeMessage {
  return {
    content: Buffer.from('{}'),
    fields: { deliveryTag: 1, redelivered: false, exchange: '', routingKey: 't.crm.svc', consumerTag: 'c' },
    properties: {
      messageId: 'm-1',
      type: 'contacts.contact.created',
      contentType: 'application/json',
      appId: 'contacts',
      timestamp: 1700000000,
      headers,
    },
  } as unknown as ConsumeMessage;
}

describe('republishOptions', () => {
  it('keeps the identity of the message and drops what the broker owns', () => {
    const msg = delivery({ 'x-correlation-id': 'corr', 'x-death': [{ count: 1 }], 'x-delivery-count': 2, 'x-first-death-queue': 'q' });
    const o = republishOptions(msg, { 'x-retry-count': 1 });
    expect(o).toMatchObject({ messageId: 'm-1', type: 'contacts.contact.created', persistent: true, mandatory: true, appId: 'contacts', timestamp: 1700000000 });
    expect(o.headers).toEqual({ 'x-correlation-id': 'corr', 'x-retry-count': 1 });
  });
});

describe('header helpers', () => {
  it('reads the event type from our header after a retry, else from the routing key', () => {
    expect(eventRoutingKey(delivery({ 'x-original-routing-key': 'a.b.c' }).properties, 't.crm.svc')).toBe('a.b.c');
    expect(eventRoutingKey(delivery({}).properties, 'a.b.d')).toBe('a.b.d');
  });

  it('reads counts defensively', () => {
    expect(headerNumber(delivery({ 'x-retry-count': 2 }).properties, 'x-retry-count')).toBe(2);
    expect(headerNumber(delivery({ 'x-retry-count': 'junk' }).properties, 'x-retry-count')).toBe(0);
    expect(headerNumber(delivery({}).properties, 'x-retry-count')).toBe(0);
  });

  it('makes AMQP header values storable as jsonb', () => {
    expect(toJsonSafe({ a: Buffer.from('hi'), b: 10n, c: [{ d: new Date(0) }], e: undefined })).toEqual({ a: 'hi', b: '10', c: [{ d: '1970-01-01T00:00:00.000Z' }], e: null });
  });

  it('describes whatever a handler threw', () => {
    expect(describeFailure(new Error('boom'))).toBe('boom');
    expect(describeFailure({ status: 'error', message: 'Internal server error' })).toBe('Internal server error');
    expect(describeFailure('plain')).toBe('plain');
  });
});
