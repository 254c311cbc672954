import type { EventDefinition } from '../event-catalog.js';
import { IDENTITY_TEAM_CREATED, IDENTITY_TEAM_UPDATED, IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, teamSnapshotSchema, userSnapshotSchema } from './identity.events.js';

export const IDENTITY_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: IDENTITY_USER_CREATED,
    publisher: 'gateway',
    consumers: ['contacts', 'notifications', 'opportunities', 'reporting'],
    summary: 'Un usuario fue creado en un tenant. / A user was created.',
    schema: userSnapshotSchema,
    exchange: 'crm.events',
  },
  {
    type: IDENTITY_USER_UPDATED,
    publisher: 'gateway',
    consumers: ['contacts', 'notifications', 'opportunities', 'reporting'],
    summary: 'Datos, roles, equipos o estado de un usuario cambiaron. / A user changed.',
    schema: userSnapshotSchema,
    exchange: 'crm.events',
  },
  {
    type: IDENTITY_TEAM_CREATED,
    publisher: 'gateway',
    consumers: ['contacts'],
    summary: 'Un equipo fue creado en un tenant. / A team was created.',
    schema: teamSnapshotSchema,
    exchange: 'crm.events',
  },
  {
    type: IDENTITY_TEAM_UPDATED,
    publisher: 'gateway',
    consumers: ['contacts'],
    summary: 'El nombre o la descripción de un equipo cambiaron. / A team changed.',
    schema: teamSnapshotSchema,
    exchange: 'crm.events',
  },
];
