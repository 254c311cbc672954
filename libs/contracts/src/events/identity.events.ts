import { dateTime, integer, object, text, uuid, type JsonSchema } from '../json-schema.js';
import type { Role } from '../roles.js';

export const IDENTITY_USER_CREATED = 'identity.user.created';
export const IDENTITY_USER_UPDATED = 'identity.user.updated';

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
