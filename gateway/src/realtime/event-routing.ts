import { NOTIFICATIONS_IN_APP_CREATED } from '@crm/contracts';
import { PUBLIC_TICKET_EVENTS, publicTicketData } from './public-ticket-filter.js';
import { topicKeys } from './realtime-topic.js';

/** The part of a CloudEvents envelope the router reads. */
export interface BusEnvelope {
  id: string;
  type: string;
  time?: string;
  tenantid: string;
  data: Record<string, unknown>;
}

/** One frame for the subscribers of one internal topic key. */
export interface TopicDelivery {
  key: string;
  frame: Buffer;
}

function frameOf(topic: string, envelope: BusEnvelope, data: unknown): Buffer {
  return Buffer.from(JSON.stringify({ type: 'event', topic, id: envelope.id, routingKey: envelope.type, occurredAt: envelope.time ?? null, data }));
}

/**
 * Which topics an event reaches (REALTIME-CONTRACT.md), each with its frame serialised and
 * encoded once: every subscriber of a key gets the same bytes.
 */
export function routeEvent(envelope: BusEnvelope): TopicDelivery[] {
  const { type, data } = envelope;
  const deliveries: TopicDelivery[] = [];
  if (type.startsWith('tickets.') && typeof data.ticketId === 'string') {
    const ticketId = data.ticketId.toLowerCase();
    deliveries.push({ key: topicKeys.staffTicket(ticketId), frame: frameOf(`ticket:${ticketId}`, envelope, data) });
    if (PUBLIC_TICKET_EVENTS.has(type) && typeof data.radicado === 'string') {
      deliveries.push({ key: topicKeys.publicTicket(ticketId), frame: frameOf(`public-ticket:${data.radicado}`, envelope, publicTicketData(data)) });
    }
  } else if (type.startsWith('opportunities.') && typeof data.opportunityId === 'string') {
    const opportunityId = data.opportunityId.toLowerCase();
    deliveries.push({ key: topicKeys.opportunity(opportunityId), frame: frameOf(`opportunity:${opportunityId}`, envelope, data) });
  } else if (type === NOTIFICATIONS_IN_APP_CREATED && typeof data.userId === 'string') {
    deliveries.push({ key: topicKeys.notifications(envelope.tenantid, data.userId), frame: frameOf('notifications', envelope, data) });
  }
  return deliveries;
}
