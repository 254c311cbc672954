import type { EventDefinition } from '../../event-catalog.js';
import * as n from './notifications.events.js';

/** What the notifications service publishes. */
export const NOTIFICATION_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: n.NOTIFICATIONS_IN_APP_CREATED,
    publisher: 'notifications',
    consumers: ['gateway'],
    summary:
      'Se creó una notificación en la bandeja de un usuario (el gateway la envía en vivo a su tema `notifications`). / An in-app notification was created (pushed live to that user only).',
    schema: n.inAppNotificationCreatedSchema,
    exchange: 'crm.events',
  },
];
