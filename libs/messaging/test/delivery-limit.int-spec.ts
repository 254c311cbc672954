import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import { waitFor } from '@crm/testing';
import { Topology } from '@crm/messaging';
import { lockBroker, type ReleaseLock } from './broker-lock.js';
import { AMQP_URL, cloudEvent, createScratchSchema, names, publishRaw, sql, startTestApp } from './messaging-harness.js';

const SERVICE = 'itest-limit';
const SCHEMA = 'itest_limit';

describe('crash-loop guard (quorum x-delivery-limit)', () => {
  let releaseBroker: ReleaseLock | undefined;
  beforeAll(async () => {
    releaseBroker = await lockBroker('shared');
  });
  afterAll(async () => {
    await releaseBroker?.();
  });

  it('dead-letters a message that keeps coming back unacked, and the service stores it with the broker reason', async () => {
    await createScratchSchema(SCHEMA);
    const event = cloudEvent('dl.thing.created', 'crashes-the-consumer');
    const connection = await amqp.connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      // The service's own topology, declared as the transport would, with a small limit.
      const topology = new Topology(names);
      await topology.declareShared(channel);
      await topology.declareService(channel, { service: SERVICE, deliveryLimit: 2, retryDelaysMs: [100], bindings: [{ exchange: names.events, pattern: 'dl.thing.*' }] });
      await publishRaw(names.events, 'dl.thing.created', event, event.id);
      const queue = names.serviceQueue(SERVICE);
      // A consumer that dies mid-handler looks like this to the broker: the delivery comes back.
      let deliveries = 0;
      await waitFor(
        async () => {
          const message = await channel.get(queue, { noAck: false });
          if (message) {
            deliveries++;
            channel.nack(message, false, true);
          }
          return (await channel.checkQueue(queue)).messageCount === 0 && deliveries > 0 && (await channel.checkQueue(names.deadLetterQueue(SERVICE))).messageCount === 1;
        },
        { description: 'the message moved to the DLQ by the broker' },
      );
      expect(deliveries).toBe(3); // first delivery + 2 redeliveries allowed by the limit
    } finally {
      await connection.close();
    }

    // The service comes up and drains its DLQ into the dead_letter table.
    const svc = await startTestApp({ service: SERVICE, schema: SCHEMA, consume: true, eventPrefix: 'dl', deliveryLimit: 2, retryDelaysMs: [100] });
    try {
      const rows = await waitFor(
        async () => {
          const found = await sql<{ routing_key: string; reason: string; message_id: string }>(`SELECT routing_key, reason, message_id FROM "${SCHEMA}".dead_letter`);
          return found.length > 0 ? found : undefined;
        },
        { description: 'the dead letter stored' },
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ routing_key: 'dl.thing.created', message_id: event.id });
      expect(rows[0]!.reason).toMatch(/^delivery_limit/);
      expect(svc.probe.calls).toHaveLength(0);
    } finally {
      await svc.close();
    }
  });
});
