import { randomUUID } from 'node:crypto';
import { RequestContext } from '@crm/common';
import { CLOUDEVENTS_SPEC_VERSION, eventSource, type CloudEvent } from '@crm/contracts';

/** What a service hands the outbox; the envelope fields are filled in here. */
export interface OutboxEvent<TData = unknown> {
  /** Event type = routing key, e.g. `contacts.contact.assigned`. */
  type: string;
  /** Aggregate id. */
  subject: string;
  tenantId: string;
  data: TData;
  /** Default: the current request's correlation id, else the event's own id. */
  correlationId?: string;
}

/** Builds the CloudEvents 1.0 structured envelope (ARCHITECTURE §4) for an event of `service`. */
export function buildCloudEvent<TData>(service: string, event: OutboxEvent<TData>, now: Date = new Date()): CloudEvent<TData> {
  if (!event.type || !event.subject || !event.tenantId) throw new Error('an event needs type, subject and tenantId');
  const id = randomUUID();
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id,
    source: eventSource(service),
    type: event.type,
    time: now.toISOString(),
    subject: event.subject,
    datacontenttype: 'application/json',
    tenantid: event.tenantId,
    correlationid: event.correlationId ?? RequestContext.correlationId() ?? id,
    data: event.data,
  };
}
