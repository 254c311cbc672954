import { outboxArchiveMigration } from '@crm/messaging';
import { IdentitySchema1767000000000 } from './1767000000000-identity-schema.js';
import { RateLimits1767000100000 } from './1767000100000-rate-limits.js';

/** The identity schema's migrations, in order (ESM: listed explicitly, never globbed). */
export const IDENTITY_MIGRATIONS = [IdentitySchema1767000000000, RateLimits1767000100000, outboxArchiveMigration('identity')];
