import { dateTime, integer, nullableText, object, text, uuid, type JsonSchema } from '../json-schema.js';
import type { Role } from '../roles.js';

export const IDENTITY_USER_CREATED = 'identity.user.created';
export const IDENTITY_USER_UPDATED = 'identity.user.updated';
export const IDENTITY_TEAM_CREATED = 'identity.team.created';
export const IDENTITY_TEAM_UPDATED = 'identity.team.updated';

/** A user as other services may know it: enough to address and label them, nothing secret. */
export interface UserSnapshotData {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  teamIds: string[];
  active: boolean;
  locale: 'es' | 'en';
  version: number;
  occurredAt: string;
}

export const userSnapshotSchema: JsonSchema = object({
  userId: uuid,
  email: { type: 'string', format: 'email' },
  name: text,
  roles: { type: 'array', items: { type: 'string', enum: ['admin', 'manager', 'sales', 'support', 'readonly'] } },
  teamIds: { type: 'array', items: uuid },
  active: { type: 'boolean' },
  locale: { type: 'string', enum: ['es', 'en'] },
  version: integer,
  occurredAt: dateTime,
});

/**
 * A team as other services may know it (to check a teamId exists). Who manages it follows from
 * identity.user.* (roles and teamIds), so it is not repeated here. Teams are never deleted;
 * `active` is true until teams can be retired.
 */
export interface TeamSnapshotData {
  teamId: string;
  name: string;
  description: string | null;
  active: boolean;
  version: number;
  occurredAt: string;
}

export const teamSnapshotSchema: JsonSchema = object({
  teamId: uuid,
  name: text,
  description: nullableText,
  active: { type: 'boolean' },
  version: integer,
  occurredAt: dateTime,
});
