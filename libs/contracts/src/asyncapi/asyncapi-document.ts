import { EVENT_CATALOG, type EventDefinition } from '../event-catalog.js';
import type { JsonSchema } from '../json-schema.js';

/** "contacts.contact.created" → "ContactsContactCreated" */
function pascal(type: string): string {
  return type
    .split(/[._-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

const cloudEventEnvelope: JsonSchema = {
  type: 'object',
  description: 'CloudEvents 1.0 structured JSON envelope. `tenantid` and `correlationid` are extension attributes.',
  required: ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'tenantid', 'data'],
  properties: {
    specversion: { type: 'string', enum: ['1.0'] },
    id: { type: 'string', format: 'uuid', description: 'Unique per event; equals the AMQP messageId. Consumers deduplicate on it.' },
    source: { type: 'string', description: 'crm/<service>' },
    type: { type: 'string', description: 'Equals the routing key.' },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string', description: 'Id of the aggregate the event is about.' },
    datacontenttype: { type: 'string', enum: ['application/json'] },
    tenantid: { type: 'string', format: 'uuid' },
    correlationid: { type: 'string', description: 'x-request-id of the request that caused it.' },
    data: { type: 'object' },
  },
};

function exchangeBinding(definition: EventDefinition) {
  return {
    amqp: {
      is: 'routingKey',
      exchange: { name: definition.exchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
      bindingVersion: '0.3.0',
    },
  };
}

/**
 * The AsyncAPI 3 document for every event we publish and every ERP event we accept, built from
 * EVENT_CATALOG. `npm run asyncapi` writes it to docs/asyncapi.yaml; a test fails on drift.
 */
export function buildAsyncApiDocument(catalog: readonly EventDefinition[] = EVENT_CATALOG) {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const definition of catalog) {
    const name = pascal(definition.type);
    messages[name] = {
      name: definition.type,
      title: definition.type,
      summary: definition.summary,
      contentType: 'application/json',
      payload: {
        allOf: [{ $ref: '#/components/schemas/CloudEventEnvelope' }, { type: 'object', properties: { type: { const: definition.type }, data: definition.schema } }],
      },
      bindings: { amqp: { contentEncoding: 'utf-8', messageType: definition.type, bindingVersion: '0.3.0' } },
      'x-publisher': definition.publisher,
      'x-consumers': [...definition.consumers],
    };
    channels[name] = {
      address: definition.type,
      description: `Routing key ${definition.type} on exchange ${definition.exchange}.`,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
      bindings: exchangeBinding(definition),
    };
    const ours = definition.publisher !== 'erp';
    operations[`${ours ? 'publish' : 'consume'}${name}`] = {
      action: ours ? 'send' : 'receive',
      summary: ours ? `${definition.publisher} publishes ${definition.type}` : `The CRM consumes ${definition.type} from the ERP`,
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CRM events',
      version: '1.0.0',
      description:
        'Events of the CRM module. Ours go to the durable topic exchange `crm.events` with routing key = event type ' +
        '(`<service>.<aggregate>.<verb-past-tense>`); the ERP publishes on `erp.events`. Bodies are CloudEvents 1.0 JSON; ' +
        'AMQP properties repeat messageId = id, type, contentType, persistent and timestamp. Changes are additive only; a ' +
        'breaking change is a new `.v2` type published beside the old one. Delivery is at least once: deduplicate on `id`.',
    },
    defaultContentType: 'application/json',
    servers: {
      production: { host: 'rabbitmq:5672', protocol: 'amqp', protocolVersion: '0-9-1', description: 'RabbitMQ (quorum queues, publisher confirms).' },
    },
    channels,
    operations,
    components: { schemas: { CloudEventEnvelope: cloudEventEnvelope }, messages },
  };
}
